/* XOR-linked handle: a callee does g_key ^= (uintptr_t)p (compound assignment into a global, glibc PTR_MANGLE-ish) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct node { int v; char name[24]; };
static struct node *make_node(int v)
{
	struct node *n = malloc(sizeof *n);
	n->v = v;
	snprintf(n->name, sizeof n->name, "node-%d", v);
	return n;
}
static uintptr_t g_key = 0x5a5a5a5a5a5a5a5aULL;
static void mangle_in(const void *p) { g_key ^= (uintptr_t)p; }
static int push_node(int v)
{
	struct node *n = make_node(v);
	mangle_in(n);
	return n->v;
}
int main(void)
{
	printf("%d\n", push_node(6));
	struct node *n = (struct node *)(g_key ^ 0x5a5a5a5a5a5a5a5aULL);
	printf("%s\n", n->name);
	free(n);
	return 0;
}
