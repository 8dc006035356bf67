/* Idiom: a recursive tree free that calls a per-node free which keeps statistics
 * (mawk's cell/node frees, lua's luaM_free accounting), declared as kind release. */
#include <stdio.h>
#include <stdlib.h>

struct node { int v; struct node *l, *r; };
static long freed_nodes;

static void node_free(struct node *n) { freed_nodes++; free(n); }
static void tree_free(struct node *n)
{
	if (!n) return;
	tree_free(n->l);
	tree_free(n->r);
	node_free(n);
}

static struct node *new_node(int v, struct node *l, struct node *r)
{
	struct node *n = malloc(sizeof *n);
	n->v = v; n->l = l; n->r = r;
	return n;
}

static int build(int d)
{
	struct node *t = new_node(1, new_node(2, NULL, NULL), new_node(3, new_node(4, NULL, NULL), NULL));
	int s = t->v + t->l->v + t->r->v + t->r->l->v + d;
	tree_free(t);
	return s;
}

int main(void)
{
	printf("%d\n", build(0));
	printf("%d\n", build(1));
	printf("freed %ld\n", freed_nodes);
	return 0;
}
