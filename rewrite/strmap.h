/*
 * strmap: an open-addressing hash map from strings to ints, the one table behind the ast's
 * string pool, the call graph's and the summaries' USR indexes and the lint's USR sets.
 *
 * The map does not own its keys: a key must stay valid, unchanged, for as long as the map
 * holds it (callers store pointers to strings they own, e.g. strdup'd USRs or interned
 * strings). strmap_free releases the table only. Lookups and inserts are O(1) expected; the
 * table doubles at half load, so probes stay short.
 */
#ifndef ARW_STRMAP_H
#define ARW_STRMAP_H

#include <stddef.h>

struct strmap_ent {
	const char *key; /* NULL: empty slot */
	int val;
};

struct strmap {
	struct strmap_ent *slot;
	size_t n, cap;
};

#define STRMAP_INIT                                                                                \
	{                                                                                          \
		NULL, 0, 0                                                                         \
	}

/* The entry whose key equals key, or NULL. */
const struct strmap_ent *strmap_find(const struct strmap *m, const char *key);
/* The entry for key, inserted with val when absent (an existing entry keeps its value). */
const struct strmap_ent *strmap_put(struct strmap *m, const char *key, int val);
void strmap_free(struct strmap *m);

#endif
