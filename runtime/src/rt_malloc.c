/*
 * rt_malloc.c (part of arena_rt.c, see rt_core.c): malloc mode (ARENA_USE_MALLOC), the whole of
 * it: object headers, the byte map that finds them, each arena's vector of objects, the API.
 */
#ifdef ARENA_USE_MALLOC

/*
 * Each object is one malloc(): this 16-byte header, then exactly the n bytes asked for, so the
 * block ends where the object ends and ASan/valgrind report an overflow past it. The header
 * holds the owner, the size and the object's slot in its arena's vector of objects (allocation
 * order, for release and rewind; arena_free empties the slot). It is filled before the object
 * is published in the map; only the arena's thread writes it afterwards (the slot, the size on
 * realloc), and other threads read only the owner and the size of a published object.
 * 64-bit: the owner and the size take the low 48 bits of the two words (user space addresses
 * and sizes never exceed 2^48), the slot's 32 bits their high halves.
 */
#if UINTPTR_MAX > 0xffffffffu
struct arena_obj {
	uint64_t w0; /* the arena | OBJ_ALIGNED, slot >> 16 in bits 48..63 */
	uint64_t w1; /* bytes asked for, slot & 0xffff in bits 48..63 */
};
#define OBJ_LOW         (((uint64_t)1 << 48) - 1)
#define OBJ_MAX_N       OBJ_LOW                   /* larger requests fail (no malloc serves them) */
#define OBJ_MAX_SLOTS   ((size_t)1 << 32)         /* objects of one arena alive at once, at most */
#define OBJ_OWNER_OK(a) (!((uintptr_t)(a) >> 48)) /* else no objects (ENOMEM) */

/*
 * Relaxed atomics (plain moves on 64-bit targets): another thread may read the owner and the
 * size of a published object while its thread rewrites the slot bits beside them.
 */
#define W_LOAD(w)     LOAD(&(w), RELAXED)
#define W_STORE(w, v) STORE(&(w), (v), RELAXED)

static inline uintptr_t obj_word(const struct arena_obj *o)
{
	return (uintptr_t)(W_LOAD(o->w0) & OBJ_LOW);
}

static inline size_t obj_n(const struct arena_obj *o)
{
	return (size_t)(W_LOAD(o->w1) & OBJ_LOW);
}

static inline size_t obj_slot(const struct arena_obj *o)
{
	return (size_t)((W_LOAD(o->w0) >> 48) << 16 | W_LOAD(o->w1) >> 48);
}

static inline void obj_set(struct arena_obj *o, uintptr_t word, size_t n, size_t slot)
{
	W_STORE(o->w0, (uint64_t)word | (uint64_t)(slot >> 16) << 48);
	W_STORE(o->w1, (uint64_t)n | (uint64_t)(slot & 0xffff) << 48);
}

static inline void obj_set_n(struct arena_obj *o, size_t n)
{
	W_STORE(o->w1, (W_LOAD(o->w1) & ~OBJ_LOW) | (uint64_t)n);
}

static inline void obj_set_slot(struct arena_obj *o, size_t slot)
{
	obj_set(o, obj_word(o), obj_n(o), slot);
}
#else
struct arena_obj {
	uintptr_t word; /* the arena | OBJ_ALIGNED */
	size_t n;       /* bytes asked for */
	size_t slot;    /* in its arena's vector */
};
#define OBJ_MAX_N       SIZE_MAX
#define OBJ_MAX_SLOTS   (SIZE_MAX / sizeof(void *))
#define OBJ_OWNER_OK(a) 1

static inline uintptr_t obj_word(const struct arena_obj *o)
{
	return o->word;
}

static inline size_t obj_n(const struct arena_obj *o)
{
	return o->n;
}

static inline size_t obj_slot(const struct arena_obj *o)
{
	return LOAD(&o->slot, RELAXED);
}

static inline void obj_set(struct arena_obj *o, uintptr_t word, size_t n, size_t slot)
{
	o->word = word;
	o->n = n;
	STORE(&o->slot, slot, RELAXED);
}

static inline void obj_set_n(struct arena_obj *o, size_t n)
{
	o->n = n;
}

static inline void obj_set_slot(struct arena_obj *o, size_t slot)
{
	STORE(&o->slot, slot, RELAXED);
}
#endif

