/*
 * rt_bump.c (part of arena_rt.c, see rt_core.c): bump mode's allocation. An arena bumps through
 * its newest small block and takes a new one from rt_block.c when it is full; a request above
 * ARENA_LARGE gets a large block of its own (resized with mremap). Then the API: the slow paths
 * behind arena_rt.h's inline ones, realloc, free, reset, release, save and rewind, statistics.
 */
#ifndef ARENA_USE_MALLOC

/*
 * Next small block size: a sixteenth of what the arena holds, as a power of two in
 * [min_block, 64 * min_block]. Growth is geometric in the total, and the unused tail of the
 * newest block stays under ~6% of what is reserved.
 */
static size_t next_block_size(const arena_t *a)
{
	size_t s = cfg.min_block;

	while (s < (cfg.min_block << (NCLASS - 1)) && s * 32 <= HELD_NOW(a))
		s <<= 1;
	return s;
}

static int new_block(arena_t *a)
{
	struct arena_block *h = a->spare;

	if (h) {
		a->spare = h->next;
	} else {
		size_t size = next_block_size(a);

		h = cache_get(size);
		if (!h)
			return -1;
		h->data = NULL;
		note_reserved(a, size);
	}
	take(a, h);
	if (a->blocks)
		a->blocks->used = a->ptr;
	h->prev = a->blocks ? a->blocks->prev : NULL; /* the arena's growth record */
	h->next = a->blocks;
	a->blocks = h;
	a->ptr = (char *)h + cfg.hdr;
	a->end = (char *)h + h->size;
	a->last = NULL;
	return 0;
}

/* Bumps n bytes aligned to align in the current block, or NULL if they do not fit. */
static char *place(arena_t *a, size_t n, size_t align)
{
	uintptr_t p, sz = round_up(n, ARENA_ALIGN);

	if (!a->ptr)
		return NULL;
	p = round_up((uintptr_t)a->ptr + REDZONE, align);
	if (p + sz > (uintptr_t)a->end)
		return NULL;
	a->ptr = (char *)(p + sz);
	a->last = (char *)p;
#ifdef ARENA_ASAN
	asan_set_size((char *)p, n);
#endif
	return (char *)p;
}

/* ---------------------------------------------------------------- bump mode: large blocks */

static void *large_alloc(arena_t *a, size_t n, size_t align)
{
	size_t off = round_up(cfg.hdr, align), size; /* align <= 2^63: no overflow */
	struct arena_block *h;

	if (span(off, n, GRANULE, &size))
		return NULL;
	h = align <= GRANULE ? lcache_get(size) : NULL;
	if (!h) {
		h = map_block(size, align);
		if (!h)
			return NULL;
		h->size = size;
	}
	h->data = (char *)h + off;
	h->used = h->data + n;
	h->seq = a->allocs;
	h->prev = NULL;
	h->next = a->large;
	if (a->large)
		a->large->prev = h;
	a->large = h;
	take(a, h);
	note_reserved(a, h->size);
	UNPOISON(h->data, n);
	return h->data;
}

static void large_unlink(arena_t *a, struct arena_block *h)
{
	if (h->prev)
		h->prev->next = h->next;
	else
		a->large = h->next;
	if (h->next)
		h->next->prev = h->prev;
	note_unreserved(a, h->size);
}

/* Moves or resizes h's mapping to size bytes; returns the new header or NULL. */
static struct arena_block *remap(struct arena_block *h, size_t size)
{
	char *old = (char *)h, *to;
	size_t old_size = h->size;

#ifdef __linux__
	if (size < h->size) {
		radix_set(old + size, h->size - size, NULL);
		UNPOISON(old + size, h->size - size);
		if (mremap(old, h->size, size, 0) == MAP_FAILED)
			return NULL;
		return h;
	}
	if (mremap(old, h->size, size, 0) != MAP_FAILED) { /* grown in place */
		if (radix_set(old + h->size, size - h->size, h))
			die("out of memory for the radix table", old);
		return h;
	}
	/* move the pages (no copy) to a fresh granule-aligned range */
	to = map_aligned(size,
	                 (size_t)(h->data - old) > GRANULE ? (size_t)(h->data - old) : GRANULE);
	if (!to)
		return NULL;
	UNPOISON(old, h->size);
	if (mremap(old, h->size, size, MREMAP_MAYMOVE | MREMAP_FIXED, to) == MAP_FAILED) {
		munmap(to, size);
		return NULL;
	}
#else
	to = map_aligned(size, GRANULE);
	if (!to)
		return NULL;
	memcpy(to, old, h->size);
	munmap(old, h->size);
#endif
	if (radix_set(to, size, (struct arena_block *)to))
		die("out of memory for the radix table", to);
	radix_set(old, old_size, NULL);
	return (struct arena_block *)to;
}

