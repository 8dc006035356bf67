/* Shape of calls through a cast of free (((void (*)(void *))free)(p), seen where a deallocator
 * of another type is stored: glib-style GDestroyNotify casts, hash-table value destructors
 * written inline): tally releases its scratch buffer through a cast of free's address. UNSAFE
 * unless that address becomes the ownership-aware free: the buffer is arena memory after the
 * rewrite. A wrong acceptance crashes in free (ASan: attempting free on address which was not
 * malloc()-ed). A rewrite of the address to arena_free would be right. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void destroy_fn(void *);

static int tally(const char *s)
{
	int *counts = calloc(26, sizeof *counts);
	int distinct = 0;
	for (; *s; s++)
		if (*s >= 'a' && *s <= 'z' && counts[*s - 'a']++ == 0)
			distinct++;
	((destroy_fn *)free)(counts);
	return distinct;
}

int main(void)
{
	printf("%d %d\n", tally("hello world"), tally("arena"));
	return 0;
}
