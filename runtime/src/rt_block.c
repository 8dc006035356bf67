/*
 * rt_block.c (part of arena_rt.c, see rt_core.c): bump mode's blocks. Every block starts on a
 * 64 KiB granule with its header and covers whole granules; the radix table maps each granule
 * to its header (ownership). Free blocks wait in caches: the thread's own (arena_hot_ and a
 * short list, no lock), a global one per size class, and a per-thread cache of large blocks.
 */
#ifndef ARENA_USE_MALLOC

#define GRANULE_SHIFT 16
#define GRANULE       ((size_t)1 << GRANULE_SHIFT)

/* clear() lists every field; past 80 bytes compilers clear ARENA_INIT with `rep stos` too */
STATIC_ASSERT(sizeof(arena_t) <= 80, "arena_t must stay small: see arena_rt.h");

/*
 * Blocks are whole granules: a->held counts them, now (low 32 bits) and at most (bits 32..62),
 * in one word. Bit 63 (HELD_EXT) says the arena has a growth record (struct arena_ext): it
 * also keeps the header's inline release, which compares held with one block's, off the arena.
 */
#define HELD_EXT     ((uint64_t)1 << 63)
#define HELD_NOW(a)  ((size_t)((a)->held & 0xffffffffu) << GRANULE_SHIFT)
#define HELD_PEAK(a) ((size_t)(((a)->held >> 32) & 0x7fffffffu) << GRANULE_SHIFT)

static void note_reserved(arena_t *a, size_t size)
{
	uint64_t now = (a->held & 0xffffffffu) + (size >> GRANULE_SHIFT);
	uint64_t peak = (a->held >> 32) & 0x7fffffffu;

	a->held = (a->held & HELD_EXT) | (now > peak ? now : peak) << 32 | now;
}

static void note_unreserved(arena_t *a, size_t size)
{
	a->held -= size >> GRANULE_SHIFT;
}

#ifndef ARENA_ASAN
/* What the header's inline paths need to know of an arena holding one smallest block. */
static void hot_setup(void)
{
	arena_t one = ARENA_INIT;

	note_reserved(&one, cfg.min_block);
	arena_small_.held = one.held;
	arena_small_.size = cfg.min_block;
}
#endif

/* The header at the start of every block; 64 bytes, so the data stays aligned. */
struct arena_block {
	arena_t *owner;           /* NULL once the block is cached or retired */
	const void *thread;       /* token of the thread that last took it for owner */
	struct arena_block *next; /* owner's list (small: blocks/spare; large: large) */
	struct arena_block *prev; /* large: doubly linked for O(1) arena_free; small: see ext_of */
	size_t size;              /* bytes mapped, whole granules */
	char *used;               /* small, not current: end of the used part; large: object end */
	char *data;               /* large: the object; NULL for a small block */
	size_t seq;               /* large: owner->allocs at allocation, for rewind */
};

/* The header's inline paths write owner and thread through struct arena_block_head_. */
STATIC_ASSERT(offsetof(struct arena_block, owner) == offsetof(struct arena_block_head_, owner) &&
                  offsetof(struct arena_block, thread) ==
                      offsetof(struct arena_block_head_, thread),
              "struct arena_block must begin as struct arena_block_head_");

STATIC_ASSERT(sizeof(struct arena_block) <= ARENA_BLOCK_HDR_, "block header must fit its bytes");

static void die(const char *what, const void *p)
{
	fprintf(stderr, "arena_rt: %s (%p)\n", what, p);
	abort();
}

#define LEAF_BITS 16
#define ROOT_BITS (ADDR_BITS - GRANULE_SHIFT - LEAF_BITS)

struct radix_leaf {
	struct arena_block *block[(size_t)1 << LEAF_BITS];
};
/* 512 KiB of zero pages in .bss on 64-bit; leaves (512 KiB) are mapped on first use */
static struct radix_leaf *radix_root[(size_t)1 << ROOT_BITS];

