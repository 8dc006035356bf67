/* Idiom: relocatable offsets (flex's yy_buffer offsets / bison's stack rebase): a record's
 * offset from a base kept in the caller's context struct, rebuilt later. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
struct rec { int k; };
struct ctx { char *base; ptrdiff_t off; };
static struct rec *make_rec(int k) { struct rec *r = malloc(sizeof *r); r->k = k; return r; }
static void load(struct ctx *c, int k) { struct rec *r = make_rec(k); c->off = (char *)r - c->base; }
int main(void)
{
	static char a[1];
	struct ctx c = { a, 0 };
	load(&c, 9);
	struct rec *r = (struct rec *)(c.base + c.off);
	printf("%d\n", r->k);
	free(r);
	return 0;
}
