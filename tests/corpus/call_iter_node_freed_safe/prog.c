/* Idiom: an iterator allocated by a library function that keeps the root it is given
 * (cmark_iter_new, GLib's g_hash_table_iter, a directory walker), freed by the caller before
 * the tree it walks: the node holding the scope's pointer dies in the scope. */
#include <stdio.h>
#include <stdlib.h>

struct node {
	struct node *next;
	int v;
};

struct iter {
	struct node *cur;
	int steps;
};

static struct node *node_new(struct node *next, int v)
{
	struct node *n = malloc(sizeof *n);
	n->next = next;
	n->v = v;
	return n;
}

static struct iter *iter_new(struct node *root)
{
	struct iter *it = calloc(1, sizeof *it);
	it->cur = root;
	return it;
}

static struct node *iter_next(struct iter *it)
{
	struct node *n = it->cur;
	if (n) {
		it->cur = n->next;
		it->steps++;
	}
	return n;
}

static void iter_free(struct iter *it)
{
	free(it);
}

static long walk(struct node *root)
{
	struct iter *it = iter_new(root);
	long sum = 0;
	for (struct node *n; (n = iter_next(it));)
		sum += n->v;
	iter_free(it);
	return sum;
}

static long handle(int k)
{
	struct node *list = NULL;
	for (int i = 0; i < k; i++)
		list = node_new(list, i);
	long s = walk(list);
	while (list) {
		struct node *next = list->next;
		free(list);
		list = next;
	}
	return s;
}

int main(void)
{
	printf("%ld %ld\n", handle(10), handle(100));
	return 0;
}
