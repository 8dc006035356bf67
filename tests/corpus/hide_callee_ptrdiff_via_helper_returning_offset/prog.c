/* Idiom: a helper that turns a pointer into an offset from a region start (flex yy_buffer
 * rebasing, obstack's __PTR_ALIGN base), its result kept in a global. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
struct rec { int k; char v[16]; };
static char *region;
static ptrdiff_t saved;
static ptrdiff_t rel_of(const void *p) { return (const char *)p - region; }
static struct rec *make_rec(int k, const char *v)
{
	struct rec *r = malloc(sizeof *r);
	r->k = k;
	snprintf(r->v, sizeof r->v, "%s", v);
	return r;
}
static void load(void)
{
	struct rec *r = make_rec(9, "nine");
	saved = rel_of(r);
}
int main(void)
{
	static char anchor[1];
	region = anchor;
	load();
	struct rec *r = (struct rec *)(region + saved);
	printf("%d %s\n", r->k, r->v);
	free(r);
	return 0;
}
