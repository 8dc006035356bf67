/* the scope returns a handle built by compound assignment on a local: h = 0; h |= (uintptr_t)n; return h; */
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
static uintptr_t push_node(int v)
{
	struct node *n = make_node(v);
	uintptr_t h = 0;
	h |= (uintptr_t)n;
	return h;
}
int main(void)
{
	struct node *n = (struct node *)push_node(6);
	printf("%s\n", n->name);
	free(n);
	return 0;
}