static void *large_realloc(arena_t *a, struct arena_block *h, size_t n)
{
	size_t off = (size_t)(h->data - (char *)h), old = (size_t)(h->used - h->data), size;
	struct arena_block *nh;

	if (span(off, n, GRANULE, &size))
		return NULL;
	if (n > old)
		a->requested += n - old;
	/* a cached block may be bigger than asked: grow into it; shrink only by half or more, and
	 * not at all up to LCACHE_ANY (the pages a shrink gives back fault again as it regrows) */
	if (size <= h->size && (size > h->size / 2 || h->size <= LCACHE_ANY))
		size = h->size;
	if (size != h->size && cfg.debug) {
		/* debug: always move, so that the old address faults */
		char *q = large_alloc(a, n, ARENA_ALIGN);

		if (q) {
			/* the same object: a rewind to a mark taken after it keeps it */
			a->large->seq = h->seq;
			memcpy(q, h->data, n < old ? n : old);
			large_unlink(a, h);
			retire(h);
		}
		return q;
	}
	if (size != h->size) {
		nh = remap(h, size);
		if (!nh)
			return NULL;
		note_unreserved(a, nh->size);
		note_reserved(a, size);
		if (nh != h) {
			nh->data = (char *)nh + off;
			if (nh->prev)
				nh->prev->next = nh;
			else
				a->large = nh;
			if (nh->next)
				nh->next->prev = nh;
		}
		nh->size = size;
		h = nh;
	}
	h->used = h->data + n;
	POISON(h->data, size - off);
	UNPOISON(h->data, n);
	return h->data;
}

/* ---------------------------------------------------------------- bump mode: API */

#ifndef ARENA_ASAN /* (a redzone before every object: the general path) */
/*
 * The first allocation of an empty arena, 1 .. ARENA_LARGE bytes, when the thread has a cached
 * block: what new_block and place do, without their general cases, for the small arenas whose
 * whole life this is (create, allocate a little, release: the cost of malloc + free, no more).
 */
static void *first_alloc(arena_t *a, struct arena_block *h, size_t n)
{
	char *p = (char *)h + cfg.hdr;

	take(a, h);
	h->next = NULL;
	a->blocks = h;
	note_reserved(a, h->size);
	a->allocs++;
	a->requested += n;
	a->end = (char *)h + h->size;
	a->ptr = p + round_up(n, ARENA_ALIGN);
	a->last = p;
	return p;
}
#endif

/* Everything arena_alloc_slow does but a small arena's first allocation. */
static __attribute__((noinline)) void *alloc_general(arena_t *a, size_t n, size_t align)
{
	size_t asked = n;
	char *p;

	if (!align || (align & (align - 1))) {
		errno = EINVAL;
		return NULL;
	}
	if (align < ARENA_ALIGN)
		align = ARENA_ALIGN;
	cfg_init();
	if (!n)
		n = 1;                                    /* a unique pointer, as malloc(0) */
	if (n > ARENA_LARGE || align > ARENA_LARGE / 2) { /* else it fits any fresh block */
		p = large_alloc(a, n, align);
	} else {
		p = place(a, n, align);
		if (!p && !new_block(a))
			p = place(a, n, align);
	}
	if (p) {
		a->allocs++;
		a->requested += asked;
	}
	return p;
}

/* The first test apart, so that a small arena's first allocation saves no registers. */
void *arena_alloc_slow(arena_t *a, size_t n, size_t align)
{
#ifndef ARENA_ASAN
	/* the thread keeps blocks only once cfg is read, and never in debug mode */
	if (!a->blocks && !a->spare && n - 1 < ARENA_LARGE && align == ARENA_ALIGN) {
		struct arena_block *h = small_get();

		if (h)
			return first_alloc(a, h, n);
	}
#endif
	return alloc_general(a, n, align);
}

