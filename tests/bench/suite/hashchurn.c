/*
 * Hash table churn, a scope per session: session() fills a chained hash table with string keys
 * (an entry and a key copy per insert), deletes and re-inserts keys as a cache does, looks keys
 * up, then destroys the table (a walk over every chain). usage: hashchurn [SESSIONS]; prints a
 * checksum. -DHAND_ARENA: the hand-written arena of hand.h, deletes only unlink, no teardown.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "main.h"
#ifdef HAND_ARENA
#include "hand.h"
#define malloc(n)    hand_alloc(n)
#define calloc(n, s) hand_calloc(n, s)
#define free(p)      ((void)(p))
#endif

struct entry {
	struct entry *next;
	char *key;
	unsigned long value;
};

struct table {
	struct entry **slot;
	size_t nslots;
};

static size_t hash(const char *s)
{
	size_t h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

static void table_init(struct table *t, size_t nslots)
{
	t->slot = calloc(nslots, sizeof(*t->slot));
	t->nslots = nslots;
}

static void table_put(struct table *t, const char *key, unsigned long value)
{
	struct entry **pe = &t->slot[hash(key) % t->nslots], *e;
	size_t n = strlen(key);

	e = malloc(sizeof(*e));
	e->key = malloc(n + 1);
	memcpy(e->key, key, n + 1);
	e->value = value;
	e->next = *pe;
	*pe = e;
}

static int table_del(struct table *t, const char *key)
{
	for (struct entry **pe = &t->slot[hash(key) % t->nslots]; *pe; pe = &(*pe)->next)
		if (!strcmp((*pe)->key, key)) {
			struct entry *e = *pe;

			*pe = e->next;
			free(e->key);
			free(e);
			return 1;
		}
	return 0;
}

static unsigned long table_get(const struct table *t, const char *key)
{
	for (const struct entry *e = t->slot[hash(key) % t->nslots]; e; e = e->next)
		if (!strcmp(e->key, key))
			return e->value;
	return 0;
}

static void table_free(struct table *t)
{
#ifndef HAND_ARENA
	for (size_t i = 0; i < t->nslots; i++) {
		struct entry *e = t->slot[i];

		while (e) {
			struct entry *next = e->next;

			free(e->key);
			free(e);
			e = next;
		}
	}
	free(t->slot);
#else
	(void)t;
	hand_reset();
#endif
}

static unsigned long session(unsigned id)
{
	struct table t;
	unsigned long sum = 0;
	char key[32];
	unsigned n = 2000 + id % 500;

	table_init(&t, 1024);
	for (unsigned i = 0; i < 4 * n; i++) {
		unsigned k = (i * 2654435761u + id) % n;

		*put_uint(put_text(put_uint(put_text(key, "user:"), id % 13), ":"), k) = '\0';
		if (i % 3 == 2)
			sum += (unsigned long)table_del(&t, key);
		else
			table_put(&t, key, i);
		sum += table_get(&t, key);
	}
	table_free(&t);
	return sum;
}

int main(int argc, char **argv)
{
	return bench_main(argc, argv, 800, session);
}
