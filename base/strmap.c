#include "strmap.h"
#include "mem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* FNV-1a: short keys (names, USRs, pairs of pointers), no adversary that matters here. */
static size_t hash_bytes(const void *key, size_t n)
{
	const unsigned char *p = key;
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 1099511628211ull;
	return (size_t)(h ^ (h >> 32));
}

static size_t hash_of(const struct strmap *m, const void *key, size_t len)
{
	return m->ops ? m->ops->hash(key) : hash_bytes(key, len);
}

/* The slot holding key, or the empty slot where it belongs. */
static struct strmap_ent *probe(const struct strmap *m, struct strmap_ent *slot, size_t cap,
                                const void *key, size_t len, size_t h)
{
	for (size_t j = h & (cap - 1);; j = (j + 1) & (cap - 1)) {
		struct strmap_ent *s = &slot[j];
		if (!s->key)
			return s;
		if (s->hash != h)
			continue;
		if (m->ops ? m->ops->eq(s->key, key) : s->len == len && !memcmp(s->key, key, len))
			return s;
	}
}

static void grow(struct strmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 256;
	struct strmap_ent *slot = xcalloc(cap, sizeof(*slot));
	for (size_t i = 0; i < m->cap; i++) {
		const struct strmap_ent *s = &m->slot[i];
		if (!s->key)
			continue;
		size_t j = s->hash & (cap - 1);
		while (slot[j].key)
			j = (j + 1) & (cap - 1);
		slot[j] = *s;
	}
	free(m->slot);
	m->slot = slot;
	m->cap = cap;
}

static struct strmap_ent *find(const struct strmap *m, const void *key, size_t len)
{
	if (!m->cap || !key)
		return NULL;
	struct strmap_ent *s = probe(m, m->slot, m->cap, key, len, hash_of(m, key, len));
	return s->key ? s : NULL;
}

/* The entry for key, inserted with val when absent (dup: a copy of the key is stored). */
static struct strmap_ent *put(struct strmap *m, const void *key, size_t len, int val, int *created,
                              int dup)
{
	if (2 * (m->n + 1) > m->cap)
		grow(m);
	size_t h = hash_of(m, key, len);
	struct strmap_ent *s = probe(m, m->slot, m->cap, key, len, h);
	if (created)
		*created = !s->key;
	if (s->key)
		return s;
	const char *k = key;
	if (dup) {
		char *c = xmalloc(len + 1);
		memcpy(c, key, len);
		c[len] = '\0';
		k = c;
	}
	*s = (struct strmap_ent){k, val, len, h};
	m->n++;
	return s;
}

const struct strmap_ent *strmap_find(const struct strmap *m, const char *key)
{
	return key ? find(m, key, strlen(key)) : NULL;
}

const struct strmap_ent *strmap_put(struct strmap *m, const char *key, int val)
{
	return put(m, key, strlen(key), val, NULL, 0);
}

struct strmap_ent *strmap_findb(const struct strmap *m, const void *key, size_t len)
{
	return find(m, key, len);
}

struct strmap_ent *strmap_putb(struct strmap *m, const void *key, size_t len, int val)
{
	return put(m, key, len, val, NULL, 0);
}

struct strmap_ent *strmap_putb_dup(struct strmap *m, const void *key, size_t len, int val,
                                   int *created)
{
	return put(m, key, len, val, created, 1);
}

void strmap_init_ops(struct strmap *m, const struct strmap_ops *ops)
{
	memset(m, 0, sizeof(*m));
	m->ops = ops;
}

struct strmap_ent *strmap_findk(const struct strmap *m, const void *key)
{
	return find(m, key, 0);
}

struct strmap_ent *strmap_putk(struct strmap *m, const void *key, int val)
{
	return put(m, key, 0, val, NULL, 0);
}

void strmap_free(struct strmap *m)
{
	free(m->slot);
	m->slot = NULL;
	m->n = m->cap = 0;
}

void strmap_free_keys(struct strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free((char *)m->slot[i].key);
	strmap_free(m);
}
