#include "strmap.h"
#include "mem.h"

#include <stdlib.h>
#include <string.h>

/* FNV-1a */
static unsigned long hash(const char *s)
{
	unsigned long h = 1469598103934665603ul;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ul;
	return h;
}

const struct strmap_ent *strmap_find(const struct strmap *m, const char *key)
{
	if (!m->cap || !key)
		return NULL;
	for (size_t j = hash(key) & (m->cap - 1); m->slot[j].key; j = (j + 1) & (m->cap - 1))
		if (!strcmp(m->slot[j].key, key))
			return &m->slot[j];
	return NULL;
}

const struct strmap_ent *strmap_put(struct strmap *m, const char *key, int val)
{
	const struct strmap_ent *found = strmap_find(m, key);
	if (found)
		return found;
	if (2 * (m->n + 1) > m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 256;
		struct strmap_ent *slot = xcalloc(cap, sizeof(*slot));
		for (size_t i = 0; i < m->cap; i++) {
			if (!m->slot[i].key)
				continue;
			size_t j = hash(m->slot[i].key) & (cap - 1);
			while (slot[j].key)
				j = (j + 1) & (cap - 1);
			slot[j] = m->slot[i];
		}
		free(m->slot);
		m->slot = slot;
		m->cap = cap;
	}
	size_t j = hash(key) & (m->cap - 1);
	while (m->slot[j].key)
		j = (j + 1) & (m->cap - 1);
	m->slot[j] = (struct strmap_ent){key, val};
	m->n++;
	return &m->slot[j];
}

void strmap_free(struct strmap *m)
{
	free(m->slot);
	m->slot = NULL;
	m->n = m->cap = 0;
}
