/* The program installs its own allocator (as jansson's json_set_alloc_funcs does) and calls it
 * through the wrappers my_malloc/my_free, listed as `name` rules. The rewritten calls keep the
 * wrapper as the fallback (arena_cur_alloc_with(my_malloc, n), arena_free_with(my_free, p)):
 * memory from the installed allocator still goes back to it, never to libc free. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void *(*malloc_t)(size_t);
typedef void (*free_t)(void *);
static malloc_t do_malloc = malloc;
static free_t do_free = free;

void set_alloc_funcs(malloc_t m, free_t f) { do_malloc = m; do_free = f; }
void *my_malloc(size_t n) { return do_malloc(n); }
void my_free(void *p) { if (p) do_free(p); }

static void *hdr_malloc(size_t n)
{
	char *p = malloc(n + 16);
	memcpy(p, &n, sizeof(n));
	return p + 16;
}
static void hdr_free(void *p) { free((char *)p - 16); }

struct node { struct node *next; char *s; };

static char *label(const char *s)
{
	char *c = my_malloc(strlen(s) + 1);
	strcpy(c, s);
	return c;
}

static struct node *node_new(struct node *next, const char *s)
{
	struct node *n = my_malloc(sizeof(*n));
	n->next = next;
	n->s = label(s);
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
	for (int i = 0; i < 100; i++)
		t += handle(100);
	/* outside every scope, with the program's own allocator installed */
	set_alloc_funcs(hdr_malloc, hdr_free);
	struct node *l = node_new(node_new(NULL, "a"), "b");
	list_free(l);
	printf("%zu\n", t);
	return 0;
}