static struct arena_block *radix_get(const void *p)
{
	uintptr_t x = (uintptr_t)p;
	struct radix_leaf *leaf;

#if UINTPTR_MAX > 0xffffffffu
	if (x >> ADDR_BITS)
		return NULL;
#endif
	leaf = LOAD(&radix_root[x >> (GRANULE_SHIFT + LEAF_BITS)], ACQUIRE);
	if (!leaf)
		return NULL;
	return LOAD(&leaf->block[(x >> GRANULE_SHIFT) & ((1u << LEAF_BITS) - 1)], ACQUIRE);
}

/* Points the granules of [base, base + size) at h; only blocks' own threads write. */
static int radix_set(char *base, size_t size, struct arena_block *h)
{
	for (uintptr_t x = (uintptr_t)base; x < (uintptr_t)base + size; x += GRANULE) {
		struct radix_leaf **slot = &radix_root[x >> (GRANULE_SHIFT + LEAF_BITS)];
		struct radix_leaf *leaf = LOAD(slot, ACQUIRE);

		if (!leaf) {
			struct radix_leaf *fresh = NULL;
			void *m = mmap(NULL, sizeof(*leaf), PROT_READ | PROT_WRITE,
			               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

			if (m == MAP_FAILED)
				return -1;
			leaf = m;
			if (!CAS(slot, &fresh, leaf)) {
				munmap(leaf, sizeof(*leaf)); /* another thread won */
				leaf = fresh;
			}
		}
		STORE(&leaf->block[(x >> GRANULE_SHIFT) & ((1u << LEAF_BITS) - 1)], h, RELEASE);
	}
	return 0;
}

/* Maps size bytes aligned to align (>= GRANULE), without registering them. */
static char *map_aligned(size_t size, size_t align)
{
	size_t len;
	char *m, *p;

	if (span(size, align, 1, &len))
		return NULL;
	m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED) {
		if (cfg.debug && errno == ENOMEM)
			debug_die("mmap", len);
		return NULL;
	}
	p = (char *)round_up((uintptr_t)m, align);
	if (p > m)
		munmap(m, (size_t)(p - m));
	if (m + len > p + size)
		munmap(p + size, (size_t)(m + len - (p + size)));
#ifdef MADV_HUGEPAGE
	if (cfg.huge && size >= ((size_t)2 << 20))
		madvise(p, size, MADV_HUGEPAGE);
#endif
	return p;
}

static struct arena_block *map_block(size_t size, size_t align)
{
	char *p = map_aligned(size, align < GRANULE ? GRANULE : align);

	if (!p)
		return NULL;
	if (radix_set(p, size, (struct arena_block *)p)) {
		munmap(p, size);
		return NULL;
	}
	POISON(p + cfg.hdr, size - cfg.hdr);
	return (struct arena_block *)p;
}

static void unmap_block(struct arena_block *h)
{
	size_t size = h->size;

	radix_set((char *)h, size, NULL);
	UNPOISON(h, size); /* leave no stale shadow for whoever maps these pages next */
	munmap(h, size);
}

/*
 * Cache of free small blocks, so that an arena's first block is not an mmap each time and
 * glibc's trimming never sees our memory. A few blocks of the smallest class live with the
 * thread (no lock: create + release of a small arena stays well below 100 ns): one in
 * arena_hot_, where the header's inline paths take and give it, the others in a list; the rest
 * in a global list per size class, capped at 64 MiB.
 */
#define NCLASS     7
#define CACHE_MAX  ((size_t)64 << 20)
#define TCACHE_MAX 4

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct arena_block *cache[NCLASS];
static size_t cache_bytes;

static ARENA_TLS struct arena_block *tcache;
static ARENA_TLS unsigned tcache_n;
static ARENA_TLS int tcache_hooked;
static pthread_key_t tcache_key;
static pthread_once_t tcache_once = PTHREAD_ONCE_INIT;

