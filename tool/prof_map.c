/*
 * prof_map: the hash map behind --profile's interning and aggregation (declared in prof.h).
 *
 * Invariants: `cap` is 0 or a power of two; the table is never more than half full, so a probe
 * always reaches an empty slot; an entry's `key` is its own allocation, never moved by a resize,
 * which is what lets prof.c use interned keys as stable string pointers. There is no removal:
 * profiles only ever add names.
 */
#include "prof.h"
#include "mem.h"

#include <stdlib.h>
#include <string.h>

/* FNV-1a: short keys (names, pairs of pointers), no adversary that matters for a local tool. */
static size_t hash_bytes(const void *key, size_t n)
{
	const unsigned char *p = key;
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 1099511628211ull;
	}
	return (size_t)(h ^ (h >> 32));
}

static struct pmap_ent *probe(const struct pmap_ent *v, size_t cap, const void *key, size_t klen,
                              size_t h)
{
	size_t i = h & (cap - 1);
	for (;;) {
		const struct pmap_ent *s = &v[i];
		if (!s->key || (s->hash == h && s->klen == klen && !memcmp(s->key, key, klen)))
			return (struct pmap_ent *)s;
		i = (i + 1) & (cap - 1);
	}
}

struct pmap_ent *pmap_get(const struct pmap *m, const void *key, size_t klen)
{
	if (!m->cap)
		return NULL;
	struct pmap_ent *s = probe(m->v, m->cap, key, klen, hash_bytes(key, klen));
	return s->key ? s : NULL;
}

static void grow(struct pmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64;
	struct pmap_ent *v = xcalloc(cap, sizeof(*v));
	for (size_t i = 0; i < m->cap; i++)
		if (m->v[i].key)
			*probe(v, cap, m->v[i].key, m->v[i].klen, m->v[i].hash) = m->v[i];
	free(m->v);
	m->v = v;
	m->cap = cap;
}

struct pmap_ent *pmap_put(struct pmap *m, const void *key, size_t klen, int *created)
{
	if ((m->n + 1) * 2 > m->cap)
		grow(m);
	size_t h = hash_bytes(key, klen);
	struct pmap_ent *s = probe(m->v, m->cap, key, klen, h);
	if (created)
		*created = !s->key;
	if (!s->key) {
		s->key = xmalloc(klen + 1);
		memcpy(s->key, key, klen);
		s->key[klen] = '\0';
		s->klen = klen;
		s->hash = h;
		s->val = 0;
		m->n++;
	}
	return s;
}

void pmap_free(struct pmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->v[i].key);
	free(m->v);
	memset(m, 0, sizeof(*m));
}
