/* The same cleanup region as call_cleanup_push_handler_safe (lighttpd's and openssh's thread
 * helpers), in a worker that gives up with pthread_exit on bad input, from inside the region,
 * as thread code that reports a fatal error does. pthread_exit runs the cleanup handler (which
 * frees the buffer) and goes on unwinding through __pthread_unwind_next: the thread leaves
 * worker_step without returning. UNSAFE once worker_step is a scope: its arena is never
 * released and stays the thread's current one. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dup_buf(const char *s)
{
	char *p = malloc(strlen(s) + 1);
	strcpy(p, s);
	return p;
}

static void free_buf(void *p)
{
	free(p);
}

static size_t worker_step(const char *s)
{
	char *b = dup_buf(s);
	size_t n;
	pthread_cleanup_push(free_buf, b);
	if (!*b) {
		printf("empty input\n");
		pthread_exit(NULL);
	}
	n = strlen(b);
	printf("%s\n", b);
	pthread_cleanup_pop(1);
	return n;
}

static void *worker(void *arg)
{
	size_t *total = arg;
	*total += worker_step("one");
	*total += worker_step("");
	*total += worker_step("never");
	return NULL;
}

int main(void)
{
	pthread_t t;
	size_t total = 0;
	if (pthread_create(&t, NULL, worker, &total))
		return 1;
	pthread_join(t, NULL);
	printf("%zu bytes\n", total);
	return 0;
}