/* User bytes start OBJ_HDR after what malloc returned (more when over-aligned). */
#define OBJ_HDR     round_up(sizeof(struct arena_obj), ARENA_ALIGN)
#define OBJ_ALIGNED 1 /* over-aligned: user bytes further in, see obj_off */
#define OBJ_FLAGS   1
STATIC_ASSERT(__alignof__(arena_t) > OBJ_FLAGS, "flags live in the owner pointer's low bits");

/*
 * Membership: a byte map over the address space, one byte per 16-byte granule, in leaves of
 * 2^26 bytes (1 GiB of addresses each) mapped on first use with MAP_NORESERVE, so only the
 * pages covering live heap get touched (1/16 of it). An arena object at u (16-aligned) of g
 * granules has its start byte, at granule(u), set to min(g, MAP_BIG); an object of MAP_BIG
 * granules or more also has every MAP_BIG-th granule(u) + i (i = MAP_BIG, 2 MAP_BIG, ... to its
 * end) set to MAP_JUMP + floor(log2(i)), a jump back towards u that lands on u or on another
 * such granule (i and 2^floor(log2(i)) are both multiples of MAP_BIG). Every other byte is 0.
 * So:
 *  - arena_free and realloc decide "arena object?" in two loads and no lock (a start byte at a
 *    16-aligned p), and read a header only once the map says it is a live arena object's;
 *  - small objects cost one byte store to publish and one to withdraw, big ones one more per
 *    MAP_BIG granules (a growing buffer's realloc: a byte per KiB, not one per 16 bytes);
 *  - an interior pointer finds its object by a scan back of at most MAP_BIG granules to the
 *    nearest non-zero byte (objects never overlap, so only that byte's object can hold it),
 *    then, in a big object, log2(size / 16) jumps; the start byte bounds it and the header
 *    gives the exact end.
 * Bytes are plain stores, no read-modify-write: the granules of two objects never overlap, so
 * only an object's own thread writes its bytes, and readers pair an acquire load with the
 * release store of the start byte that publishes a filled header.
 */
#define MAP_GRAN_SHIFT 4
#define MAP_LEAF_SHIFT 30
#define MAP_LEAF_LEN   ((size_t)1 << (MAP_LEAF_SHIFT - MAP_GRAN_SHIFT))
#define MAP_BIG        64 /* start bytes 1..MAP_BIG */
#define MAP_JUMP       128 /* continuation bytes MAP_JUMP + k: the start is 2^k granules back or more */

typedef unsigned char map_byte;
static map_byte *map_root[(size_t)1 << (ADDR_BITS - MAP_LEAF_SHIFT)];
/* Set before the first leaf is installed: until then no pointer is an arena object, and
 * arena_free is free (code the tool rewrote has untracked arenas only). */
static int map_any;

static void die(const char *what, const void *p)
{
	fprintf(stderr, "arena_rt: %s (%p)\n", what, p);
	abort();
}

