/* Allocation through a global function-pointer variable the program can set (jansson's
 * `static json_malloc_t do_malloc = malloc;`), called as `(*do_malloc)(n)`: nothing to rewrite,
 * and the run says so at the call instead of leaving the hotspot silently unchanged. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void *(*malloc_t)(size_t);
typedef void (*free_t)(void *);
static malloc_t do_malloc = malloc;
static free_t do_free = free;

void set_alloc_funcs(malloc_t m, free_t f) { do_malloc = m; do_free = f; }
static void *my_malloc(size_t n) { return n ? (*do_malloc)(n) : NULL; }
static void my_free(void *p) { if (p) (*do_free)(p); }

struct node { struct node *next; char *s; };

static struct node *node_new(struct node *next, const char *s)
{
	struct node *n = my_malloc(sizeof(*n));
	n->next = next;
	n->s = my_malloc(strlen(s) + 1);
	strcpy(n->s, s);
	return n;
}

static void list_free(struct node *n)
{
	while (n) { struct node *next = n->next; my_free(n->s); my_free(n); n = next; }
}

static size_t handle(int k)
{
	struct node *l = NULL;
	for (int i = 0; i < k; i++)
		l = node_new(l, "word");
	size_t len = 0;
	for (struct node *n = l; n; n = n->next)
		len += strlen(n->s);
	list_free(l);
	return len;
}

int main(void)
{
	size_t t = 0;
	for (int i = 0; i < 1000; i++)
		t += handle(100);
	printf("%zu\n", t);
	return 0;
}
