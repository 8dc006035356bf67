/* A `name` rule for a static wrapper (xmalloc, kind malloc) replaces its only call: the wrapper
 * stays the fallback, `arena_alloc_with(&arena, xmalloc, ...)`, so the file still builds under
 * -Wall -Werror ("xmalloc defined but not used" otherwise). */
#include <stdio.h>
#include <stdlib.h>

static void *xmalloc(size_t n)
{
	void *p = malloc(n);
	if (!p)
		abort();
	return p;
}

static int sum(int n)
{
	int *v = xmalloc((size_t)n * sizeof(*v));
	int s = 0;
	for (int i = 0; i < n; i++)
		s += v[i] = i;
	free(v);
	return s;
}

int main(void)
{
	printf("%d\n", sum(10));
	return 0;
}
