/* Shape of cancellation-aware readers whose cleanup handler parks a partial result instead of
 * freeing it (a "last partial buffer" kept for a retry, as download and decompression helpers
 * do): pthread_cleanup_pop(1) runs the handler on the normal path too. UNSAFE once the buffer
 * is scope memory: the handler stores it in a static that main reads after the scope's arena is
 * gone. The region is no exit here (nothing cancels a thread), but its handler is a call
 * through a pointer, checked with what it is given. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *partial;

static char *make_buf(const char *s)
{
	return strdup(s);
}

static void park(void *p)
{
	partial = p;
}

static void work(void)
{
	char *b = make_buf("half done");
	pthread_cleanup_push(park, b);
	b[0] = 'H';
	pthread_cleanup_pop(1);
}

int main(void)
{
	work();
	printf("%s\n", partial);
	free(partial);
	return 0;
}
