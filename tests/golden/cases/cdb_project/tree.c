#include "tree.h"
#include <stdlib.h>

static struct tree *put(struct tree *t, struct tree *n)
{
	if (!t)
		return n;
	t->kid[n->key > t->key] = put(t->kid[n->key > t->key], n);
	return t;
}

static long sum(const struct tree *t)
{
	return t ? t->key + sum(t->kid[0]) + sum(t->kid[1]) : 0;
}

/* Parses only with -Iinclude and -DTREE_KEY=long, which come from compile_commands.json. */
long tree_sum(const TREE_KEY *keys, size_t n)
{
	struct tree *root = NULL;
	for (size_t i = 0; i < n; i++) {
		struct tree *x = calloc(1, sizeof(*x));
		x->key = keys[i];
		root = put(root, x);
	}
	return sum(root);
}