static int size_class(size_t size)
{
	int k = 0;

	while ((cfg.min_block << k) < size)
		k++;
	return (cfg.min_block << k) == size && k < NCLASS ? k : -1;
}

static void cache_put_global(struct arena_block *h)
{
	int k = size_class(h->size);

	pthread_mutex_lock(&cache_lock);
	if (k >= 0 && cache_bytes + h->size <= CACHE_MAX) {
		h->next = cache[k];
		cache[k] = h;
		cache_bytes += h->size;
		h = NULL;
	}
	pthread_mutex_unlock(&cache_lock);
	if (h)
		unmap_block(h);
}

/*
 * Freed large blocks, per thread, newest last: a scope per small document that allocates
 * buffers above ARENA_LARGE (a parser's fixed input buffer) would otherwise pay mmap, a page
 * fault per page and munmap for each buffer of each document, hundreds of times what malloc
 * pays for a chunk it reuses. Up to LCACHE_N blocks and LCACHE_BYTES, each up to LCACHE_BLOCK
 * (bigger ones are rare and cost more to fill than to map); when full, the oldest goes.
 */
#define LCACHE_N     16
#define LCACHE_BYTES ((size_t)32 << 20)
#define LCACHE_BLOCK ((size_t)8 << 20)

static ARENA_TLS struct arena_block *lcache[LCACHE_N];
static ARENA_TLS unsigned lcache_n;
static ARENA_TLS size_t lcache_bytes;

static void lcache_drop(unsigned i)
{
	struct arena_block *h = lcache[i];

	lcache_bytes -= h->size;
	memmove(&lcache[i], &lcache[i + 1], (lcache_n - i - 1) * sizeof(lcache[0]));
	lcache_n--;
}

/* Thread exit: hand this thread's cached blocks to the global cache, unmap its large ones. */
static void tcache_flush(void *unused)
{
	(void)unused;
	while (tcache) {
		struct arena_block *h = tcache;

		tcache = h->next;
		cache_put_global(h);
	}
	tcache_n = 0;
	if ((uintptr_t)arena_hot_ > ARENA_HOT_EMPTY_)
		cache_put_global(arena_hot_);
	arena_hot_ = (struct arena_block *)ARENA_HOT_OFF_;
	/*
	 * Another key's destructor may still use an arena: its block then hooks the thread again,
	 * and the threads library runs this once more (up to PTHREAD_DESTRUCTOR_ITERATIONS).
	 */
	tcache_hooked = 0;
	while (lcache_n) {
		struct arena_block *h = lcache[lcache_n - 1];

		lcache_drop(lcache_n - 1);
		unmap_block(h);
	}
}

static void tcache_key_create(void)
{
	pthread_key_create(&tcache_key, tcache_flush);
}

/* Once per thread, before it caches anything: its exit empties its caches. */
static void thread_hook(void)
{
	if (!tcache_hooked) {
		pthread_once(&tcache_once, tcache_key_create);
		pthread_setspecific(tcache_key, &tcache_hooked);
		tcache_hooked = 1;
#ifndef ARENA_ASAN /* (with ASan every cached block is poisoned: no inline path takes one) */
		if (arena_small_
		        .held) /* (plain mode) the thread's free block: its exit flushes it */
			arena_hot_ = (struct arena_block *)ARENA_HOT_EMPTY_;
#endif
	}
}

/* Keeps the retired large block h for this thread's next large allocation, or unmaps it. */
static void lcache_put(struct arena_block *h)
{
	if (h->size > LCACHE_BLOCK) {
		unmap_block(h);
		return;
	}
	thread_hook();
	while (lcache_n == LCACHE_N || lcache_bytes + h->size > LCACHE_BYTES) {
		struct arena_block *old = lcache[0];

		lcache_drop(0);
		unmap_block(old);
	}
	lcache[lcache_n++] = h;
	lcache_bytes += h->size;
}