static map_byte *map_new_leaf(uintptr_t x)
{
	map_byte **slot = &map_root[x >> MAP_LEAF_SHIFT];
	map_byte *leaf, *fresh = NULL;
	void *m = mmap(NULL, MAP_LEAF_LEN, PROT_READ | PROT_WRITE,
	               MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (m == MAP_FAILED)
		return NULL;
	leaf = m;
	STORE(&map_any, 1, RELAXED); /* ordered before the leaf by the CAS */
	if (!CAS(slot, &fresh, leaf)) {
		munmap(m, MAP_LEAF_LEN); /* another thread won */
		leaf = fresh;
	}
	return leaf;
}

/* The map byte of address x (0 for addresses never mapped). */
static inline map_byte *map_at(uintptr_t x, int create)
{
	map_byte *leaf;

#if UINTPTR_MAX > 0xffffffffu
	if (x >> ADDR_BITS)
		return NULL;
#endif
	leaf = LOAD(&map_root[x >> MAP_LEAF_SHIFT], ACQUIRE);
	if (!leaf && (!create || !(leaf = map_new_leaf(x))))
		return NULL;
	return &leaf[(x >> MAP_GRAN_SHIFT) & (MAP_LEAF_LEN - 1)];
}

static inline unsigned map_get(uintptr_t x)
{
	map_byte *b = map_at(x, 0);

	return b ? LOAD(b, ACQUIRE) : 0;
}

static unsigned log2_of(size_t i)
{
	unsigned k = 0;

	while (i >>= 1)
		k++;
	return k;
}

/* The jump bytes of a big object at u of g granules (set), or zeroes; -1: no memory. */
static int map_mark_big(uintptr_t u, size_t g, int set)
{
	for (size_t i = MAP_BIG; i < g; i += MAP_BIG) {
		map_byte *b = map_at(u + (i << MAP_GRAN_SHIFT), set);

		if (!b)
			return -1;
		STORE(b, set ? (unsigned char)(MAP_JUMP + log2_of(i)) : 0, RELAXED);
	}
	return 0;
}

/* Publishes the object at u of n bytes (its header filled); -1 if out of map memory. */
static inline int map_publish(uintptr_t u, size_t n)
{
	size_t g = n > 16 ? (n + 15) >> MAP_GRAN_SHIFT : 1;
	map_byte *b = map_at(u, 1);

#if UINTPTR_MAX > 0xffffffffu
	if ((u + n) >> ADDR_BITS)
		return -1;
#endif
	if (!b || (g >= MAP_BIG && map_mark_big(u, g, 1)))
		return -1;
	/* last, so that a reader that sees it sees the header and the continuation bytes */
	STORE(b, (unsigned char)(g < MAP_BIG ? g : MAP_BIG), RELEASE);
	return 0;
}

/* Withdraws the object at u of n bytes from the map (before its memory is freed). */
static inline void map_withdraw(uintptr_t u, size_t n)
{
	size_t g = n > 16 ? (n + 15) >> MAP_GRAN_SHIFT : 1;
	map_byte *b = map_at(u, 0);

	if (g >= MAP_BIG)
		map_mark_big(u, g, 0);
	STORE(b, 0, SEQ_CST); /* (see query) */
}

/* The arena object starting exactly at p, or NULL: two loads, no lock. */
static inline struct arena_obj *obj_at(const void *p)
{
	uintptr_t x = (uintptr_t)p;
	unsigned v;

	if (x & 15)
		return NULL;
	v = map_get(x);
	return v && v <= MAP_BIG ? (struct arena_obj *)x - 1 : NULL;
}

static arena_t *owner_of(const struct arena_obj *o)
{
	return (arena_t *)(obj_word(o) & ~(uintptr_t)OBJ_FLAGS);
}

/*
 * The start of the arena object that may hold p (interior pointers included), from the map
 * alone, or 0: the header, which gives the exact end, is read by query() below.
 */
static uintptr_t obj_start(const void *p)
{
	uintptr_t x = (uintptr_t)p & ~(uintptr_t)15;
	unsigned v = map_get(x);

	/* the nearest marked granule at or below p: only that object can hold p */
	for (unsigned i = 1; !v && i < MAP_BIG && x >= 16; i++)
		v = map_get(x -= 16);
	while (v >= MAP_JUMP) { /* in a big object: log2(size / 16) jumps, each landing inside it */
		x -= (uintptr_t)16 << (v - MAP_JUMP);
		v = map_get(x);
	}
	if (!v || v > MAP_BIG || (v < MAP_BIG && (uintptr_t)p - x >= (uintptr_t)v << 4))
		return 0; /* no object, or a small one that ends before p */
	return x;
}

/*
 * Ownership queries from any thread (arena_owner, arena_owns) read the header of an object
 * whose arena's thread may be freeing it at that moment (releasing the arena). A query
 * announces itself in the stripe of the object's start, then checks that the start byte is
 * still set before it reads the header; whoever frees an object clears its start byte and
 * waits until the object's stripe is idle (query_wait) before free(), all four steps
 * sequentially consistent (no fences: ThreadSanitizer does not model them). So
 * either the query sees the cleared byte (the object is gone: NULL) or the freer sees the
 * query and waits the few loads it takes: no header is read after its free. Stripes keep
 * queries on unrelated objects from delaying each other's freers.
 */
#define QUERY_STRIPES 64
static struct query_stripe {
	unsigned long busy; /* queries reading a header of this stripe now */
	char pad_[64 - sizeof(unsigned long)];
} query_busy[QUERY_STRIPES] __attribute__((aligned(64)));

static struct query_stripe *stripe_of(uintptr_t x)
{
	return &query_busy[(size_t)(((uint64_t)x >> 4) * 0x9E3779B97F4A7C15ull >> 58)];
}

/* After its start byte's clearing: no query reads the header of the object at x any more. */
static inline void query_wait(uintptr_t x)
{
	const struct query_stripe *s = stripe_of(x);

	while (ARENA_UNLIKELY(LOAD(&s->busy, SEQ_CST) != 0))
		sched_yield();
}

/* The owner of the arena object holding p, or NULL; safe against a concurrent release. */
static arena_t *query(const void *p)
{
	uintptr_t x;
	struct query_stripe *s;
	arena_t *a = NULL;
	map_byte *b;
	unsigned v;

	if (!p || !LOAD(&map_any, RELAXED) || !(x = obj_start(p)))
		return NULL;
	s = stripe_of(x);
	__atomic_fetch_add(&s->busy, 1, __ATOMIC_SEQ_CST);
	b = map_at(x, 0);
	v = LOAD(b, SEQ_CST);
	if (v && v <= MAP_BIG) {
		const struct arena_obj *o = (const struct arena_obj *)x - 1;
		size_t n = obj_n(o);

		/* exact end: the object's last granule may hold a few bytes past it */
		if ((uintptr_t)p - x < (n ? n : 1))
			a = owner_of(o);
	}
	__atomic_fetch_sub(&s->busy, 1, __ATOMIC_RELEASE);
	return a;
}

/* Bytes from the malloc'd block to the user bytes. */
static size_t obj_off(const struct arena_obj *o)
{
	if (!(obj_word(o) & OBJ_ALIGNED))
		return OBJ_HDR;
	/* over-aligned: the alignment's log2 sits in the padding word before the header */
	return round_up(OBJ_HDR + sizeof(size_t),
	                (size_t)1 << ((const size_t *)(const void *)o)[-1]);
}

static char *obj_base(struct arena_obj *o)
{
	return (char *)(o + 1) - obj_off(o);
}

/* Its address marks an untracked arena (ARENA_INIT_UNTRACKED): a thread no arena ever has. */
const char arena_untracked_ = 0;

static int untracked(const arena_t *a)
{
	return LOAD(&a->thread, RELAXED) == (const void *)&arena_untracked_;
}

/*
 * Counters: the allocation path only adds to allocs and requested; the bytes live are derived
 * from what was dropped, and the peak, reached just before a drop, is taken there. Objects
 * live are counted in the vector when asked (its growth, statistics): a counter would make
 * arena_t larger than 80 bytes.
 */
static size_t live_objs(const arena_t *a)
{
	size_t n = 0;

	for (size_t i = 0; i < a->nobjs; i++)
		n += a->objs[i] != NULL;
	return n;
}

static size_t live_bytes(const arena_t *a)
{
	return a->requested - a->dropped_bytes;
}

static void note_drop(arena_t *a, size_t bytes)
{
	if (live_bytes(a) > a->peak)
		a->peak = live_bytes(a);
	a->dropped_bytes += bytes;
}

static struct arena_obj *hdr_of(void *p)
{
	return (struct arena_obj *)p - 1;
}

/*
 * The vector's slots [markobjs, nobjs) lose their empty slots, each moved object told its new
 * slot. Slots below markobjs stay where they are: a mark (a slot count) may point among them.
 */
static void slots_compact(arena_t *a)
{
	size_t j = a->markobjs;

	for (size_t i = a->markobjs; i < a->nobjs; i++) {
		void *p = a->objs[i];

		if (p) {
			a->objs[j] = p;
			obj_set_slot(hdr_of(p), j);
			j++;
		}
	}
	a->nobjs = j;
}

/*
 * The thread keeps the vector of the last arena it released (up to SPARE_MAX slots) for its
 * next arena: growing a vector per arena costs little, but each growth is a large request,
 * which makes glibc consolidate its fast bins, and the next objects pay for that.
 */
#define SPARE_MAX ((size_t)1 << 17)
struct slots_spare {
	void **v;
	size_t cap;
	int keyed; /* 1: its exit frees v; -1: no key, nothing kept */
};
static ARENA_TLS struct slots_spare spare;
static pthread_key_t spare_key;
static int spare_key_ok;
static pthread_once_t spare_once = PTHREAD_ONCE_INIT;

static void spare_free(void *s)
{
	struct slots_spare *sp = s;

	free(sp->v);
	sp->v = NULL;
	sp->cap = 0;
	sp->keyed = -1; /* arenas released later in the thread's exit free their vectors */
}

static void spare_key_make(void)
{
	spare_key_ok = !pthread_key_create(&spare_key, spare_free);
}

/* Keeps a's vector for the thread's next arena, or frees it. */
static void slots_put(arena_t *a)
{
	if (!a->objs)
		return;
	if (!spare.keyed) { /* once per thread: its exit frees the spare */
		pthread_once(&spare_once, spare_key_make);
		spare.keyed = spare_key_ok && !pthread_setspecific(spare_key, &spare) ? 1 : -1;
	}
	if (spare.keyed > 0 && a->capobjs > spare.cap && a->capobjs <= SPARE_MAX) {
		free(spare.v);
		spare.v = a->objs;
		spare.cap = a->capobjs;
	} else {
		free(a->objs);
	}
}

/* Room for one more slot: compacts when half the slots are empty, else doubles. -1: no memory. */
static int slots_grow(arena_t *a)
{
	size_t cap = a->capobjs ? a->capobjs * 2 : 256;
	void **v;

	if (!a->capobjs && spare.v) {
		a->objs = spare.v;
		a->capobjs = spare.cap;
		spare.v = NULL;
		spare.cap = 0;
		return 0;
	}
	if (a->capobjs && a->nobjs - live_objs(a) >= a->nobjs / 2) {
		slots_compact(a);
		if (a->nobjs <= a->capobjs / 2)
			return 0;
	}
	if (a->nobjs >= OBJ_MAX_SLOTS || cap > OBJ_MAX_SLOTS)
		return -1;
	v = realloc(a->objs, cap * sizeof(*v));
	if (!v)
		return -1;
	a->objs = v;
	a->capobjs = cap;
	return 0;
}

/* The allocation path in one piece (about 2% of the scope benchmark over a call). */
#if defined(__GNUC__) || defined(__clang__)
#define OBJ_INLINE inline __attribute__((always_inline))
#else
#define OBJ_INLINE inline
#endif

/*
 * Makes the fresh block m, user bytes at m + off, an object of a: fills the header, publishes
 * it, gives it the next slot. Returns the user bytes, or NULL (m freed) without memory.
 */
static OBJ_INLINE void *obj_link(arena_t *a, char *m, size_t off, size_t n, uintptr_t flags)
{
	struct arena_obj *o = (struct arena_obj *)(void *)(m + off) - 1;

	if (ARENA_UNLIKELY(a->nobjs == a->capobjs) && slots_grow(a))
		goto fail;
	obj_set(o, (uintptr_t)a | flags, n, a->nobjs);
	if (ARENA_UNLIKELY(map_publish((uintptr_t)(o + 1), n)))
		goto fail;
	a->objs[a->nobjs++] = o + 1;
	/* the arena's current thread: the one whose arena_free really frees its memory */
	if (LOAD(&a->thread, RELAXED) != &thread_token)
		STORE(&a->thread, &thread_token, RELAXED);
	a->allocs++;
	a->requested += n;
	return o + 1;
fail:
	free(m);
	errno = ENOMEM;
	return NULL;
}

/* An untracked arena's object: what the original program's call gave, nothing recorded. */
static void *plain_alloc(size_t n, size_t align, int zero)
{
	void *v;

	if (align <= ARENA_ALIGN)
		return zero ? calloc(1, n) : malloc(n);
	if (posix_memalign(&v, align, n))
		return NULL;
	if (zero)
		memset(v, 0, n);
	return v;
}

/* A new object of n bytes in a, aligned to align, zeroed if asked: one malloc. */
static void *obj_alloc(arena_t *a, size_t n, size_t align, int zero)
{
	size_t off = OBJ_HDR, total;
	char *m;

	if (!align || (align & (align - 1))) {
		errno = EINVAL;
		return NULL;
	}
	if (untracked(a))
		return plain_alloc(n, align, zero);
	if (align < 16)
		align = 16; /* map granule */
	if (align > ARENA_ALIGN)
		off = round_up(OBJ_HDR + sizeof(size_t), align);
	if (span(off, n, 1, &total) || n > OBJ_MAX_N || !OBJ_OWNER_OK(a)) {
		errno = ENOMEM;
		return NULL;
	}
	if (align <= ARENA_ALIGN) {
		m = zero ? calloc(1, total) : malloc(total);
		return m ? obj_link(a, m, off, n, 0) : NULL;
	} else {
		void *v;

		m = posix_memalign(&v, align, total) ? NULL : v;
		if (!m)
			return NULL;
		if (zero)
			memset(m + off, 0, n);
		((size_t *)(void *)(m + off - sizeof(struct arena_obj)))[-1] = log2_of(align);
		return obj_link(a, m, off, n, OBJ_ALIGNED);
	}
}

/* Withdraws the published object o of n bytes from the map, b its start byte. */
static inline void obj_withdraw(struct arena_obj *o, size_t n, map_byte *b)
{
	/* before free: from then on malloc may hand the address to anyone */
	if (ARENA_UNLIKELY(n >= MAP_BIG << MAP_GRAN_SHIFT))
		map_mark_big((uintptr_t)(o + 1), (n + 15) >> MAP_GRAN_SHIFT, 0);
	STORE(b, 0, SEQ_CST); /* (see query) */
}

/* Withdraws the published object o of n bytes, b its start byte, and frees it. */
static inline void obj_free(struct arena_obj *o, size_t n, map_byte *b)
{
	obj_withdraw(o, n, b);
	query_wait((uintptr_t)(o + 1));
	free(obj_base(o));
}

/* Drops o from its arena a (a's thread) and frees it for real; b: its start byte. */
static inline void obj_drop(arena_t *a, struct arena_obj *o, map_byte *b)
{
	size_t n = obj_n(o), slot = obj_slot(o);

	if (slot + 1 == a->nobjs && slot >= a->markobjs)
		a->nobjs = slot;
	else
		a->objs[slot] = NULL;
	note_drop(a, n);
	obj_free(o, n, b);
}

/*
 * Frees the objects of slots [from, nobjs), newest first, the order a stack of mallocs unwinds:
 * oldest first freed the big early objects (a graph's arrays) while the small ones above them
 * were still live, and glibc then gave the heap back to the system and took it again at every
 * arena (the suite's graph: 49,000 page faults against the original's 4,000, 1.1x-1.3x its
 * time; newest first: 7,000 faults, 0.55x). Other programs: no difference beyond the noise.
 */
#define RELEASE_AHEAD 16
static void objs_free_from(arena_t *a, size_t from)
{
	size_t bytes = 0;

	for (size_t i = a->nobjs; i-- > from;) {
		void *p = a->objs[i];
		struct arena_obj *o;
		size_t n;

#if defined(__GNUC__) || defined(__clang__)
		/* the headers are the misses of this walk: ask for them a few objects ahead */
		if (i >= from + RELEASE_AHEAD)
			__builtin_prefetch((const void *)((uintptr_t)a->objs[i - RELEASE_AHEAD] -
			                                  sizeof(struct arena_obj)));
#endif
		if (!p)
			continue;
		o = hdr_of(p);
		n = obj_n(o);
		bytes += n;
		obj_free(o, n, map_at((uintptr_t)p, 0));
	}
	a->nobjs = from;
	note_drop(a, bytes);
}

void *arena_alloc_slow(arena_t *a, size_t n, size_t align)
{
	return obj_alloc(a, n, align, 0);
}

/* The common case, kept short: default alignment is malloc's own. */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline))
#endif
static void *
tracked_alloc(arena_t *a, size_t n)
{
	char *m;

	if (ARENA_ALIGN < 16 || n > OBJ_MAX_N - OBJ_HDR || !OBJ_OWNER_OK(a))
		return obj_alloc(a, n, ARENA_ALIGN, 0);
	m = malloc(OBJ_HDR + n);
	return m ? obj_link(a, m, OBJ_HDR, n, 0) : NULL;
}

