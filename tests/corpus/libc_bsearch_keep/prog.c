/* Shape of table lookups that bsearch a freshly built, sorted table and hand back the entry they
 * found (nginx's and busybox's sorted keyword tables, git's string-list lookups), the table being
 * owned by whoever holds the entry (it is the table's first slot when the key sorts first).
 * UNSAFE: bsearch returns a pointer into its base array; with the table built in load_and_find's
 * arena, the entry returned points into memory released when load_and_find returns. A wrong
 * acceptance reads freed memory in main and frees arena memory with libc free. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct kw {
	const char *name;
	int code;
};

static int cmp_kw(const void *a, const void *b)
{
	return strcmp(((const struct kw *)a)->name, ((const struct kw *)b)->name);
}

static struct kw *load_and_find(const char *key)
{
	static const char *names[] = {"while", "if", "for", "do", "else"};
	struct kw *table = malloc(5 * sizeof *table);
	for (int i = 0; i < 5; i++) {
		table[i].name = names[i];
		table[i].code = 100 + i;
	}
	qsort(table, 5, sizeof *table, cmp_kw);
	struct kw probe = {key, 0};
	struct kw *hit = bsearch(&probe, table, 5, sizeof *table, cmp_kw);
	if (hit != table) { /* only the first keyword owns the table */
		free(table);
		return NULL;
	}
	return hit;
}

int main(void)
{
	const char *keys[] = {"do", "if", "zz"};
	for (int i = 0; i < 3; i++) {
		struct kw *k = load_and_find(keys[i]);
		if (k)
			printf("%s -> %d\n", k->name, k->code);
		else
			printf("%s -> not first\n", keys[i]);
		free(k);
	}
	return 0;
}