/*
 * Moves the small object p of a, which has at most avail bytes, to n bytes: to a copy with
 * headroom whose capacity the growth record keeps (see there), or in place if its recorded
 * capacity holds n.
 */
static void *realloc_move(arena_t *a, char *p, size_t n, size_t avail)
{
	struct arena_ext *e = ext_of(a);
	struct grow_slot *s = grow_find(e, p);
	size_t old_cap = 0, len;
	char *q = NULL;

	if (s) {
		if (n <= s->cap) { /* in place: the bytes are its own */
			if (n > s->len)
				a->requested += n - s->len;
			s->len = n;
			return p;
		}
		avail = s->len;
		old_cap = s->cap;
		grow_del(e, s); /* now: grow_put below may move every slot */
	}
	len = n < avail ? n : avail;
	/*
	 * Headroom and a record, but not for a first move to a size that is its own class: a
	 * program that grows by doubling amortizes already, and a record per array would cost
	 * it 13% more instructions (jsondoc). Not under ASan: exact sizes, so a plain copy.
	 */
	if (!REDZONE && n <= ARENA_LARGE &&
	    (s || ((size_t)1 << (GROW_MIN_SHIFT + grow_class(n))) != n) &&
	    (e || (e = ext_get(a)) != NULL)) {
		unsigned k = grow_class(n);
		size_t cap = (size_t)1 << (GROW_MIN_SHIFT + k);

		q = cfg.debug ? NULL : free_pop(e, k);
		if (q)
			a->requested += n;
		else if ((q = arena_alloc(a, cap)) != NULL)
			a->requested -= cap - n; /* the headroom was not asked for */
		if (q && a->last == q)
			a->last = NULL; /* recorded: never the newest (see above) */
		if (q)
			(void)grow_put(e, q, cap, n); /* without memory: no record, still correct */
	} else {
		q = arena_alloc(a, n);
	}
	if (!q)
		return NULL; /* (p lost its record, if it had one: still correct) */
	memcpy(q, p, len);
	if (old_cap) {
		if (!cfg.debug)
			free_push(e, p, grow_class(old_cap));
	} else {
		if (e)
			e->copied_away += len;
		POISON(p, avail);
	}
	return q;
}

/* Resizes p, memory of a (block h): in place when newest, large or with room, else moved. */
static void *realloc_in(arena_t *a, struct arena_block *h, char *p, size_t n)
{
	size_t avail;

	if (!n) { /* glibc: realloc(p, 0) frees p and returns NULL */
		arena_free(p);
		return NULL;
	}
	if (h->data)
		return p == h->data ? large_realloc(a, h, n) : NULL;
#ifdef ARENA_ASAN
	avail = asan_size(p);
#else
	/* the old size is unknown: copy at most up to the end of what the block has handed out */
	avail = (size_t)((h == a->blocks ? a->ptr : h->used) - p);
#endif
	if (p == a->last && n <= ARENA_LARGE && round_up(n, ARENA_ALIGN) <= (size_t)(a->end - p)) {
		POISON(p, (size_t)(a->ptr - p));
		a->ptr = p + round_up(n, ARENA_ALIGN);
		if (n > avail)
			a->requested += n - avail;
#ifdef ARENA_ASAN
		asan_set_size(p, n);
#endif
		return p;
	}
	return realloc_move(a, p, n, avail);
}

void *arena_realloc_any(void *p, size_t n)
{
	struct arena_block *h = radix_get(p);
	arena_t *a;

	if (!h)
		return realloc(p, n);
	a = LOAD(&h->owner, RELAXED);
	if (!a)
		die("arena_realloc of memory of a released arena", p);
	return realloc_in(a, h, p, n);
}

void *arena_realloc(arena_t *a, void *p, size_t n)
{
	return p ? arena_realloc_any(p, n) : arena_alloc(a, n);
}

/*
 * arena_free of p, a small object of a that is not the newest: a recorded object's bytes go to
 * its class's free list; the statistics count any other (the header's inline path sends them
 * here only when ARENA_STATS or ARENA_DEBUG is on, or the runtime is not set up yet).
 */
