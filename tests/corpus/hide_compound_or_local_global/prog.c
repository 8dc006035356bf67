/* local compound then plain store: uintptr_t h = 0; h |= (uintptr_t)n; g = h;  (separates compound from the escape) */
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
static uintptr_t g;
static int push_node(int v)
{
	struct node *n = make_node(v);
	uintptr_t h = 0;
	h |= (uintptr_t)n;
	g = h;
	return n->v;
}
int main(void)
{
	printf("%d\n", push_node(6));
	struct node *n = (struct node *)g;
	printf("%s\n", n->name);
	free(n);
	return 0;
}
