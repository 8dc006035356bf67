/* A `release` rule drops the only call of a static teardown function: the rewrite keeps a
 * reference, `(void)tree_free, (void)(t);`, so the file still builds under -Wall -Werror
 * instead of failing with "tree_free defined but not used". */
#include <stdio.h>
#include <stdlib.h>

struct tree {
	int v;
	struct tree *l, *r;
};

static struct tree *tree_new(int depth, int v)
{
	if (depth <= 0)
		return NULL;
	struct tree *t = malloc(sizeof(*t));
	if (!t)
		return NULL;
	t->v = v;
	t->l = tree_new(depth - 1, v * 2);
	t->r = tree_new(depth - 1, v * 2 + 1);
	return t;
}

static void tree_free(struct tree *t)
{
	if (!t)
		return;
	tree_free(t->l);
	tree_free(t->r);
	free(t);
}

static long tree_sum(const struct tree *t)
{
	return t ? t->v + tree_sum(t->l) + tree_sum(t->r) : 0;
}

static long tree_doc(int depth)
{
	struct tree *t = tree_new(depth, 1);
	long s = tree_sum(t);
	tree_free(t);
	return s;
}

int main(void)
{
	printf("%ld\n", tree_doc(4));
	return 0;
}
