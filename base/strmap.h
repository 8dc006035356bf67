/*
 * strmap: the tool's one hash table, an open-addressing map from keys to ints. Behind the ast's
 * string pool, the call graph's and the summaries' USR indexes, the lint's USR sets, the
 * conversion's declaration maps (cx*.c) and --profile's interning and aggregation (tool/prof*).
 *
 * Keys are C strings (strmap_find/put), byte strings of a given length that may hold NULs
 * (strmap_findb/putb), or opaque values compared by caller-given functions (a map made with
 * strmap_init_ops: libclang cursors, which only libclang can hash and compare).
 *
 * Ownership: the map does not own its keys: a key must stay valid, unchanged, for as long as the
 * map holds it (callers store pointers to strings they own, e.g. strdup'd USRs or interned
 * strings). strmap_putb_dup is the exception: it stores a copy of the key, which strmap_free_keys
 * (not strmap_free) releases. A map holds either borrowed or copied keys, never both.
 *
 * Invariants: cap is 0 or a power of two; the table doubles at half load, so probes stay short
 * and always reach an empty slot; an entry's key pointer never changes once stored (a resize
 * moves entries, not keys), so a stored key can serve as an interned string. Entry pointers are
 * valid until the next insertion. There is no removal.
 */
#ifndef ARW_STRMAP_H
#define ARW_STRMAP_H

#include <stddef.h>

struct strmap_ent {
	const char *key; /* NULL: empty slot */
	int val;
	size_t len;  /* key bytes (opaque keys: 0) */
	size_t hash; /* the key's full hash */
};

/* Opaque keys: hash and equality of two keys as stored (the pointers given to put). */
struct strmap_ops {
	size_t (*hash)(const void *key);
	int (*eq)(const void *a, const void *b);
};

struct strmap {
	struct strmap_ent *slot;
	size_t n, cap;
	const struct strmap_ops *ops; /* NULL: string and byte keys */
};

#define STRMAP_INIT                                                                                \
	{                                                                                          \
		NULL, 0, 0, NULL                                                                   \
	}

/* The entry whose key equals key, or NULL. */
const struct strmap_ent *strmap_find(const struct strmap *m, const char *key);
/* The entry for key, inserted with val when absent (an existing entry keeps its value). */
const struct strmap_ent *strmap_put(struct strmap *m, const char *key, int val);
/* The same for a key of len bytes (NULs allowed). */
struct strmap_ent *strmap_findb(const struct strmap *m, const void *key, size_t len);
struct strmap_ent *strmap_putb(struct strmap *m, const void *key, size_t len, int val);
/* strmap_putb storing a NUL-terminated copy of the key; *created tells whether it was absent. */
struct strmap_ent *strmap_putb_dup(struct strmap *m, const void *key, size_t len, int val,
                                   int *created);
void strmap_free(struct strmap *m);
/* strmap_free, after freeing every key (maps filled by strmap_putb_dup, or owning callers). */
void strmap_free_keys(struct strmap *m);

/* Opaque keys (see struct strmap_ops). */
void strmap_init_ops(struct strmap *m, const struct strmap_ops *ops);
struct strmap_ent *strmap_findk(const struct strmap *m, const void *key);
struct strmap_ent *strmap_putk(struct strmap *m, const void *key, int val);

#endif
