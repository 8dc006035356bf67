/* A recursive-descent parser (issue 22): parse_value builds a tree of nodes that parse_doc
 * returns; per_doc sums it and frees it with tree_free. The tree outlives parse_value and
 * parse_doc: the lifetime-bounding function is per_doc. */
#include <stdio.h>
#include <stdlib.h>

struct node {
	long num;
	struct node *kid, *next;
};

static struct node *node_new(long num)
{
	struct node *n = calloc(1, sizeof *n);
	if (!n)
		abort();
	n->num = num;
	return n;
}

/* value: digit | '(' value* ')' */
static struct node *parse_value(const char **s)
{
	if (**s == '(') {
		struct node *list = node_new(-1), **tail = &list->kid;
		(*s)++;
		while (**s && **s != ')') {
			*tail = parse_value(s);
			tail = &(*tail)->next;
		}
		if (**s == ')')
			(*s)++;
		return list;
	}
	return node_new(*(*s)++ - '0');
}

static struct node *parse_doc(const char *text)
{
	return parse_value(&text);
}

static long tree_sum(const struct node *n)
{
	long s = 0;
	for (; n; n = n->next)
		s += (n->num > 0 ? n->num : 0) + tree_sum(n->kid);
	return s;
}

static void tree_free(struct node *n)
{
	while (n) {
		struct node *next = n->next;
		tree_free(n->kid);
		free(n);
		n = next;
	}
}

static long per_doc(const char *text)
{
	struct node *t = parse_doc(text);
	long s = tree_sum(t);
	tree_free(t);
	return s;
}

int main(int argc, char **argv)
{
	int docs = argc > 1 ? atoi(argv[1]) : 200;
	long total = 0;
	for (int i = 0; i < docs; i++)
		total += per_doc("(12(34(56)7)(8(9(1)2)3)45(6(7)))");
	printf("%ld\n", total);
	return 0;
}
