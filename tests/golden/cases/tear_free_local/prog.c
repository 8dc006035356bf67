#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Frees at the end of a function with its own arena: each frees a local that only ever holds
 * the arena's allocations (or null), so the release right after frees it too, whatever the
 * callees write into the memory. Each kept free breaks one condition. */
static char *put(char *d, const char *s)
{
	size_t n = strlen(s);
	memcpy(d, s, n + 1);
	return d + n;
}

static void fill(char **slot, char *heap)
{
	*slot = heap;
}

static unsigned long work(unsigned i, char *given)
{
	char *name = malloc(32), *alias = NULL, *moved = NULL, *later;
	unsigned long r = i;
	put(put(name, "k"), i % 2 ? "odd" : "even");
	r += strlen(name);
	alias = i % 3 ? name : NULL;
	fill(&moved, given);                 /* its address is taken: kept */
	for (unsigned k = 0; k < 2; k++) {
		char *t = malloc(4);
		t[0] = (char)('a' + k);
		r += (unsigned char)t[0];
		free(t);                         /* in a loop: kept */
	}
	later = malloc(16);
	r += alias ? 1u : 0u;
	free(moved);                         /* a heap string from the caller: kept (it frees it) */
	later[0] = 'x';
	r += (unsigned char)later[0];
	free(later);
	free(name);
	return r;
}

static unsigned long early(unsigned i)
{
	char *a = malloc(8), *b;
	a[0] = 1;
	free(a);                             /* an allocation follows: kept */
	b = malloc(8);
	b[0] = (char)i;
	unsigned long r = (unsigned char)b[0];
	free(b);
	return r;
}

int main(void)
{
	unsigned long s = 0;
	for (unsigned i = 0; i < 100; i++) {
		char *g = malloc(6);
		memcpy(g, "given", 6);
		s += work(i, g) + early(i);
	}
	printf("%lu\n", s);
	return 0;
}
