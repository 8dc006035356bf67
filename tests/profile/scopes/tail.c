/* Callers of a tail-calling wrapper (tail_mem.c): the profile names make_pair as the allocating
 * function; --profile finds xmalloc in the source and says which rule to add. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *xmalloc(size_t n);

static size_t make_pair(int i)
{
	char *a = xmalloc(32), *b = xmalloc(64);
	if (!a || !b)
		abort();
	snprintf(a, 32, "%d", i);
	snprintf(b, 64, "%s-%s", a, a);
	size_t n = strlen(b);
	free(a);
	free(b);
	return n;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 500;
	size_t total = 0;
	for (int i = 0; i < n; i++)
		total += make_pair(i);
	printf("%zu\n", total);
	return 0;
}
