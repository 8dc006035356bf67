/* Idiom: the union byte view (union { void *p; unsigned char b[8]; }) copied into a global
 * byte slot (LMDB MDB_val / sd-bus message payload copies). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct item { char s[16]; };
union view { struct item *p; unsigned char b[sizeof(struct item *)]; };
static unsigned char slot[sizeof(struct item *)];
static struct item *make_item(const char *s) { struct item *i = malloc(sizeof *i); snprintf(i->s, sizeof i->s, "%s", s); return i; }
static void stash(const char *s)
{
	union view v;
	v.p = make_item(s);
	memcpy(slot, v.b, sizeof slot);
}
int main(void)
{
	stash("union-copied");
	union view v;
	memcpy(v.b, slot, sizeof v.b);
	printf("%s\n", v.p->s);
	free(v.p);
	return 0;
}