static void free_unreclaimed(arena_t *a, char *p)
{
	struct arena_ext *e = ext_of(a);
	struct grow_slot *s = grow_find(e, p);

	if (s && !cfg.debug) {
		unsigned k = grow_class(s->cap);

		grow_del(e, s);
		free_push(e, p, k);
		return;
	}
	if (cfg.stats && (e || (e = ext_get(a)) != NULL))
		e->frees++;
}

void(arena_free)(void *ptr)
{
	char *p = ptr;
	struct arena_block *h;
	arena_t *a;

	if (!p)
		return;
	h = radix_get(p);
	if (!h) {
		free(p);
		return;
	}
	/* another thread's arena, or a released one: leave it alone */
	if (LOAD(&h->thread, RELAXED) != &thread_token)
		return;
	a = LOAD(&h->owner, RELAXED);
	if (h->data) {
		if (p == h->data) {
			large_unlink(a, h);
			retire(h);
		}
		return;
	}
	if (p == a->last && !cfg.debug) {
		POISON(p - REDZONE, (size_t)(a->ptr - p) + REDZONE);
		a->ptr = p - REDZONE;
		a->last = NULL;
		return;
	}
#ifdef ARENA_ASAN
	if (p >= (char *)h + cfg.hdr + REDZONE && p < (h == a->blocks ? a->ptr : h->used))
		POISON(p, asan_size(p));
#endif
	free_unreclaimed(a, p);
}

void arena_reset_keep(arena_t *a, size_t keep)
{
	size_t spare_bytes = 0;

	ext_drop(a);
	for (const struct arena_block *h = a->spare; h; h = h->next)
		spare_bytes += h->size;
	while (a->large) {
		struct arena_block *h = a->large;

		large_unlink(a, h);
		retire(h);
	}
	while (a->blocks) {
		struct arena_block *h = a->blocks;

		a->blocks = h->next;
		if (!cfg.debug && spare_bytes + h->size <= keep) {
			POISON((char *)h + cfg.hdr, (size_t)(h->size - cfg.hdr));
			h->used = (char *)h + cfg.hdr;
			h->next = a->spare;
			a->spare = h;
			spare_bytes += h->size;
		} else {
			note_unreserved(a, h->size);
			retire(h);
		}
	}
	a->ptr = a->end = a->last = NULL;
}

void arena_reset(arena_t *a)
{
	arena_reset_keep(a, (size_t)256 << 20);
}

/*
 * Empties *a but for a->up (releasing does not pop: arena_scope_end does). Field by field: a
 * struct assignment or memset becomes `rep stos` in gcc's hands, slower than the rest of a small
 * arena's release together.
 */
static void clear(arena_t *a)
{
	a->ptr = a->end = a->last = NULL;
	a->allocs = a->requested = 0;
	a->blocks = a->spare = a->large = NULL;
	a->held = 0;
}

/* What arena_release does but for a small arena's whole life (below). */
static __attribute__((noinline)) void release_general(arena_t *a)
{
	arena_t *up = a->up;

	stats_report(a);
	ext_drop(a);
	if (a->large || (a->blocks && a->blocks->next))
		arena_reset_keep(a, 0);
	else if (a->blocks) /* one block, a small arena's whole life: *a is cleared below */
		retire(a->blocks);
	while (a->spare) {
		struct arena_block *h = a->spare;

		a->spare = h->next;
		retire(h);
	}
	a->up = up;
	clear(a);
}

void arena_release(arena_t *a)
{
#ifndef ARENA_ASAN /* (every cached block is poisoned: the general path) */
	struct arena_block *h = a->blocks;

	/*
	 * One smallest block and nothing else, ever (the inline path's test: arena_small_ is 0
	 * with statistics or debugging on), room with the thread: the block goes back to it, as
	 * retire() would put it.
	 */
	if (h && a->held == arena_small_.held && tcache_hooked && small_room()) {
		STORE(&h->owner, NULL, RELAXED);
		STORE(&h->thread, NULL, RELAXED);
		small_put(h);
		clear(a);
		return;
	}
#endif
	release_general(a);
}

