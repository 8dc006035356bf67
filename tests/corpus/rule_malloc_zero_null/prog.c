/*
 * jansson's jsonp_malloc: a malloc wrapper that returns NULL for a size of 0
 * (`if (!size) return NULL;`), and a caller that takes NULL as "empty". Kind malloc would give
 * the arena's block for 0 bytes instead, and the caller would take the other branch: the rule
 * does not fit (exit 2).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *jsonp_malloc(size_t size)
{
	if (!size)
		return NULL;
	return malloc(size);
}

static int copy_items(const int *v, size_t n)
{
	int *c = jsonp_malloc(n * sizeof *c);
	if (!c)
		return -1;
	memcpy(c, v, n * sizeof *c);
	int s = 0;
	for (size_t i = 0; i < n; i++)
		s += c[i];
	free(c);
	return s;
}

int main(void)
{
	int v[3] = {1, 2, 3};
	printf("%d %d\n", copy_items(v, 3), copy_items(v, 0));
	return 0;
}
