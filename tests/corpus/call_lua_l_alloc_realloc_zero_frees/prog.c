/* lua lauxlib.c l_alloc: one function for malloc/realloc/free; nsize == 0 frees. The hotspot
 * allocates nodes; they are released through l_alloc(ud, p, osize, 0). */
#include <stdio.h>
#include <stdlib.h>
struct node { int v; struct node *next; };
static void *l_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	(void)ud; (void)osize;
	if (nsize == 0) { free(ptr); return NULL; }
	return realloc(ptr, nsize);
}
static struct node *new_node(int v, struct node *nx) { struct node *n = malloc(sizeof *n); n->v = v; n->next = nx; return n; }
static int run_list(int k)
{
	struct node *l = NULL;
	for (int i = 0; i < k; i++) l = new_node(i, l);
	int s = 0;
	while (l) { struct node *nx = l->next; s += l->v; l_alloc(NULL, l, sizeof *l, 0); l = nx; }
	return s;
}
int main(void) { printf("%d\n", run_list(10)); return 0; }
