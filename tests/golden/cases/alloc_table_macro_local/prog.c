/* A function-local arena whose calls go through an allocator table spelled by a macro: the
 * address of libc's free is taken where the rewrite cannot rename it, and the table's free
 * would receive the arena's memory, so `work` is refused. `count` makes no call through a
 * pointer: it is rewritten. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	void *(*alloc)(size_t);
	void (*free)(void *);
} mem_t;

#define MEM_DEFAULT {malloc, free}
static mem_t MEM = MEM_DEFAULT;

static char *dup_with(const mem_t *m, const char *s)
{
	char *d = m->alloc(strlen(s) + 1);
	strcpy(d, s);
	return d;
}

static int work(const char *s)
{
	char *t = malloc(strlen(s) + 1);
	strcpy(t, s);
	char *u = dup_with(&MEM, t);
	int n = (int)strlen(u);
	MEM.free(t);
	MEM.free(u);
	return n;
}

static int count(int n)
{
	int *v = malloc((size_t)n * sizeof(*v));
	int sum = 0;
	for (int i = 0; i < n; i++)
		v[i] = i;
	for (int i = 0; i < n; i++)
		sum += v[i];
	free(v);
	return sum;
}

int main(void)
{
	printf("%d %d\n", work("hello"), count(10));
	return 0;
}
