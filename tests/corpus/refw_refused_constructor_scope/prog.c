/* A loader that builds a list of named items (a config loader, an address book, libxml2-style
 * node lists): item_new is the constructor, add_named names a fresh item with a copy of the name
 * and pushes it on the list, load builds and returns the list. A profile lists item_new scoped to
 * load (refused: load returns the list) and add_named with its own arena. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct item { char *name; struct item *next; };
struct list { struct item *head; };

static struct item *item_new(void)
{
	return calloc(1, sizeof(struct item));
}

static void list_push(struct list *l, struct item *it)
{
	it->next = l->head;
	l->head = it;
}

static void add_named(struct list *l, const char *name)
{
	struct item *it = item_new();
	it->name = strdup(name);
	list_push(l, it);
}

static struct list *load(const char *const *names, int n)
{
	struct list *l = calloc(1, sizeof *l);
	for (int i = 0; i < n; i++)
		add_named(l, names[i]);
	return l;
}

int main(void)
{
	const char *names[] = {"alpha", "beta", "gamma"};
	struct list *l = load(names, 3);
	for (struct item *it = l->head; it;) {
		struct item *next = it->next;
		printf("%s\n", it->name);
		free(it->name);
		free(it);
		it = next;
	}
	free(l);
	return 0;
}
