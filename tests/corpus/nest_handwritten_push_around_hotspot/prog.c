/* Idiom: a half-converted program (the runtime already used by hand for a scratch region,
 * as docs/tutorial.md suggests) gets a new hotspot whose scope is the outer function; the
 * hotspot is reached while the hand-written scratch scope is pushed. */
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
	arena_push(&scratch);
	char *tmp = arena_cur_strdup(s);
	for (char *c = tmp; *c; c++) if (*c == '-') *c = '_';
	struct node *n = new_node(tmp);
	n->next = head;
	arena_pop(&scratch);
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
