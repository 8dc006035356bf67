/* redis dict.c dictAdd shape: a callee allocates an entry, sets entry->key = key, and links it into a
 * bucket array reached through a global dict pointer (d->table[h] = entry). Hot: dup_buf, scope step. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct entry { struct entry *next; char *key; int val; };
struct dict { struct entry *table[8]; };
static struct dict *gdict;
static char *dup_buf(const char *s) { char *p = malloc(strlen(s) + 1); strcpy(p, s); return p; }
static void dict_add(struct dict *d, char *key, int val)
{
	unsigned h = (unsigned)strlen(key) & 7;
	struct entry *e = malloc(sizeof *e);
	e->key = key;
	e->val = val;
	e->next = d->table[h];
	d->table[h] = e;
}
static size_t step(const char *s, int v)
{
	char *k = dup_buf(s);
	dict_add(gdict, k, v);
	return strlen(k);
}
int main(void)
{
	gdict = calloc(1, sizeof *gdict);
	size_t t = step("one", 1) + step("three", 3);
	char *d = dup_buf("filler-filler-filler");
	for (int i = 0; i < 8; i++) for (struct entry *e = gdict->table[i], *n; e; e = n) { n = e->next; printf("%s=%d\n", e->key, e->val); free(e->key); free(e); }
	free(gdict);
	printf("%zu %s\n", t, d);
	free(d);
	return 0;
}
