#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A release rule names tree_free, but the hotspot leaves one buffer of each node on the heap:
 * its strdup is written in a macro's argument, which cannot be edited. Dropping tree_free in
 * the scope would leak those names, so the call is kept, with a note naming the buffer. */
#define CHECKED(x) (x)

struct node {
	char *name;
	struct node *next;
};

static struct node *node_new(const char *name, struct node *next)
{
	struct node *n = malloc(sizeof *n);
	n->name = CHECKED(strdup(name));
	n->next = next;
	return n;
}

static void tree_free(struct node *n)
{
	while (n) {
		struct node *next = n->next;
		free(n->name);
		free(n);
		n = next;
	}
}

static void handle(int k)
{
	struct node *list = NULL;
	for (int i = 0; i < k; i++)
		list = node_new(i % 2 ? "odd" : "even", list);
	size_t total = 0;
	for (struct node *n = list; n; n = n->next)
		total += strlen(n->name);
	printf("%zu\n", total);
	tree_free(list);
}

int main(void)
{
	handle(3);
	handle(10);
	return 0;
}
