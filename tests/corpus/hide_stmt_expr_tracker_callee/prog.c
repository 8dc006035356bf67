/* d09 neighbour: the statement-expression macro is used in a callee that returns the node; the integer store goes to
 * a global */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
struct node { int v; char name[24]; };
static struct node *make_node(int v)
{
	struct node *n = malloc(sizeof *n);
	n->v = v;
	snprintf(n->name, sizeof n->name, "node-%d", v);
	return n;
}
static uintptr_t last_addr;
#define NEW_TRACKED(v) ({ struct node *_n = make_node(v); last_addr = (uintptr_t)_n; _n; })
static struct node *build(int v) { return NEW_TRACKED(v); }
static int push_node(int v)
{
	struct node *n = build(v);
	return n->v;
}
int main(void)
{
	printf("%d\n", push_node(6));
	struct node *n = (struct node *)last_addr;
	printf("%s\n", n->name);
	free(n);
	return 0;
}
