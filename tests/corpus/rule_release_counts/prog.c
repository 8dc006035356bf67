/* A tree's recursive free that also keeps the library's live-object count (libxml2's
 * xmlMemFree accounting, jq's jv_mem debugging); the count is printed at the end. Declared as
 * kind release. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tnode { struct tnode *kid[2]; int v; };
static int live;

static struct tnode *tnode_new(int v)
{
	struct tnode *t = malloc(sizeof *t);
	t->kid[0] = t->kid[1] = NULL;
	t->v = v;
	live++;
	return t;
}

static void tree_free(struct tnode *t)
{
	if (!t)
		return;
	tree_free(t->kid[0]);
	tree_free(t->kid[1]);
	live--;
	free(t);
}

static int build_and_sum(int depth)
{
	struct tnode *root = tnode_new(1);
	root->kid[0] = tnode_new(2);
	root->kid[1] = tnode_new(3);
	if (depth > 1)
		root->kid[0]->kid[0] = tnode_new(4);
	int s = root->v + root->kid[0]->v + root->kid[1]->v;
	tree_free(root);
	return s;
}

int main(void)
{
	printf("%d\n", build_and_sum(1));
	printf("%d\n", build_and_sum(2));
	printf("live %d\n", live);
	return 0;
}
