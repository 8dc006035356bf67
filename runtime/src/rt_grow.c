/*
 * rt_grow.c (part of arena_rt.c, see rt_core.c): bump mode's growth record.
 *
 * What realloc and free leave behind (docs/runtime.md, "Freed and reallocated memory"). When
 * realloc must move a small object (it is not the newest, or its block is full), the copy gets
 * the power-of-two class at or above the new size (GROW_MIN .. ARENA_LARGE: a growth factor
 * of 2) and the record remembers that capacity, so the next growths up to it stay in place
 * wherever the object sits: a grow-by-one array costs log2(n) moves, not n. The old copy of an
 * object whose capacity is known goes to a free list of its class, which the next move of that
 * class takes (realloc only: the inline allocation path never looks), as does a recorded
 * object that arena_free reaches. The record is made by the first such move (with ARENA_STATS,
 * also by the first free the arena cannot reclaim) and freed with the arena or its reset; a
 * rewind empties it. Every small block of the arena points at it (its header's prev, unused by
 * small blocks otherwise); HELD_EXT says it exists. Invariants: a recorded object is never
 * a->last (the bytes past its size are its own, not the bump pointer's) and has cap bytes
 * reserved for it alone; a recorded object or list entry is in a block of the arena. Not under
 * ASan (exact sizes and redzones: every move is a plain copy) nor for free lists in debug mode
 * (nothing is reused there).
 */
#ifndef ARENA_USE_MALLOC
#define GROW_MIN_SHIFT 5
#define GROW_CLASSES   (15 - GROW_MIN_SHIFT + 1) /* 32 B .. ARENA_LARGE (32 KiB) */
STATIC_ASSERT(ARENA_LARGE == (size_t)1 << 15, "GROW_CLASSES covers 32 B .. ARENA_LARGE");

struct grow_slot {
	char *p;    /* NULL: empty */
	size_t cap; /* bytes reserved at p */
	size_t len; /* bytes the object has now */
};

struct arena_ext {
	struct grow_slot *slot;    /* open addressing, linear probing */
	size_t nslot, used;        /* nslot: 0 or a power of two; used < 3/4 of it */
	char *free_[GROW_CLASSES]; /* abandoned copies by class, linked through their first word */
	size_t free_bytes;         /* bytes on the free lists */
	size_t frees;              /* arena_free calls the arena did not reclaim (ARENA_STATS) */
	size_t copied_away;        /* bytes of old copies of unknown capacity left behind */
};

static struct arena_ext *ext_of(const arena_t *a)
{
	return (a->held & HELD_EXT) ? (struct arena_ext *)(void *)a->blocks->prev : NULL;
}

/* The arena's record, made if needed (NULL: no small block, or no memory). */
static struct arena_ext *ext_get(arena_t *a)
{
	struct arena_ext *e = ext_of(a);

	if (e || !a->blocks)
		return e;
	e = calloc(1, sizeof(*e));
	if (!e)
		return NULL;
	for (struct arena_block *h = a->blocks; h; h = h->next)
		h->prev = (struct arena_block *)(void *)e;
	a->held |= HELD_EXT;
	return e;
}

/* Forgets every recorded object and free list entry (a rewind: they may lie past the mark). */
static void ext_empty(struct arena_ext *e)
{
	if (e->nslot)
		memset(e->slot, 0, e->nslot * sizeof(*e->slot));
	e->used = 0;
	memset(e->free_, 0, sizeof(e->free_));
	e->free_bytes = 0;
}

/* Frees a's record; its blocks (a->blocks) point at none. */
static void ext_drop(arena_t *a)
{
	struct arena_ext *e = ext_of(a);

	if (!e)
		return;
	for (struct arena_block *h = a->blocks; h; h = h->next)
		h->prev = NULL;
	free(e->slot);
	free(e);
	a->held &= ~HELD_EXT;
}

static size_t grow_hash(const char *p)
{
	return (size_t)(((uint64_t)(uintptr_t)p >> 4) * 0x9E3779B97F4A7C15ull >> 24);
}

/* p's slot, or the empty slot where it would go (nslot > 0). */
static struct grow_slot *grow_at(const struct arena_ext *e, const char *p)
{
	size_t mask = e->nslot - 1, i = grow_hash(p) & mask;

	while (e->slot[i].p && e->slot[i].p != p)
		i = (i + 1) & mask;
	return &e->slot[i];
}

/* p's record, or NULL. */
static struct grow_slot *grow_find(const struct arena_ext *e, const char *p)
{
	struct grow_slot *s;

	if (!e || !e->nslot)
		return NULL;
	s = grow_at(e, p);
	return s->p ? s : NULL;
}

/* Records p (cap bytes reserved, len used); -1 without memory (p then has no record). */
static int grow_put(struct arena_ext *e, char *p, size_t cap, size_t len)
{
	struct grow_slot *s;

	if ((e->used + 1) * 4 > e->nslot * 3) {
		struct grow_slot *old = e->slot;
		size_t n = e->nslot, nn = n ? n * 2 : 16;

		e->slot = calloc(nn, sizeof(*e->slot));
		if (!e->slot) {
			e->slot = old;
			return -1;
		}
		e->nslot = nn;
		for (size_t i = 0; i < n; i++)
			if (old[i].p)
				*grow_at(e, old[i].p) = old[i];
		free(old);
	}
	s = grow_at(e, p);
	e->used += !s->p;
	s->p = p;
	s->cap = cap;
	s->len = len;
	return 0;
}

/* Removes the record s (backward-shift deletion: no tombstones). */
static void grow_del(struct arena_ext *e, struct grow_slot *s)
{
	size_t mask = e->nslot - 1, i = (size_t)(s - e->slot), j = i;

	e->used--;
	for (;;) {
		size_t k;

		j = (j + 1) & mask;
		if (!e->slot[j].p)
			break;
		k = grow_hash(e->slot[j].p) & mask;
		/* the entry at j may move to i unless its home k lies cyclically in (i, j] */
		if (i <= j ? (k <= i || k > j) : (k <= i && k > j)) {
			e->slot[i] = e->slot[j];
			i = j;
		}
	}
	e->slot[i].p = NULL;
}

static unsigned grow_class(size_t n)
{
	unsigned k = 0;

	while (((size_t)1 << (GROW_MIN_SHIFT + k)) < n)
		k++;
	return k;
}

/* The abandoned copy p of class k (bytes reserved: 1 << (GROW_MIN_SHIFT + k)) is free. */
static void free_push(struct arena_ext *e, char *p, unsigned k)
{
	memcpy(p, &e->free_[k], sizeof(char *));
	e->free_[k] = p;
	e->free_bytes += (size_t)1 << (GROW_MIN_SHIFT + k);
}

static char *free_pop(struct arena_ext *e, unsigned k)
{
	char *p = e->free_[k];

	if (p) {
		memcpy(&e->free_[k], p, sizeof(char *));
		e->free_bytes -= (size_t)1 << (GROW_MIN_SHIFT + k);
	}
	return p;
}
#endif /* !ARENA_USE_MALLOC */