arena_mark_t arena_save(arena_t *a)
{
	arena_mark_t m;

	/* the newest object must not grow in place across the mark: a rewind would reuse it */
	a->last = NULL;
	/*
	 * Debug: what comes after the mark starts on a page of its own, so that the rewind can seal
	 * all of it (a->ptr is set only once a block exists, so cfg has been read).
	 */
	if (a->ptr && cfg.debug) {
		char *next = (char *)round_up((uintptr_t)a->ptr, cfg.page);

		a->ptr = next < a->end ? next : a->end;
	}
	m.block = a->blocks;
	m.ptr = a->ptr;
	m.seq = a->allocs;
	return m;
}

void arena_rewind(arena_t *a, arena_mark_t m)
{
	char *used = a->ptr;
	struct arena_ext *e = ext_of(a);

	cfg_init();
	if (!m.block) { /* every block goes: so does the record */
		ext_drop(a);
		e = NULL;
	}
	while (a->large && a->large->seq >= m.seq) {
		struct arena_block *h = a->large;

		large_unlink(a, h);
		retire(h);
	}
	while (a->blocks != m.block) {
		struct arena_block *h = a->blocks;

		if (!h)
			die("arena_rewind: mark of another arena, or invalidated", m.block);
		a->blocks = h->next;
		used = a->blocks ? a->blocks->used : NULL;
		h->prev = NULL; /* the growth record stays with the arena's blocks */
		if (cfg.debug) {
			note_unreserved(a, h->size);
			retire(h);
		} else {
			POISON((char *)h + cfg.hdr, h->size - cfg.hdr);
			h->used = (char *)h + cfg.hdr;
			h->next = a->spare;
			a->spare = h;
		}
	}
	a->last = NULL;
	if (!m.block) {
		a->ptr = a->end = NULL;
		return;
	}
	if (e) /* recorded objects and free copies may lie past the mark */
		ext_empty(e);
	a->end = (char *)m.block + m.block->size;
	a->ptr = m.ptr;
	POISON(m.ptr, (size_t)(used - m.ptr));
	if (cfg.debug) { /* seal the rewound pages; the rest of this block is never handed out */
		/* arena_save put m.ptr on a page boundary (or the block's end) */
		if (m.ptr < a->end)
			debug_seal(m.ptr, (size_t)(a->end - m.ptr));
		/* the block ends at the mark now: realloc's copy of an older object stops there */
		a->end = m.ptr;
	}
}

int arena_owns(const arena_t *a, const void *ptr)
{
	const char *p = ptr;
	struct arena_block *h = radix_get(p);

	/* (a NULL arena owns nothing: a released block's owner is NULL too) */
	if (!a || !h || LOAD(&h->owner, RELAXED) != a)
		return 0;
	if (h->data)
		return p >= h->data && p < h->used;
	return p >= (char *)h + cfg.hdr && p < (h == a->blocks ? a->ptr : h->used);
}

arena_t *arena_owner(const void *p)
{
	struct arena_block *h = radix_get(p);

	return h ? LOAD(&h->owner, RELAXED) : NULL;
}

void arena_get_stats(const arena_t *a, arena_stats_t *out)
{
	memset(out, 0, sizeof(*out));
	out->allocs = a->allocs;
	out->bytes_requested = a->requested;
	out->bytes_reserved = HELD_NOW(a);
	out->peak_reserved = HELD_PEAK(a);
	for (const struct arena_block *h = a->blocks; h; h = h->next) {
		out->bytes_used +=
		    (size_t)((h == a->blocks ? a->ptr : h->used) - (const char *)h - cfg.hdr);
		out->blocks++;
	}
	for (const struct arena_block *h = a->large; h; h = h->next)
		out->large_blocks++;
	for (const struct arena_block *h = a->spare; h; h = h->next)
		out->blocks++;
	out->blocks += out->large_blocks;
	if (ext_of(a)) {
		const struct arena_ext *e = ext_of(a);
		size_t mean = a->allocs ? a->requested / a->allocs : 0, est = e->frees * mean;

		out->frees_unreclaimed = e->frees;
		out->bytes_unreclaimed = e->free_bytes + e->copied_away +
		                         (est < out->bytes_used ? est : out->bytes_used);
	}
}

void *arena_calloc(arena_t *a, size_t n, size_t size)
{
	void *p;

	if (size && n > SIZE_MAX / size)
		return NULL;
	p = arena_alloc(a, n * size);
	if (p) /* reused blocks are not zero */
		memset(p, 0, n * size);
	return p;
}
#endif /* !ARENA_USE_MALLOC */
