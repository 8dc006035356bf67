/* checked negation in a callee: __builtin_sub_overflow(0, (intptr_t)p, &out) stores -p into a global */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
struct node { int v; long pad; };
static struct node *make_node(int v) { struct node *n = malloc(sizeof *n); n->v = v; return n; }
static intptr_t handle; static void enc(const void *p) { if (__builtin_sub_overflow((intptr_t)0, (intptr_t)p, &handle)) abort(); }
static int push_node(int v)
{
	struct node *n = make_node(v);
	enc(n);
	return n->v;
}
int main(void)
{
	printf("%d\n", push_node(4));
	struct node *n = (struct node *)((uintptr_t)-handle);
	printf("%d\n", n->v);
	free(n);
	return 0;
}
