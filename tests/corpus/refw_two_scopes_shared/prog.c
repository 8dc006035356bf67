/* Shape of a compiler front end with two passes that build trees with one constructor and free
 * them with one walk (lua's parser and code generator sharing expression descriptors, bc's
 * parse and eval): eval_expr builds, evaluates and frees a tree (a correct scope), parse_stmt
 * returns the tree it built (a refused scope). The right output refuses parse_stmt, rewrites
 * eval_expr and node_new for eval_expr, and keeps node_free ownership-aware, since eval_expr's
 * arena memory reaches it. A tool that drops node_free's edits with the refused scope hands
 * eval_expr's memory to libc free (crash). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct node {
	char op;
	int value;
	struct node *l, *r;
};

static struct node *node_new(char op, int value, struct node *l, struct node *r)
{
	struct node *n = malloc(sizeof *n);
	n->op = op;
	n->value = value;
	n->l = l;
	n->r = r;
	return n;
}

static void node_free(struct node *n)
{
	if (!n)
		return;
	node_free(n->l);
	node_free(n->r);
	free(n);
}

static int eval(const struct node *n)
{
	if (n->op == 'n')
		return n->value;
	int a = eval(n->l), b = eval(n->r);
	return n->op == '+' ? a + b : a * b;
}

static struct node *build(const char *s)
{
	struct node *t = node_new('n', s[0] - '0', NULL, NULL);
	for (size_t i = 1; s[i] && s[i + 1]; i += 2)
		t = node_new(s[i], 0, t, node_new('n', s[i + 1] - '0', NULL, NULL));
	return t;
}

static int eval_expr(const char *s)
{
	struct node *t = build(s);
	int v = eval(t);
	node_free(t);
	return v;
}

static struct node *parse_stmt(const char *s)
{
	return build(s);
}

int main(void)
{
	printf("%d\n", eval_expr("1+2*3"));
	struct node *t = parse_stmt("4*5+6");
	printf("%d\n", eval(t));
	node_free(t);
	return 0;
}
