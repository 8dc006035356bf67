/* Shape of cancellation-aware worker code (lighttpd's and openssh's thread helpers, glibc's own
 * examples of pthread_cleanup_push): a buffer is registered with a cleanup handler that frees
 * it, and pthread_cleanup_pop(1) runs the handler on the normal path. glibc's macros expand
 * to a __sigsetjmp_cancel / __pthread_unwind_next pair that only a cancelled or exiting thread
 * takes. SAFE: the program neither cancels a thread nor calls pthread_exit, so the unwinding
 * path is never taken; the handler frees the buffer through a program function, whose free the
 * rewrite makes ownership-aware, and keeps nothing. A tool that reads every cleanup region as a
 * non-local exit is over-cautious. */
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
	for (char *q = b; *q; q++)
		if (*q >= 'a' && *q <= 'z')
			*q = (char)(*q - 'a' + 'A');
	n = strlen(b);
	printf("%s\n", b);
	pthread_cleanup_pop(1);
	return n;
}

static void *worker(void *arg)
{
	size_t *total = arg;
	*total += worker_step("one");
	*total += worker_step("three");
	return NULL;
}

int main(void)
{
	pthread_t t;
	size_t total = 0;
	if (pthread_create(&t, NULL, worker, &total))
		return 1;
	pthread_join(t, NULL);
	char *done = dup_buf("done");
	printf("%zu bytes, %s\n", total, done);
	free(done);
	return 0;
}