/* Apart, so that an untracked arena's allocation is a jump to malloc (no registers saved). */
void *arena_alloc(arena_t *a, size_t n)
{
	return untracked(a) ? malloc(n) : tracked_alloc(a, n);
}

void *arena_alloc_aligned(arena_t *a, size_t n, size_t align)
{
	return obj_alloc(a, n, align, 0);
}

void *arena_calloc(arena_t *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	return obj_alloc(a, n * size, ARENA_ALIGN, 1);
}

void(arena_free)(void *p)
{
	uintptr_t x = (uintptr_t)p;
	map_byte *b;
	unsigned v;
	struct arena_obj *o;
	arena_t *a;

	/* whoever handed this thread an arena object made map_any 1 before (happens-before) */
	if (!LOAD(&map_any, RELAXED)) {
		free(p);
		return;
	}
	b = (x & 15) ? NULL : map_at(x, 0);
	v = b ? LOAD(b, ACQUIRE) : 0;

	if (!v || v > MAP_BIG) { /* not the start of an arena object: heap memory */
		free(p);
		return;
	}
	o = hdr_of(p);
	a = owner_of(o);
	/* another thread's arena: left alone, as in bump mode (its vector is not ours) */
	if (LOAD(&a->thread, RELAXED) == &thread_token)
		obj_drop(a, o, b);
}

