/* Idiom: self-relative offsets (lmdb/obstack-style "offset from base" handles): the record's
 * distance from a global base pointer is stored instead of the pointer. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct rec { int k; char v[16]; };
static char *base;
static ptrdiff_t saved_off;
static struct rec *make_rec(int k, const char *v)
{
	struct rec *r = malloc(sizeof *r);
	r->k = k;
	snprintf(r->v, sizeof r->v, "%s", v);
	return r;
}
static void load(void)
{
	struct rec *r = make_rec(7, "seven");
	saved_off = (char *)r - base;
}
int main(void)
{
	static char anchor[1];
	base = anchor;
	load();
	struct rec *r = (struct rec *)(base + saved_off);
	printf("%d %s\n", r->k, r->v);
	free(r);
	return 0;
}
