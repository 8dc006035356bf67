/* GNU statement expression macro that records the address as an integer (systemd/glib style helpers) */
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
static uintptr_t last_addr;
#define NEW_TRACKED(v) ({ struct node *_n = make_node(v); last_addr = (uintptr_t)_n; _n; })
static int push_node(int v)
{
	struct node *n = NEW_TRACKED(v);
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
