/* A free-kind wrapper taking the program's own struct (cmark_node_free, xmlFreeNode): it is no
 * void (*)(void *) fallback, so its calls test the owner first; the argument is written twice,
 * so only a variable, member or element is rewritten so. A second run leaves the test alone. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct item {
	char name[16];
	struct item *next;
};

static void item_free(struct item *it)
{
	free(it);
}

static struct item *push(struct item *head, const char *name)
{
	struct item *it = malloc(sizeof *it);
	snprintf(it->name, sizeof it->name, "%s", name);
	it->next = head;
	return it;
}

static size_t build(const char *const *names, int n)
{
	struct item *head = NULL;
	for (int i = 0; i < n; i++)
		head = push(head, names[i]);
	size_t total = 0;
	while (head) {
		struct item *next = head->next;
		total += strlen(head->name);
		item_free(head);
		head = next;
	}
	return total;
}

int main(void)
{
	const char *names[] = {"alpha", "beta", "gamma"};
	printf("%zu\n", build(names, 3));
	struct item *solo = push(NULL, "solo");
	printf("%s\n", solo->name);
	item_free(solo);
	return 0;
}