void *arena_realloc_any(void *p, size_t n)
{
	struct arena_obj *o = obj_at(p), *no;
	size_t old, off, total;
	arena_t *a;
	char *m;

	if (!o)
		return realloc(p, n);
	a = owner_of(o);
	if (!n) { /* glibc: realloc(p, 0) frees p and returns NULL */
		obj_drop(a, o, map_at((uintptr_t)p, 0));
		return NULL;
	}
	old = obj_n(o);
	off = obj_off(o);
	if (span(off, n, 1, &total) || n > OBJ_MAX_N) {
		errno = ENOMEM;
		return NULL;
	}
	/* unpublish first: once realloc frees the old block, its address may be reused at once */
	map_withdraw((uintptr_t)p, old);
	query_wait((uintptr_t)p);
	if (!(obj_word(o) & OBJ_ALIGNED)) {
		m = realloc(obj_base(o), total);
	} else {
		void *v;

		m = posix_memalign(&v, (size_t)1 << ((size_t *)(void *)o)[-1], total) ? NULL : v;
		if (m) {
			memcpy(m, obj_base(o), off + (n < old ? n : old));
			free(obj_base(o));
		}
	}
	if (!m) {
		map_publish((uintptr_t)p, old); /* its map memory exists: cannot fail */
		return NULL;
	}
	no = (struct arena_obj *)(void *)(m + off) - 1; /* the header came along */
	obj_set_n(no, n);
	a->objs[obj_slot(no)] = no + 1;
	if (map_publish((uintptr_t)(no + 1), n))
		die("out of memory for the ownership map", no + 1);
	if (n > old)
		a->requested += n - old;
	else
		note_drop(a, old - n);
	return no + 1;
}

