/*
 * A scope around a loop of documents: run() parses 400 small documents in turn, each into a
 * tree of about 700 nodes that is digested and freed before the next. The hotspot's scope is
 * run(), the loop, not the document: the arena holds every document's tree until the loop
 * ends, where the original program holds one at a time (a scope per document would hold one
 * too). usage: docloop [RUNS].
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "main.h"

struct node {
	unsigned key;
	struct node *left, *right;
	char *name;
};

static struct node *node_new(unsigned key)
{
	struct node *n = malloc(sizeof(*n));
	char buf[16];
	size_t len = (size_t)(put_uint(put_text(buf, "n"), key) - buf);

	n->key = key;
	n->left = n->right = NULL;
	n->name = malloc(len + 1);
	memcpy(n->name, buf, len);
	n->name[len] = '\0';
	return n;
}

static struct node *insert(struct node *t, struct node *n)
{
	struct node **at = &t;

	while (*at)
		at = n->key < (*at)->key ? &(*at)->left : &(*at)->right;
	*at = n;
	return t;
}

static unsigned long digest(const struct node *t)
{
	return t ? t->key + 31 * digest(t->left) + 17 * digest(t->right) + (unsigned char)t->name[1]
	         : 0;
}

static void tree_free(struct node *t)
{
	if (!t)
		return;
	tree_free(t->left);
	tree_free(t->right);
	free(t->name);
	free(t);
}

static unsigned long run(unsigned round)
{
	unsigned long h = 0;

	for (unsigned doc = 0; doc < 400; doc++) {
		struct node *t = NULL;
		unsigned seed = doc * 2654435761u + round;

		for (unsigned i = 0; i < 700; i++) {
			seed = seed * 1103515245u + 12345u;
			t = insert(t, node_new(seed >> 8));
		}
		h = h * 31 + digest(t);
		tree_free(t);
	}
	return h;
}

int main(int argc, char **argv)
{
	return bench_main(argc, argv, 5, run);
}
