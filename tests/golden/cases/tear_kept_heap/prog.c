#include <stdio.h>
#include <stdlib.h>

/* The tree's root comes from node_new, which the rewrite leaves on the heap: the teardown
 * frees heap memory, so it must stay (and stays correct: arena_free frees heap memory). */
struct node {
	struct node *kid;
	int v;
};

static struct node *node_new(int v)
{
	struct node *n = malloc(sizeof(*n));
	if (n) {
		n->kid = NULL;
		n->v = v;
	}
	return n;
}

static void chain_free(struct node *n)
{
	if (!n)
		return;
	chain_free(n->kid);
	free(n);
}

static int build(int depth)
{
	struct node *root = node_new(0);
	if (!root)
		return -1;
	struct node *at = root;
	for (int i = 1; i < depth; i++) {
		struct node *k = malloc(sizeof(*k));
		if (!k)
			break;
		k->kid = NULL;
		k->v = i;
		at->kid = k;
		at = k;
	}
	int s = 0;
	for (at = root; at; at = at->kid)
		s += at->v;
	chain_free(root);
	return s;
}

int main(void)
{
	printf("%d\n", build(100));
	return 0;
}
