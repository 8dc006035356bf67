#include <stdio.h>
#include <stdlib.h>

/* The teardown would be removable, but the scope keeps a node in a global: the scope is
 * refused, its hotspot with it, and the removal goes with them. Nothing is written: the
 * ownership-aware frees were needed by the refused scope only. */
struct node {
	struct node *left, *right;
	int depth;
};

static struct node *build(int depth)
{
	struct node *n = malloc(sizeof(*n));
	if (!n)
		return NULL;
	n->depth = depth;
	n->left = depth > 0 ? build(depth - 1) : NULL;
	n->right = depth > 1 ? build(depth - 2) : NULL;
	return n;
}

static long count(const struct node *n)
{
	return n ? 1 + count(n->left) + count(n->right) : 0;
}

static void tree_free(struct node *n)
{
	if (n) {
		tree_free(n->left);
		tree_free(n->right);
		free(n);
	}
}

static struct node *last;

static long handle(int depth)
{
	struct node *t = build(depth);
	last = t;
	long c = count(t);
	tree_free(t);
	return c;
}

int main(void)
{
	for (int d = 0; d < 12; d += 3)
		printf("%d: %ld\n", d, handle(d));
	return 0;
}
