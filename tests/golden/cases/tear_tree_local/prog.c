#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A binary search tree built and torn down by one function: the teardown is a recursive walk
 * that only frees, and every node and name comes from the function's own allocations. */
struct node {
	struct node *left, *right;
	char *name;
	int key;
};

static void tree_free(struct node *n)
{
	if (!n)
		return;
	tree_free(n->left);
	tree_free(n->right);
	free(n->name);
	free(n);
}

static long tree_sum(const struct node *n)
{
	return n ? n->key + (long)strlen(n->name) + tree_sum(n->left) + tree_sum(n->right) : 0;
}

static long build_and_sum(int count)
{
	struct node *root = NULL;
	char buf[32];
	for (int i = 0; i < count; i++) {
		struct node *n = calloc(1, sizeof(*n));
		if (!n)
			break;
		n->key = (i * 7919) % 1000;
		snprintf(buf, sizeof(buf), "k%d", n->key);
		n->name = strdup(buf);
		struct node **at = &root;
		while (*at)
			at = n->key < (*at)->key ? &(*at)->left : &(*at)->right;
		*at = n;
	}
	long s = tree_sum(root);
	tree_free(root);
	return s;
}

int main(void)
{
	printf("%ld\n", build_and_sum(500));
	printf("%ld\n", build_and_sum(3));
	return 0;
}
