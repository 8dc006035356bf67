/* callee: return -(p - region) with region a static base (flex/bison buffer rebasing, stored negated) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
struct node { int v; long pad; };
static struct node *make_node(int v) { struct node *n = malloc(sizeof *n); n->v = v; return n; }
static char region[16];
static intptr_t handle;
static intptr_t encode(const void *p) { return -((const char *)p - region); }
static int push_node(int v)
{
	struct node *n = make_node(v);
	handle = encode(n);
	return n->v;
}
int main(void)
{
	printf("%d\n", push_node(4));
	struct node *n = (struct node *)((uintptr_t)region - (uintptr_t)handle);
	printf("%d\n", n->v);
	free(n);
	return 0;
}
