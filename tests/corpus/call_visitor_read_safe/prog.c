/* Shape of tree visitors with a callback and a closure (cmark's iterator users, libxml2's
 * xmlHashScan, git's for_each_string_list_item with a function): a scratch tree is built and
 * walked with a callback that only adds up what it reads into the closure. SAFE: the callback,
 * reached through a function pointer, keeps nothing; only an integer leaves weigh_doc. A tool
 * that refuses every call through a pointer that receives arena memory, even when every possible
 * target is in the sources and only reads, is over-cautious. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct node {
	char *text;
	struct node *kid, *next;
};

typedef void visit_fn(const struct node *n, void *closure);

static void walk(const struct node *n, visit_fn *fn, void *closure)
{
	for (; n; n = n->next) {
		fn(n, closure);
		walk(n->kid, fn, closure);
	}
}

static void add_len(const struct node *n, void *closure)
{
	*(size_t *)closure += strlen(n->text);
}

static struct node *mk(const char *t, struct node *kid, struct node *next)
{
	struct node *n = malloc(sizeof *n);
	n->text = strdup(t);
	n->kid = kid;
	n->next = next;
	return n;
}

static void drop(struct node *n)
{
	while (n) {
		struct node *next = n->next;
		drop(n->kid);
		free(n->text);
		free(n);
		n = next;
	}
}

static size_t weigh_doc(const char *title)
{
	struct node *doc = mk(title, mk("para one", NULL, mk("para two", NULL, NULL)), NULL);
	size_t total = 0;
	walk(doc, add_len, &total);
	drop(doc);
	return total;
}

int main(void)
{
	printf("%zu\n", weigh_doc("Title"));
	return 0;
}