void *arena_realloc(arena_t *a, void *p, size_t n)
{
	return p ? arena_realloc_any(p, n) : arena_alloc(a, n);
}

void arena_reset_keep(arena_t *a, size_t keep)
{
	(void)keep;
	objs_free_from(a, 0);
	a->markobjs = 0;
}

void arena_reset(arena_t *a)
{
	arena_reset_keep(a, 0);
}

/* Apart, so that an untracked arena's release saves no registers before its test. */
static __attribute__((noinline)) void tracked_release(arena_t *a)
{
	arena_t *up = a->up;

	stats_report(a);
	objs_free_from(a, 0);
	slots_put(a);
	memset(a, 0, sizeof(*a));
	a->up = up;
}

void arena_release(arena_t *a)
{
	if (untracked(a)) /* nothing recorded, nothing counted: the program frees its objects */
		return;
	tracked_release(a);
}

/*
 * A mark is the number of slots in use: rewinding frees the objects of the slots above it. The
 * slots below the newest mark (floor) keep their places (arena_free empties them), so every
 * mark still valid keeps its meaning.
 */
arena_mark_t arena_save(arena_t *a)
{
	arena_mark_t m = {NULL, (char *)a, a->nobjs};

	a->markobjs = a->nobjs;
	return m;
}

void arena_rewind(arena_t *a, arena_mark_t m)
{
	if (m.ptr != (char *)a || m.seq > a->nobjs || m.seq > a->markobjs)
		die("arena_rewind: mark of another arena, or invalidated", m.ptr);
	objs_free_from(a, m.seq);
	a->markobjs = m.seq;
}

int arena_owns(const arena_t *a, const void *p)
{
	return a && query(p) == a;
}

arena_t *arena_owner(const void *p)
{
	return query(p);
}

void arena_get_stats(const arena_t *a, arena_stats_t *out)
{
	memset(out, 0, sizeof(*out));
	out->allocs = a->allocs;
	out->bytes_requested = a->requested;
	out->bytes_reserved = live_bytes(a);
	out->bytes_used = live_bytes(a);
	out->blocks = live_objs(a);
	out->peak_reserved = a->peak > live_bytes(a) ? a->peak : live_bytes(a);
}
#endif /* ARENA_USE_MALLOC */
