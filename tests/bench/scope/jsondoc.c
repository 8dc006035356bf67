/*
 * A JSON-document-like workload for the scope benchmark: each request parses a document
 * into a tree of small nodes (objects, arrays with growing child arrays, strings, numbers),
 * walks it, and frees it recursively, as a request handler does. The rewriter turns
 * node_new, node_push and parse_string's copy into allocations from handle_doc's scope.
 *
 * usage: jsondoc [DOCS] ; prints a checksum so the variants can be compared.
 * Built with -DHAND_ARENA, node allocation uses a hand-written bump arena instead (the
 * reference point of the issue: what a person would write by hand).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum type { T_NUM, T_STR, T_ARR, T_OBJ };

struct node {
	enum type type;
	double num;
	char *str; /* T_STR value, or the key of an object member */
	struct node **kids;
	size_t nkids, cap;
};

#ifdef HAND_ARENA
static char *bump, *bump_end;
static char **chunks;
static size_t nchunks;
static void *hand_alloc(size_t n)
{
	n = (n + 15) & ~(size_t)15;
	if ((size_t)(bump_end - bump) < n) {
		size_t sz = n > (1 << 20) ? n : (1 << 20);
		bump = malloc(sz);
		bump_end = bump + sz;
		chunks = realloc(chunks, (nchunks + 1) * sizeof(*chunks));
		chunks[nchunks++] = bump;
	}
	void *p = bump;
	bump += n;
	return p;
}
static void hand_reset(void)
{
	for (size_t i = 0; i < nchunks; i++)
		free(chunks[i]);
	nchunks = 0;
	bump = bump_end = NULL;
}
#define node_alloc(n)        hand_alloc(n)
#define kids_grow(p, old, n) memcpy(hand_alloc(n), (p), (old))
#define str_copy(s, n)       memcpy(hand_alloc((n) + 1), (s), (n))
#endif

static struct node *node_new(enum type type)
{
#ifdef HAND_ARENA
	struct node *n = node_alloc(sizeof(*n));
#else
	struct node *n = malloc(sizeof(*n));
#endif
	memset(n, 0, sizeof(*n));
	n->type = type;
	return n;
}

static void node_push(struct node *parent, struct node *kid)
{
	if (parent->nkids == parent->cap) {
		size_t cap = parent->cap ? parent->cap * 2 : 4;
#ifdef HAND_ARENA
		parent->kids = parent->kids
		                   ? kids_grow(parent->kids, parent->cap * sizeof(*parent->kids),
		                               cap * sizeof(*parent->kids))
		                   : hand_alloc(cap * sizeof(*parent->kids));
#else
		parent->kids = realloc(parent->kids, cap * sizeof(*parent->kids));
#endif
		parent->cap = cap;
	}
	parent->kids[parent->nkids++] = kid;
}

static char *parse_string(const char **s)
{
	const char *b = ++*s;
	while (**s && **s != '"')
		++*s;
	size_t n = (size_t)(*s - b);
	if (**s)
		++*s;
#ifdef HAND_ARENA
	char *r = str_copy(b, n);
	r[n] = '\0';
	return r;
#else
	return strndup(b, n);
#endif
}

static void skip(const char **s)
{
	while (**s == ' ' || **s == '\n' || **s == ',' || **s == ':')
		++*s;
}

static struct node *parse_value(const char **s)
{
	skip(s);
	struct node *n;
	if (**s == '{' || **s == '[') {
		int obj = **s == '{';
		n = node_new(obj ? T_OBJ : T_ARR);
		++*s;
		for (;;) {
			skip(s);
			if (!**s || **s == '}' || **s == ']')
				break;
			char *key = obj ? parse_string(s) : NULL;
			struct node *kid = parse_value(s);
			kid->str = kid->type == T_STR ? kid->str : key;
#ifndef HAND_ARENA
			if (kid->type == T_STR && key)
				free(key);
#endif
			node_push(n, kid);
		}
		if (**s)
			++*s;
	} else if (**s == '"') {
		n = node_new(T_STR);
		n->str = parse_string(s);
	} else {
		/* Integers only, as most documents hold: the cost under test is allocation. */
		n = node_new(T_NUM);
		long v = 0;
		int neg = **s == '-';
		if (neg)
			++*s;
		while (**s >= '0' && **s <= '9')
			v = v * 10 + (*(*s)++ - '0');
		if (!(**s == ',' || **s == ']' || **s == '}' || **s == ' ' || !**s))
			++*s;
		n->num = (double)(neg ? -v : v);
	}
	return n;
}

static double walk(const struct node *n)
{
	double sum = n->num + (n->str ? (double)strlen(n->str) : 0.0);
	for (size_t i = 0; i < n->nkids; i++)
		sum += walk(n->kids[i]);
	return sum;
}

static void node_free(struct node *n)
{
	for (size_t i = 0; i < n->nkids; i++)
		node_free(n->kids[i]);
	free(n->kids);
	free(n->str);
	free(n);
}

/* The request: parse, use, free. Its exit outlives every node: the arena's scope. */
static double handle_doc(const char *text)
{
	const char *s = text;
	struct node *root = parse_value(&s);
	double sum = walk(root);
#ifdef HAND_ARENA
	(void)node_free;
	hand_reset();
#else
	node_free(root);
#endif
	return sum;
}

/* A deterministic document: objects of arrays of small records. */
static char *make_doc(unsigned seed, size_t records)
{
	size_t cap = records * 192 + 64, len = 0;
	char *d = malloc(cap);
	len += (size_t)snprintf(d + len, cap - len, "{\"items\": [");
	for (size_t i = 0; i < records; i++) {
		seed = seed * 1103515245u + 12345u;
		len += (size_t)snprintf(
		    d + len, cap - len,
		    "{\"id\": %zu, \"name\": \"n%u\", \"tags\": [\"a\", \"bc\", %u, "
		    "[%u, %u]], \"v\": %u, \"samples\": [%u, %u, %u, %u, %u, %u, %u, "
		    "%u]},",
		    i, seed % 1000, seed % 7, seed % 5, seed % 3, seed % 100, seed % 9, seed % 11,
		    seed % 13, seed % 17, seed % 19, seed % 23, seed % 29, seed % 31);
	}
	snprintf(d + len, cap - len, "]}");
	return d;
}

int main(int argc, char **argv)
{
	int docs = argc > 1 ? atoi(argv[1]) : 2000;
	char *doc = make_doc(42, 400);
	double total = 0;
	for (int i = 0; i < docs; i++)
		total += handle_doc(doc);
	printf("%.0f\n", total);
	free(doc);
	return 0;
}
