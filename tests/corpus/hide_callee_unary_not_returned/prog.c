/* handle = ~address (a cheap obfuscation of user-visible handles), returned by a callee. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
struct node { int v; long pad; };
static struct node *make_node(int v) { struct node *n = malloc(sizeof *n); n->v = v; return n; }
static uintptr_t handle;
static uintptr_t obfuscate(const void *p) { return ~(uintptr_t)p; }
static int push_node(int v)
{
	struct node *n = make_node(v);
	handle = obfuscate(n);
	return n->v;
}
int main(void)
{
	printf("%d\n", push_node(4));
	struct node *n = (struct node *)~handle;
	printf("%d\n", n->v);
	free(n);
	return 0;
}
