#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A library that allocates only through hook pointers, as cJSON does: the rules name the
 * fields, so calls through them are rewritten like calls of malloc and free. */
struct hooks {
	void *(*allocate)(size_t size);
	void (*deallocate)(void *p);
};

static struct hooks global_hooks = {malloc, free};

/* Like cJSON_InitHooks: the program may install its own allocator. */
static void init_hooks(void *(*allocate)(size_t), void (*deallocate)(void *))
{
	global_hooks.allocate = allocate ? allocate : malloc;
	global_hooks.deallocate = deallocate ? deallocate : free;
}

struct item {
	int value;
	struct item *next;
};

static struct item *item_new(int value, struct item *next)
{
	struct item *it = global_hooks.allocate(sizeof(*it));
	it->value = value;
	it->next = next;
	return it;
}

static void item_delete(struct item *it)
{
	while (it) {
		struct item *n = it->next;
		global_hooks.deallocate(it);
		it = n;
	}
}

static struct item *parse_list(const char *s)
{
	struct item *head = NULL;
	for (; *s; s++)
		if (*s >= '0' && *s <= '9')
			head = item_new(*s - '0', head);
	return head;
}

/* The scope. */
static int sum_doc(const char *doc)
{
	struct item *list = parse_list(doc);
	int s = 0;
	for (struct item *it = list; it; it = it->next)
		s += it->value;
	item_delete(list);
	return s;
}

int main(void)
{
	init_hooks(NULL, NULL);
	printf("%d %d\n", sum_doc("1,2,3,4"), sum_doc("[9, 8, 7]"));
	return 0;
}
