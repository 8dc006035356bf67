/* _Atomic uintptr_t word with compound |= (an atomic fetch_or by the language), tagged-pointer publish */
#include <stdatomic.h>
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
static _Atomic uintptr_t word;
static int push_node(int v)
{
	struct node *n = make_node(v);
	word |= (uintptr_t)n;
	return n->v;
}
int main(void)
{
	printf("%d\n", push_node(6));
	struct node *n = (struct node *)(uintptr_t)word;
	printf("%s\n", n->name);
	free(n);
	return 0;
}
