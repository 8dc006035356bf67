/* Allocations in a thread: the profile's chain ends in the C library's frames (start_thread,
 * clone), which no source defines. Every scope the sources define refuses mk (its memory goes
 * into a global), and the reason given is that refusal, not the undefined frames above it. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
static char *keep[8];
static int nk;
__attribute__((noinline)) static char *mk(int i)
{
	char *p = malloc(8);
	snprintf(p, 8, "%d", i);
	return p;
}
__attribute__((noinline)) static void *worker(void *arg)
{
	(void)arg;
	for (int i = 0; i < 1000; i++) {
		char *p = mk(i);
		if (nk < 8)
			keep[nk++] = p;
		else
			free(p);
	}
	return NULL;
}
int main(void)
{
	pthread_t t;
	if (pthread_create(&t, NULL, worker, NULL) || pthread_join(t, NULL))
		return 1;
	for (int i = 0; i < nk; i++) {
		puts(keep[i]);
		free(keep[i]);
	}
	return 0;
}
