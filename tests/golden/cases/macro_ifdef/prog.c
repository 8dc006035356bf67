#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A macro defined twice under #ifdef: the definition the compile command makes active is
 * the one rewritten. */
#ifdef USE_CALLOC
#define NEW(t) ((t *)calloc(1, sizeof(t)))
#else
#define NEW(t) ((t *)malloc(sizeof(t)))
#endif

struct pair {
	int a, b;
};

static struct pair *pair_of(int a, int b)
{
	struct pair *p = NEW(struct pair);
	p->a = a;
	p->b = b;
	return p;
}

static void sum(int n)
{
	long s = 0;
	for (int i = 0; i < n; i++) {
		struct pair *p = pair_of(i, 2 * i);
		s += p->a + p->b;
		free(p);
	}
	printf("%ld\n", s);
}

int main(void)
{
	sum(10);
	sum(100);
	return 0;
}
