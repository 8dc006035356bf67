#include <stdio.h>
#include <stdlib.h>

#define NEW(type) ((type *)malloc(sizeof(type)))
#define CHECKED(x) (x)

struct point {
	int x, y;
};

/* Calls inside macros are left alone and reported; the ownership-aware free copes with the
 * mix of heap and arena memory. */
static int manhattan(int a, int b)
{
	struct point *p = NEW(struct point);
	struct point *q = CHECKED(malloc(sizeof *q));
	struct point *r = malloc(sizeof *r);
	p->x = a;
	p->y = b;
	q->x = b;
	q->y = a;
	r->x = abs(p->x - q->x);
	r->y = abs(p->y - q->y);
	int d = r->x + r->y;
	free(p);
	free(q);
	free(r);
	return d;
}

int main(void)
{
	printf("%d %d\n", manhattan(3, 10), manhattan(-4, 4));
	return 0;
}
