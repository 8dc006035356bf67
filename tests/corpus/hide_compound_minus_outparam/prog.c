/* *out -= (intptr_t)p through an out-parameter (address of a global), main negates back */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct node { int v; char name[24]; };
static struct node *make_node(int v)
{
	struct node *n = malloc(sizeof *n);
	n->v = v;
	snprintf(n->name, sizeof n->name, "node-%d", v);
	return n;
}
static intptr_t acc;
static void sub_into(intptr_t *out, const void *p) { *out -= (intptr_t)p; }
static int push_node(int v)
{
	struct node *n = make_node(v);
	sub_into(&acc, n);
	return n->v;
}
int main(void)
{
	printf("%d\n", push_node(6));
	struct node *n = (struct node *)(-acc);
	printf("%s\n", n->name);
	free(n);
	return 0;
}
