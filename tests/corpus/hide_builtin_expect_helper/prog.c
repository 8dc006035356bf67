/* p = __builtin_expect(p, 1)-style pointer pass-through via (uintptr_t) in a likely() wrapper */
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
struct node { int v; long pad[3]; };
static struct node *make_node(int v) { struct node *n = malloc(sizeof *n); n->v = v; return n; }
static uintptr_t h; static uintptr_t keep_likely(uintptr_t x) { return __builtin_expect(x, 1); }
static int push_node(int v)
{
	struct node *n = make_node(v);
	h = keep_likely((uintptr_t)n);
	return n->v;
}
int main(void)
{
	printf("%d\n", push_node(4));
	struct node *n = (struct node *)(h);
	printf("%d\n", n->v);
	free(n);
	return 0;
}
