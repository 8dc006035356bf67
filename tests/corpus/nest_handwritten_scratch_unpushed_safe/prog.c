/* A half-converted program: add_item already uses a scratch arena by hand, without pushing it
 * (arena_strdup(&scratch, s)), and a new hotspot (new_node, scope build) is reached while the
 * scratch arena is live. Nothing is pushed between build and new_node, so the node comes from
 * build's arena and outlives add_item as it must. SAFE: the rewrite may go ahead. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "arena_rt.h"
struct node { char name[16]; struct node *next; };
static struct node *new_node(const char *s)
{
	struct node *n = malloc(sizeof *n);
	snprintf(n->name, sizeof n->name, "%s", s);
	n->next = NULL;
	return n;
}
static struct node *add_item(struct node *head, const char *s)
{
	arena_t scratch = ARENA_INIT;
	char *tmp = arena_strdup(&scratch, s);
	for (char *c = tmp; *c; c++) if (*c == '-') *c = '_';
	struct node *n = new_node(tmp);
	n->next = head;
	arena_release(&scratch);
	return n;
}
static void build(const char **items, int k)
{
	struct node *head = NULL;
	for (int i = 0; i < k; i++) head = add_item(head, items[i]);
	for (struct node *n = head; n;) { struct node *nx = n->next; printf("%s\n", n->name); free(n); n = nx; }
}
int main(void)
{
	const char *it[] = {"a-b", "c-d"};
	build(it, 2);
	return 0;
}
