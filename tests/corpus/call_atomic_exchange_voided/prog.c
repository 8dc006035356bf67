/* __atomic_exchange_n(&slot, p, SEQ_CST) swaps a new object into a global slot */
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
struct node { int v; long pad[3]; };
static struct node *make_node(int v) { struct node *n = malloc(sizeof *n); n->v = v; return n; }
static struct node *slot;
static int push_node(int v)
{
	struct node *n = make_node(v);
	(void)__atomic_exchange_n(&slot, n, __ATOMIC_SEQ_CST);
	return n->v;
}
int main(void)
{
	printf("%d\n", push_node(4));
	struct node *n = (struct node *)(slot);
	printf("%d\n", n->v);
	free(n);
	return 0;
}
