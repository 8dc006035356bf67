/* Hotspots with a `scope`: the arena belongs to the scope function; returns from the hotspot
 * are fine, the scope function returning the memory is not. */
#include <stdlib.h>
#include <string.h>

struct tnode {
	int key;
	struct tnode *left, *right;
};

static struct tnode *last_leaf;

struct tnode *node_new(int key)
{
	struct tnode *n = calloc(1, sizeof *n);
	n->key = key;
	return n;
}

static struct tnode *build_tree(int depth)
{
	struct tnode *n = node_new(depth);
	if (depth > 0) {
		n->left = build_tree(depth - 1);
		n->right = build_tree(depth - 1);
	}
	return n;
}

static void free_tree(struct tnode *n)
{
	if (!n)
		return;
	free_tree(n->left);
	free_tree(n->right);
	free(n);
}

static int sum_tree(const struct tnode *n)
{
	return n ? n->key + sum_tree(n->left) + sum_tree(n->right) : 0;
}

int handle_request(int depth)
{
	struct tnode *t = build_tree(depth);
	int s = sum_tree(t);
	free_tree(t);
	return s;
}

struct tnode *leaf_new(int key)
{
	struct tnode *n = malloc(sizeof *n);
	memset(n, 0, sizeof *n);
	n->key = key;
	return n;
}

void remember_leaf(int key)
{
	last_leaf = leaf_new(key); /* expect: arena-escape-global */
}

struct tnode *serve(int key)
{
	struct tnode *n = leaf_new(key);
	remember_leaf(key + 1);
	return n; /* expect: arena-escape-return */
}

int serve_count(int key)
{
	struct tnode *n = leaf_new(key);
	int k = n->key;
	free(n);
	return k;
}
