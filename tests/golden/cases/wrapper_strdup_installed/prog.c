/* A library that lets the program install its allocator (jansson's json_set_alloc_funcs) and
 * copies strings with it: my_strdup, listed with kind strdup, allocates through the installed
 * function and my_free frees through the installed free. The installed pair keeps a header in
 * front of each block, so a block from libc given to it crashes; it counts nothing (a count would
 * change where the arena takes the calls over: the rule check follows my_malloc's call through
 * do_malloc to the installed function). The rewritten call keeps my_strdup as the fallback
 * (arena_cur_strdup_with(my_strdup, s)): outside the scope, and in malloc mode, the string still
 * comes from the installed allocator. */
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
char *my_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = my_malloc(n);
	if (d)
		memcpy(d, s, n);
	return d;
}

static void *counting_malloc(size_t n)
{
	char *p = malloc(n + 16);
	if (!p)
		return NULL;
	memcpy(p, &n, sizeof(n));
	return p + 16;
}
static void counting_free(void *p)
{
	free((char *)p - 16);
}

struct node { struct node *next; char *s; };

static struct node *node_new(struct node *next, const char *s)
{
	struct node *n = my_malloc(sizeof(*n));
	n->next = next;
	n->s = my_strdup(s);
	return n;
}

static void list_free(struct node *n)
{
	while (n) { struct node *next = n->next; my_free(n->s); my_free(n); n = next; }
}

/* a hotspot with its own arena (the same in malloc mode: my_strdup's block, my_free's) */
static size_t label_len(const char *s)
{
	char *c = my_strdup(s);
	size_t n = strlen(c);
	my_free(c);
	return n;
}

static size_t handle(int k)
{
	struct node *l = NULL;
	for (int i = 0; i < k; i++)
		l = node_new(l, i % 2 ? "word" : "another");
	size_t len = 0;
	for (struct node *n = l; n; n = n->next)
		len += strlen(n->s);
	list_free(l);
	return len;
}

int main(void)
{
	size_t t = handle(10);
	set_alloc_funcs(counting_malloc, counting_free);
	for (int i = 0; i < 50; i++)
		t += handle(20) + label_len("label"); /* inside the arenas, with the installed allocator */
	/* outside every scope: the installed allocator makes and frees both blocks */
	struct node *l = node_new(node_new(NULL, "a"), "bc");
	printf("%s %s\n", l->s, l->next->s);
	list_free(l);
	printf("%zu\n", t);
	return 0;
}
