/* callee writes -(uintptr_t)p through an out-parameter that is a global (a15-like with unary minus). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
struct node { int v; long pad; };
static struct node *make_node(int v) { struct node *n = malloc(sizeof *n); n->v = v; return n; }
static uintptr_t handle;
static void encode_to(uintptr_t *out, const void *p) { *out = -(uintptr_t)p; }
static int push_node(int v)
{
	struct node *n = make_node(v);
	encode_to(&handle, n);
	return n->v;
}
int main(void)
{
	printf("%d\n", push_node(4));
	struct node *n = (struct node *)-handle;
	printf("%d\n", n->v);
	free(n);
	return 0;
}
