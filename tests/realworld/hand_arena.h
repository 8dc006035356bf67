/*
 * hand_arena: the bump allocator a careful programmer would write by hand, for the "hand arena"
 * variant of the real-world drivers (built with -DHAND_ARENA against the unrewritten library).
 * Each driver installs it through the library's own allocator hooks (cJSON_InitHooks, a
 * cmark_mem, json_set_alloc_funcs, an XML_Memory_Handling_Suite) and calls ha_reset() where the
 * rewritten build's scope ends, instead of the library's teardown.
 *
 * Ownership and invariants:
 *  - The state is per thread (__thread): a thread allocates from its own chunks only.
 *  - Every object is preceded by a 16-byte header holding its size, so ha_realloc can copy; the
 *    newest object grows in place when its chunk has room.
 *  - ha_free() does nothing; ha_reset() keeps the first chunk for reuse and unmaps the others.
 *  - Header-only with static functions: each driver includes it once.
 */
#ifndef HAND_ARENA_H
#define HAND_ARENA_H

#include <stdlib.h>
#include <string.h>

#define HA_CHUNK ((size_t)1 << 20)
#define HA_HDR   ((size_t)16)

struct ha_chunk {
	struct ha_chunk *prev;
	size_t used, cap;
	char mem[] __attribute__((aligned(16)));
};

static __thread struct ha_chunk *ha_top;
static __thread char *ha_last; /* newest object, for in-place growth */

static void *ha_malloc(size_t n)
{
	size_t need = HA_HDR + ((n + 15) & ~(size_t)15);
	if (!ha_top || ha_top->cap - ha_top->used < need) {
		size_t cap = need > HA_CHUNK ? need : HA_CHUNK;
		struct ha_chunk *c = malloc(sizeof(*c) + cap);
		if (!c)
			abort();
		c->prev = ha_top;
		c->used = 0;
		c->cap = cap;
		ha_top = c;
	}
	char *p = ha_top->mem + ha_top->used + HA_HDR;
	ha_top->used += need;
	memcpy(p - HA_HDR, &n, sizeof(n));
	ha_last = p;
	return p;
}

static void *ha_calloc(size_t n, size_t size)
{
	void *p = ha_malloc(n * size);
	memset(p, 0, n * size);
	return p;
}

static void ha_free(void *p)
{
	(void)p;
}

static void *ha_realloc(void *p, size_t n)
{
	if (!p)
		return ha_malloc(n);
	size_t old;
	memcpy(&old, (char *)p - HA_HDR, sizeof(old));
	size_t oldr = (old + 15) & ~(size_t)15, newr = (n + 15) & ~(size_t)15;
	if (p == ha_last && newr >= oldr && ha_top->cap - ha_top->used >= newr - oldr) {
		ha_top->used += newr - oldr;
		memcpy((char *)p - HA_HDR, &n, sizeof(n));
		return p;
	}
	if (n <= old)
		return p;
	void *q = ha_malloc(n);
	memcpy(q, p, old);
	return q;
}

static void ha_reset(void)
{
	while (ha_top && ha_top->prev) {
		struct ha_chunk *prev = ha_top->prev;
		free(ha_top);
		ha_top = prev;
	}
	if (ha_top)
		ha_top->used = 0;
	ha_last = NULL;
}

static void ha_release(void)
{
	ha_reset();
	free(ha_top);
	ha_top = NULL;
}

#endif
