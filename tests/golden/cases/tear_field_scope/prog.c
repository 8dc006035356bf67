#define _POSIX_C_SOURCE 200809L
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * A request parses a document into a tree through three hotspots of its scope (a node, its
 * growing child array, a name copy) and tears it down; main holds the text in heap memory of
 * its own. Every store into the fields the teardown walks stores the scope's memory or null,
 * so the teardown frees only the scope's memory and is removed. The cases that build this
 * source with a -D (their `args`) change one thing:
 *  STATIC_TEXT   main's text is a literal, nothing else allocates (tear_scope_hotspots: removed)
 *  HEAP_LABEL    a heap string of main's becomes the root's name (tear_field_kept_heap: kept)
 *  NAME_BY_ADDR  a node's name is written through its address (tear_field_kept_addr: kept)
 *  MEMCPY_NODE   a node is filled by memcpy (tear_field_kept_memcpy: kept)
 *  BYTE_OFFSET   a node's name is written at its byte offset (tear_field_kept_offset: kept)
 *  KEEP_LAST     name_copy also keeps its copy in a global: the scope is refused with every
 *                hotspot of it, and the removal with them (tear_field_refused)
 */
struct node {
	char *name;
	struct node **kids;
	size_t nkids, cap;
};

#ifdef KEEP_LAST
static char *last_name;
#endif

static char *name_copy(const char *s, size_t len)
{
	char *r = strndup(s, len);
	if (!r)
		abort();
#ifdef KEEP_LAST
	last_name = r;
#endif
	return r;
}

#ifdef NAME_BY_ADDR
static void set_name(char **slot, const char *s, size_t len)
{
	*slot = len ? name_copy(s, len) : NULL;
}
#endif

static struct node *node_new(const char *s, size_t len)
{
#ifdef MEMCPY_NODE
	static const struct node blank;
	struct node *n = malloc(sizeof(*n));
	if (!n)
		abort();
	memcpy(n, &blank, sizeof(*n));
#else
	struct node *n = calloc(1, sizeof(*n));
	if (!n)
		abort();
#endif
#if defined NAME_BY_ADDR
	set_name(&n->name, s, len);
#elif defined BYTE_OFFSET
	*(char **)((char *)n + offsetof(struct node, name)) = len ? name_copy(s, len) : NULL;
#else
	n->name = len ? name_copy(s, len) : NULL;
#endif
	return n;
}

static void node_push(struct node *parent, struct node *kid)
{
	if (parent->nkids == parent->cap) {
		size_t cap = parent->cap ? parent->cap * 2 : 2;
		parent->kids = realloc(parent->kids, cap * sizeof(*parent->kids));
		if (!parent->kids)
			abort();
		parent->cap = cap;
	}
	parent->kids[parent->nkids++] = kid;
}

static void skip(const char **s)
{
	while (**s == ' ')
		++*s;
}

static struct node *parse(const char **s)
{
	skip(s);
	if (**s == '(') {
		struct node *n = node_new(NULL, 0);
		++*s;
		for (;;) {
			skip(s);
			if (!**s || **s == ')')
				break;
			node_push(n, parse(s));
		}
		if (**s)
			++*s;
		return n;
	}
	const char *b = *s;
	while (**s && **s != ' ' && **s != '(' && **s != ')')
		++*s;
	return node_new(b, (size_t)(*s - b));
}

static size_t count(const struct node *n)
{
	size_t c = 1 + (n->name ? strlen(n->name) : 0);
	for (size_t i = 0; i < n->nkids; i++)
		c += count(n->kids[i]);
	return c;
}

static void node_free(struct node *n)
{
	for (size_t i = 0; i < n->nkids; i++)
		node_free(n->kids[i]);
	free(n->kids);
	free(n->name);
	free(n);
}

static size_t handle(const char *text, char *label)
{
	const char *s = text;
	struct node *root = parse(&s);
	if (label && !root->name)
		root->name = label;
	else
		free(label);
	size_t c = count(root);
	node_free(root);
	return c;
}

#define TEXT "(ab (c de7) (f (g h i j) k) (l) m)"

int main(void)
{
#ifdef STATIC_TEXT
	const char *text = TEXT;
#else
	char *text = strdup(TEXT);
	if (!text)
		abort();
#endif
	size_t total = 0;
	for (int i = 0; i < 50; i++) {
#ifdef HEAP_LABEL
		total += handle(text, strdup("top"));
#else
		total += handle(text, NULL);
#endif
	}
	printf("%zu\n", total);
#ifndef STATIC_TEXT
	free(text);
#endif
	return 0;
}
