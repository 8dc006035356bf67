/* Shape of worker threads that give up with pthread_exit from deep inside their work (thread
 * pools' fatal-error paths; redis's bio threads and many daemons end a worker this way): the
 * worker's batch function makes scratch copies, frees them, and calls pthread_exit when it meets
 * a poison item. UNSAFE: pthread_exit leaves process_batch without running the arena's release
 * (C code has no unwinding for cleanup attributes, and an inserted release is never reached), so
 * the arena's block leaks when the thread ends. A wrong acceptance leaks the arena
 * (LeakSanitizer in the arena build). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct batch {
	const char *const *items;
	int n;
	size_t done;
};

static size_t process_batch(struct batch *b)
{
	size_t bytes = 0;
	for (int i = 0; i < b->n; i++) {
		char *copy = strdup(b->items[i]);
		int poison = strcmp(copy, "poison") == 0;
		bytes += strlen(copy);
		free(copy);
		if (poison) {
			b->done = bytes;
			pthread_exit(NULL);
		}
	}
	return bytes;
}

static void *worker(void *arg)
{
	struct batch *b = arg;
	b->done = process_batch(b);
	return NULL;
}

int main(void)
{
	const char *ok[] = {"one", "two", "three"};
	const char *bad[] = {"four", "poison", "five"};
	struct batch b1 = {ok, 3, 0}, b2 = {bad, 3, 0};
	pthread_t t1, t2;
	pthread_create(&t1, NULL, worker, &b1);
	pthread_join(t1, NULL);
	pthread_create(&t2, NULL, worker, &b2);
	pthread_join(t2, NULL);
	printf("batch 1: %zu bytes, batch 2: %zu bytes\n", b1.done, b2.done);
	return 0;
}
