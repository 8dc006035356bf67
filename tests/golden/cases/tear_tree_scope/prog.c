#include <stdio.h>
#include <stdlib.h>

/* A scope builds a tree through one hotspot of its scope and tears it down before it returns:
 * every node comes from the scope's arena, so the recursive teardown is removed. */
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

static long handle(int depth)
{
	struct node *t = build(depth);
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
