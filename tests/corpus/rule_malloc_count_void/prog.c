/* A typed constructor new_cells(count) returning count cells (mawk's ZMALLOC(type) style
 * macros, busybox's xzalloc(n * sizeof)). Declared in the rules as kind malloc. */
#include <stdio.h>
#include <stdlib.h>

typedef struct { int type; double dval; } CELL;

static void *new_cells(size_t count)
{
	CELL *c = malloc(count * sizeof *c);
	for (size_t i = 0; i < count; i++)
		c[i].type = 0;
	return c;
}

static double eval(int n)
{
	CELL *stack = new_cells((size_t)n);
	double s = 0;
	for (int i = 0; i < n; i++) {
		stack[i].type = 1;
		stack[i].dval = i * 1.5;
	}
	for (int i = 0; i < n; i++)
		s += stack[i].dval;
	free(stack);
	return s;
}

int main(void)
{
	printf("%.1f\n", eval(8));
	return 0;
}
