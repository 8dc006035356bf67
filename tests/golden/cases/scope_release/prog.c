#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A recursive-descent parser for nested lists of numbers and names: "(1 (2 x) y)". Nodes are
 * built by node_new, children arrays grow with realloc, and tree_free releases it all. */
enum kind { NUM, NAME, LIST };

struct node {
	enum kind kind;
	long value;
	char *name;
	struct node **kids;
	size_t nkids, cap;
};

static struct node *node_new(enum kind kind)
{
	struct node *n = malloc(sizeof(*n));
	if (!n)
		return NULL;
	memset(n, 0, sizeof(*n));
	n->kind = kind;
	return n;
}

static int node_add(struct node *parent, struct node *kid)
{
	if (parent->nkids == parent->cap) {
		size_t cap = parent->cap ? 2 * parent->cap : 2;
		struct node **k = realloc(parent->kids, cap * sizeof(*k));
		if (!k)
			return -1;
		parent->kids = k;
		parent->cap = cap;
	}
	parent->kids[parent->nkids++] = kid;
	return 0;
}

static void tree_free(struct node *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->nkids; i++)
		tree_free(n->kids[i]);
	free(n->kids);
	free(n->name);
	free(n);
}

static struct node *parse(const char **s);

static struct node *parse_list(const char **s)
{
	struct node *list = node_new(LIST);
	(*s)++;
	for (;;) {
		while (isspace((unsigned char)**s))
			(*s)++;
		if (**s == ')' || !**s)
			break;
		struct node *kid = parse(s);
		if (!kid || node_add(list, kid)) {
			tree_free(kid);
			tree_free(list);
			return NULL;
		}
	}
	if (**s == ')')
		(*s)++;
	return list;
}

static struct node *parse(const char **s)
{
	while (isspace((unsigned char)**s))
		(*s)++;
	if (**s == '(')
		return parse_list(s);
	if (isdigit((unsigned char)**s)) {
		struct node *n = node_new(NUM);
		n->value = strtol(*s, (char **)s, 10);
		return n;
	}
	const char *b = *s;
	while (isalpha((unsigned char)**s))
		(*s)++;
	if (*s == b)
		return NULL;
	struct node *n = node_new(NAME);
	n->name = strndup(b, (size_t)(*s - b));
	return n;
}

static long weigh(const struct node *n)
{
	long w = n->kind == NUM ? n->value : n->kind == NAME ? (long)strlen(n->name) : 1;
	for (size_t i = 0; i < n->nkids; i++)
		w += weigh(n->kids[i]);
	return w;
}

/* The scope: every node of a request dies before it returns. */
static long handle_request(const char *text)
{
	const char *s = text;
	struct node *tree = parse(&s);
	if (!tree)
		return -1;
	long w = weigh(tree);
	tree_free(tree);
	return w;
}

int main(void)
{
	const char *reqs[] = {"(1 2 3)", "(10 (20 abc) (30 (40 de)) f)", "(", "((((x))))", "7"};
	for (int i = 0; i < 5; i++)
		printf("%s => %ld\n", reqs[i], handle_request(reqs[i]));
	/* Outside any scope: node_new takes its memory from the heap. */
	struct node *lone = node_new(NUM);
	lone->value = 42;
	printf("lone %ld\n", weigh(lone));
	tree_free(lone);
	return 0;
}