/*
 * The smallest cached large block of at least size bytes and at most 4 times that, or at most
 * LCACHE_ANY, or NULL. A growing buffer then grows in place for a while: a scope per document
 * whose output buffer doubles from 40 KiB to 320 KiB took a fresh mapping (and a page fault per
 * page) at every document when the cached 320 KiB block was more than 4 times the first
 * request (cmark: 8 times the original's page faults, 1.4x its time). A cached block's pages
 * are resident already: handing it to a smaller request costs nothing.
 */
#define LCACHE_ANY ((size_t)1 << 20)
static struct arena_block *lcache_get(size_t size)
{
	unsigned best = LCACHE_N;

	for (unsigned i = lcache_n; i-- > 0;) {
		size_t have = lcache[i]->size;

		if (have >= size && (have / 4 <= size || have <= LCACHE_ANY) &&
		    (best == LCACHE_N || have < lcache[best]->size))
			best = i;
	}
	if (best == LCACHE_N)
		return NULL;
	{
		struct arena_block *h = lcache[best];

		lcache_drop(best);
		return h;
	}
}

/* Room with the thread for a free smallest block (once thread_hook has run). */
static int small_room(void)
{
	return (uintptr_t)arena_hot_ == ARENA_HOT_EMPTY_ || tcache_n < TCACHE_MAX;
}

/* Keeps the free smallest block h with the thread: the empty arena_hot_ first. */
static void small_put(struct arena_block *h)
{
	if ((uintptr_t)arena_hot_ == ARENA_HOT_EMPTY_) {
		h->next = NULL; /* (the inline paths rely on it) */
		arena_hot_ = h;
		return;
	}
	h->next = tcache;
	tcache = h;
	tcache_n++;
}

/* A free smallest block kept by the thread, or NULL. */
static struct arena_block *small_get(void)
{
	struct arena_block *h = arena_hot_;

	if ((uintptr_t)h > ARENA_HOT_EMPTY_) {
		arena_hot_ = (struct arena_block *)ARENA_HOT_EMPTY_;
		return h;
	}
	h = tcache;
	if (h) {
		tcache = h->next;
		tcache_n--;
	}
	return h;
}

static void cache_put(struct arena_block *h)
{
	if (h->size == cfg.min_block) {
		thread_hook();
		if (small_room()) {
			small_put(h);
			return;
		}
	}
	cache_put_global(h);
}

static struct arena_block *cache_get(size_t size)
{
	struct arena_block *h = NULL;
	int k;

	if (size == cfg.min_block && (h = small_get()) != NULL) /* no lock, no loop */
		return h;
	k = size_class(size);
	if (k >= 0) {
		pthread_mutex_lock(&cache_lock);
		h = cache[k];
		if (h) {
			cache[k] = h->next;
			cache_bytes -= h->size;
		}
		pthread_mutex_unlock(&cache_lock);
	}
	if (!h) {
		h = map_block(size, cfg.block_align);
		if (h)
			h->size = size;
	}
	return h;
}

/* The block leaves its arena for good: cache it, unmap it, or (debug) seal it for ever. */
static void retire(struct arena_block *h)
{
	STORE(&h->owner, NULL, RELAXED);
	STORE(&h->thread, NULL, RELAXED);
	if (!h->data)
		h->prev = NULL; /* no growth record: the inline paths may hand it out */
	if (cfg.debug) {
		/* header page stays readable: radix lookups of dangling pointers still work */
		debug_seal((char *)h + cfg.hdr, h->size - cfg.hdr);
		return;
	}
	POISON((char *)h + cfg.hdr, h->size - cfg.hdr);
	if (h->data)
		lcache_put(h);
	else
		cache_put(h);
}

static void take(arena_t *a, struct arena_block *h)
{
	STORE(&h->owner, a, RELAXED);
	STORE(&h->thread, &thread_token, RELAXED);
}
#endif /* !ARENA_USE_MALLOC */
