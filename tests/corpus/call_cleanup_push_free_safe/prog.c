/* Shape of thread helpers that register libc's free itself as the cleanup handler
 * (`pthread_cleanup_push(free, buf)`: openssh's and lighttpd's thread helpers, many examples of
 * cancellation-safe code): pthread_cleanup_pop(1) calls free(buf) through glibc's macros.
 * SAFE: the program neither cancels a thread nor calls pthread_exit, so only the pop's call
 * runs the handler; free is spelled as the macro's whole argument in the file, so the rewrite
 * can name the ownership-aware free there, which frees arena memory as the arena's and heap
 * memory as libc's. */
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

static void worker_step(const char *s)
{
	char *b = dup_buf(s);
	pthread_cleanup_push(free, b);
	printf("%s\n", b);
	pthread_cleanup_pop(1);
}

static void *worker(void *arg)
{
	(void)arg;
	worker_step("one");
	worker_step("two");
	return NULL;
}

int main(void)
{
	pthread_t t;
	if (pthread_create(&t, NULL, worker, NULL))
		return 1;
	pthread_join(t, NULL);
	char *last = dup_buf("joined");
	printf("%s\n", last);
	free(last);
	return 0;
}
