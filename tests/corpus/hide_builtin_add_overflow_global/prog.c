/* checked arithmetic writing its result through a pointer: __builtin_add_overflow((uintptr_t)p, 16, &handle) (a biased handle with overflow check) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
struct node { int v; long pad; };
static struct node *make_node(int v) { struct node *n = malloc(sizeof *n); n->v = v; return n; }
static uintptr_t handle;
static int push_node(int v)
{
	struct node *n = make_node(v);
	if (__builtin_add_overflow((uintptr_t)n, 16, &handle)) abort();
	return n->v;
}
int main(void)
{
	printf("%d\n", push_node(4));
	struct node *n = (struct node *)(handle - 16);
	printf("%d\n", n->v);
	free(n);
	return 0;
}
