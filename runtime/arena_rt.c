/*
 * arena_rt.c: the out-of-line half of the arena runtime (see arena_rt.h for the contract).
 *
 * Bump mode: an arena bumps through "small" blocks (64 KiB .. 4 MiB, powers of two, from a
 * per-thread and a global cache or straight from mmap) and gives each request above ARENA_LARGE
 * a "large" block of its own (resized with mremap; arena_free and release put it in a per-thread
 * cache of large blocks that the next large request takes from). Every block starts
 * on a 64 KiB granule with a header and covers whole granules; a global two-level radix table
 * maps each granule to its block's header, so ownership is two dependent loads and never reads
 * memory outside our own blocks.
 *
 * Malloc mode (ARENA_USE_MALLOC): each object is one malloc() of its own: a 16-byte header (owner,
 * size, its slot in the arena's vector of objects) then exactly the bytes asked for. A global
 * lock-free byte map over the address space (one byte per 16-byte granule) marks where arena
 * objects start, so ownership is two loads, never a lock, and never reads memory that is not a
 * live arena object. Release frees the vector's objects, newest first. An untracked arena
 * (ARENA_INIT_UNTRACKED, marked by its `thread`) hands out plain malloc() objects and records
 * nothing: the program frees them, as before the rewrite.
 */
#ifndef _GNU_SOURCE /* mremap, MAP_ANONYMOUS, MADV_HUGEPAGE; the build may define it already */
#define _GNU_SOURCE 1
#endif
#include "arena_rt.h"
/* The runtime's marker again, for this file (see arena_rt.h): never rewritten by the tool. */
#define ARENA_RT_RUNTIME_FILE_ 1
#ifdef ARENA_HOT_INLINE_ /* the out-of-line function under its own name, not the inline path */
#undef arena_release
#endif

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#ifdef ARENA_ASAN
#include <sanitizer/asan_interface.h>
#define POISON(p, n)   ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
/* Under ASan each allocation is preceded by a poisoned slot holding its size: the redzone. */
#define REDZONE ARENA_ALIGN
#else
#define POISON(p, n)   ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#define REDZONE        0
#endif

/*
 * Atomics are the GNU builtins on plain objects, the same in C99 and C11 (no <stdatomic.h>, no
 * _Atomic): every shared field is only ever read and written through these.
 */
#if !defined(__GNUC__)
#error "arena_rt.c needs gcc or clang (__atomic builtins)"
#endif
#define LOAD(p, order)     __atomic_load_n((p), __ATOMIC_##order)
#define STORE(p, v, order) __atomic_store_n((p), (v), __ATOMIC_##order)
#define CAS(p, expect, v)                                                                          \
	__atomic_compare_exchange_n((p), (expect), (v), 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)
#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#define STATIC_ASSERT(c, msg) _Static_assert(c, msg)
#else
#define STATIC_ASSERT_(c, line)   typedef char static_assert_##line[(c) ? 1 : -1]
#define STATIC_ASSERT_AT(c, line) STATIC_ASSERT_(c, line)
#define STATIC_ASSERT(c, msg)     STATIC_ASSERT_AT(c, __LINE__)
#endif
/* A C99 user file computes ARENA_ALIGN without max_align_t: it must get the same answer. */
#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
STATIC_ASSERT(_Alignof(max_align_t) == __alignof__(arena_max_align_t),
              "arena_max_align_t must match max_align_t");
#endif

ARENA_TLS arena_t *arena_top_;

#if !defined(ARENA_USE_MALLOC) && !defined(ARENA_ASAN)
static void hot_setup(void);
#endif

/* Settings read once from the environment; compile flags give the defaults. */
static struct {
	int debug, stats, huge;
	size_t page, hdr, min_block, block_align;
} cfg;
static pthread_once_t cfg_once = PTHREAD_ONCE_INIT;
static int cfg_done; /* set (release) once cfg is read: the hot paths skip pthread_once */

static int env_flag(const char *name, int dflt)
{
	const char *v = getenv(name);

	return v && *v ? strcmp(v, "0") != 0 : dflt;
}

static void cfg_read(void)
{
#ifdef ARENA_DEBUG
	cfg.debug = env_flag("ARENA_DEBUG", 1);
#else
	cfg.debug = env_flag("ARENA_DEBUG", 0);
#endif
#ifdef ARENA_HUGEPAGES
	cfg.huge = env_flag("ARENA_HUGEPAGES", 1);
#else
	cfg.huge = env_flag("ARENA_HUGEPAGES", 0);
#endif
	cfg.stats = env_flag("ARENA_STATS", 0);
	cfg.page = (size_t)sysconf(_SC_PAGESIZE);
	/* debug mode: the header gets a page of its own, so the data can be made PROT_NONE */
#ifndef ARENA_USE_MALLOC
	cfg.hdr = cfg.debug ? cfg.page : ARENA_BLOCK_HDR_;
#endif
	cfg.min_block = cfg.huge ? (size_t)2 << 20 : (size_t)64 << 10;
	cfg.block_align = cfg.huge ? (size_t)2 << 20 : (size_t)64 << 10;
#if !defined(ARENA_USE_MALLOC) && !defined(ARENA_ASAN)
	if (!cfg.debug && !cfg.stats)
		hot_setup();
#endif
	STORE(&cfg_done, 1, RELEASE);
}

static void cfg_init(void)
{
	if (!LOAD(&cfg_done, ACQUIRE))
		pthread_once(&cfg_once, cfg_read);
}

/*
 * The warning's thresholds (docs/scopes.md, "Memory"): an arena that held at least STATS_WARN_MIN
 * bytes of which more than half (STATS_WARN_SHARE) had been freed by the program when it was
 * released holds what the original program would have given back long before.
 */
#define STATS_WARN_MIN   ((size_t)1 << 20)
#define STATS_WARN_SHARE 2

static void stats_report(const arena_t *a)
{
	arena_stats_t s;
	size_t held;

	cfg_init();
	if (!cfg.stats || !a->allocs)
		return;
	arena_get_stats(a, &s);
	held = s.peak_reserved > s.bytes_reserved ? s.peak_reserved : s.bytes_reserved;
	fprintf(stderr,
	        "arena_rt: arena %p: %zu allocs, %zu B requested, %zu B reserved (peak %zu), "
	        "%zu blocks, %zu B held at release, %zu B freed not reclaimed (%zu frees)\n",
	        (const void *)a, s.allocs, s.bytes_requested, s.bytes_reserved, s.peak_reserved,
	        s.blocks, s.bytes_reserved, s.bytes_unreclaimed, s.frees_unreclaimed);
	if (held >= STATS_WARN_MIN && s.bytes_unreclaimed * STATS_WARN_SHARE > s.bytes_used)
		fprintf(
		    stderr,
		    "arena_rt: warning: arena %p held %zu KiB, about %zu KiB of it freed by the "
		    "program long before the release: a narrower scope (or none) would give it "
		    "back (docs/scopes.md, \"Memory\")\n",
		    (const void *)a, held >> 10, s.bytes_unreclaimed >> 10);
}

#ifdef ARENA_USE_MALLOC
/* Its address identifies the calling thread (malloc-mode objects record it). */
static ARENA_TLS char thread_token;
#else
/* The thread's free block for a small arena (arena_rt.h); its address is the thread's token in
 * block headers, as the header's inline paths write it. */
ARENA_TLS struct arena_block *arena_hot_;
struct arena_small_ arena_small_;
#define thread_token arena_hot_
#endif

#if UINTPTR_MAX > 0xffffffffu
#define ADDR_BITS 48 /* user space of x86-64 and arm64; anything above is never ours */
#else
#define ADDR_BITS 32
#endif

static size_t round_up(size_t n, size_t to)
{
	return (n + to - 1) & ~(to - 1);
}

/*
 * off + n rounded up to `to` (a power of two) in *out, or -1 (errno ENOMEM) when that does not
 * fit a size_t. Every size computed from a request (block, mapping, header + object) goes through
 * here: requests and alignments reach SIZE_MAX and 2^63.
 */
static int span(size_t off, size_t n, size_t to, size_t *out)
{
	if (n > SIZE_MAX - off || off + n > SIZE_MAX - (to - 1)) {
		errno = ENOMEM;
		return -1;
	}
	*out = round_up(off + n, to);
	return 0;
}

#ifndef ARENA_USE_MALLOC
/* ---------------------------------------------------------------- bump mode: blocks */

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

/*
 * Debug mode keeps every block it ever used, sealed, as a mapping of its own (two once its
 * header page is apart): a program that makes arenas by the ten thousand reaches the kernel's
 * limit on mappings. A failed mmap or mprotect there would silently stop the checking (a
 * released block left readable), so it aborts, naming the limit.
 */
static void debug_die(const char *what, size_t len)
{
	fprintf(stderr,
	        "arena_rt: ARENA_DEBUG: %s of %zu bytes failed (%s): debug mode keeps every "
	        "released block mapped and sealed, and the process has reached the kernel's limit "
	        "on mappings (vm.max_map_count, see /proc/sys/vm/max_map_count) or on memory "
	        "(ulimit -v); raise it, or check fewer arenas at once\n",
	        what, len, strerror(errno));
	abort();
}

/* mprotect(PROT_NONE) of a debug mode range, or a loud abort. */
static void debug_seal(void *p, size_t len)
{
	if (len && mprotect(p, len, PROT_NONE))
		debug_die("mprotect", len);
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

/* ---------------------------------------------------------------- bump mode: growth record */

/*
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

#ifdef ARENA_ASAN
/* The size slot sits in the poisoned redzone before each object: read it without a report. */
__attribute__((no_sanitize_address)) static size_t asan_size(const char *p)
{
	return *(const size_t *)(const void *)(p - REDZONE);
}

static void asan_set_size(char *p, size_t n)
{
	UNPOISON(p - REDZONE, REDZONE);
	*(size_t *)(void *)(p - REDZONE) = n;
	POISON(p - REDZONE, REDZONE);
	UNPOISON(p, n);
}
#endif

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

#else /* ARENA_USE_MALLOC */
/* ---------------------------------------------------------------- malloc mode */

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
#define W_LOAD(w)       LOAD(&(w), RELAXED)
#define W_STORE(w, v)   STORE(&(w), (v), RELAXED)

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
#define OBJ_HDR        round_up(sizeof(struct arena_obj), ARENA_ALIGN)
#define OBJ_ALIGNED    1 /* over-aligned: user bytes further in, see obj_off */
#define OBJ_FLAGS      1
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
#define SPARE_MAX     ((size_t)1 << 17)
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

/* ---------------------------------------------------------------- both modes */

void arena_init(arena_t *a)
{
	memset(a, 0, sizeof(*a));
}

arena_t *arena_create(void)
{
	arena_t *a = malloc(sizeof(*a));

	if (a)
		arena_init(a);
	return a;
}

void arena_destroy(arena_t *a)
{
	if (!a)
		return;
	arena_release(a);
	free(a);
}

void *arena_memdup(arena_t *a, const void *p, size_t n)
{
	void *q = arena_alloc(a, n);

	if (q && n)
		memcpy(q, p, n);
	return q;
}

/* Whether a is an arena that serves allocations itself: not NULL, and not untracked (malloc
 * mode: an untracked arena's objects are what the original program's calls gave). */
#ifdef ARENA_USE_MALLOC
#define ARENA_APPLIES(a) ((a) && !untracked(a))
#else
#define ARENA_APPLIES(a) ((a) != NULL)
#endif

/* Copies at most n bytes of s, NUL-terminated, into alloc(a, len + 1) (strndup if a does not
 * apply: the program's own call, at libc's speed). */
static char *copy_strn(arena_t *a, const char *s, size_t n)
{
	size_t len = 0;
	char *q;

	if (!ARENA_APPLIES(a))
		return strndup(s, n);

	while (len < n && s[len]) /* strnlen is not C11 */
		len++;
	q = arena_alloc(a, len + 1);
	if (q) {
		memcpy(q, s, len);
		q[len] = '\0';
	}
	return q;
}

char *arena_strndup(arena_t *a, const char *s, size_t n)
{
	return copy_strn(a, s, n);
}

char *arena_strdup(arena_t *a, const char *s)
{
	return arena_memdup(a, s, strlen(s) + 1);
}

/* Fills q (n + 1 bytes, or NULL) with the n bytes at p and a NUL. */
static void *put_z(char *q, const void *p, size_t n)
{
	if (q) {
		if (n)
			memcpy(q, p, n);
		q[n] = '\0';
	}
	return q;
}

void *arena_memdupz(arena_t *a, const void *p, size_t n)
{
	/* n == SIZE_MAX: n + 1 bytes is no object */
	return n == SIZE_MAX ? NULL : put_z(arena_alloc(a, n + 1), p, n);
}

void *arena_clone(const void *p, size_t n)
{
	void *q = malloc(n ? n : 1);

	if (q && n)
		memcpy(q, p, n);
	return q;
}

char *arena_clone_str(const char *s)
{
	return arena_clone(s, strlen(s) + 1);
}

/* The thread's stack of arenas is linked through the arenas: push and pop never allocate. */
void arena_push(arena_t *a)
{
	a->up = arena_top_;
	arena_top_ = a;
}

void arena_pop(arena_t *a)
{
	arena_t **pp = &arena_top_;

	while (*pp && *pp != a) /* O(1) when scopes nest, as cleanup attributes make them */
		pp = &(*pp)->up;
	if (*pp)
		*pp = a->up;
	a->up = NULL;
}

void arena_scope_end(arena_t *a)
{
	arena_pop(a);
	arena_release(a);
}

void *(arena_cur_calloc)(size_t n, size_t size)
{
	arena_t *a = arena_top_;

	return a ? arena_calloc(a, n, size) : calloc(n, size);
}

void *(arena_cur_realloc)(void *p, size_t n)
{
	arena_t *a = arena_top_;

	return a ? arena_realloc(a, p, n) : arena_realloc_any(p, n);
}

char *arena_cur_strdup(const char *s)
{
	return arena_cur_memdup(s, strlen(s) + 1);
}

char *(arena_cur_strndup)(const char *s, size_t n)
{
	return copy_strn(arena_top_, s, n);
}

void *arena_cur_memdup(const void *p, size_t n)
{
	arena_t *a = arena_top_;

	return a ? arena_memdup(a, p, n) : arena_clone(p, n);
}

void *arena_cur_memdupz(const void *p, size_t n)
{
	arena_t *a = arena_top_;

	if (a)
		return arena_memdupz(a, p, n);
	return n == SIZE_MAX ? NULL : put_z(malloc(n + 1), p, n);
}

/*
 * Hook-aware variants: `fallback` is the library's own hook (hooks->allocate...), used wherever
 * the arena does not apply, so a program that installs its own allocator keeps it outside
 * scopes and for the memory it allocated itself. An untracked arena in malloc mode is the
 * original program: the hook serves it too.
 */
void *arena_cur_alloc_with(void *(*fallback)(size_t), size_t n)
{
	arena_t *a = arena_top_;

	return ARENA_APPLIES(a) ? arena_alloc(a, n) : fallback(n);
}

void *arena_cur_calloc_with(void *(*fallback)(size_t, size_t), size_t n, size_t size)
{
	arena_t *a = arena_top_;

	return ARENA_APPLIES(a) ? arena_calloc(a, n, size) : fallback(n, size);
}

/*
 * Whether p (not NULL) is an arena object that the _with functions hand to the arena rather than
 * to the program's fallback. Malloc mode: a start in the map, and nothing but one load and a
 * branch while no arena of the program ever tracked an object (the revert build, whose arenas
 * are all untracked: the original program's cost). Bump mode: a block's owner.
 */
#ifdef ARENA_USE_MALLOC
#define ARENA_MEMORY(p) (LOAD(&map_any, RELAXED) && obj_at(p))
#else
#define ARENA_MEMORY(p) (arena_owner(p) != NULL)
#endif

void *arena_realloc_any_with(void *(*fallback)(void *, size_t), void *p, size_t n)
{
	return p && ARENA_MEMORY(p) ? arena_realloc_any(p, n) : fallback(p, n);
}

void *arena_cur_realloc_with(void *(*fallback)(void *, size_t), void *p, size_t n)
{
	arena_t *a = arena_top_;

	if (!p && ARENA_APPLIES(a))
		return arena_alloc(a, n);
	return arena_realloc_any_with(fallback, p, n);
}

void arena_free_with(void (*fallback)(void *), void *p)
{
	if (!p)
		return;
	if (ARENA_MEMORY(p))
		arena_free(p);
	else
		fallback(p);
}

char *arena_cur_strdup_with(char *(*fallback)(const char *), const char *s)
{
	return arena_strdup_with(arena_top_, fallback, s);
}

char *arena_cur_strndup_with(char *(*fallback)(const char *, size_t), const char *s, size_t n)
{
	return arena_strndup_with(arena_top_, fallback, s, n);
}

void *arena_cur_memdupz_with(void *(*fallback)(const void *, size_t), const void *p, size_t n)
{
	return arena_memdupz_with(arena_top_, fallback, p, n);
}

char *arena_cur_strdupz_with(char *(*fallback)(const char *, size_t), const char *s, size_t n)
{
	return arena_strdupz_with(arena_top_, fallback, s, n);
}

#ifdef ARENA_USE_MALLOC
void *arena_alloc_with(arena_t *a, void *(*fallback)(size_t), size_t n)
{
	return ARENA_APPLIES(a) ? arena_alloc(a, n) : fallback(n);
}
#endif

void *arena_calloc_with(arena_t *a, void *(*fallback)(size_t, size_t), size_t n, size_t size)
{
	return ARENA_APPLIES(a) ? arena_calloc(a, n, size) : fallback(n, size);
}

void *arena_realloc_with(arena_t *a, void *(*fallback)(void *, size_t), void *p, size_t n)
{
	if (!p && ARENA_APPLIES(a))
		return arena_alloc(a, n);
	return arena_realloc_any_with(fallback, p, n);
}

char *arena_strdup_with(arena_t *a, char *(*fallback)(const char *), const char *s)
{
	return ARENA_APPLIES(a) ? arena_strdup(a, s) : fallback(s);
}

char *arena_strndup_with(arena_t *a, char *(*fallback)(const char *, size_t), const char *s,
                         size_t n)
{
	return ARENA_APPLIES(a) ? copy_strn(a, s, n) : fallback(s, n);
}

void *arena_memdupz_with(arena_t *a, void *(*fallback)(const void *, size_t), const void *p,
                         size_t n)
{
	return ARENA_APPLIES(a) ? arena_memdupz(a, p, n) : fallback(p, n);
}

char *arena_strdupz_with(arena_t *a, char *(*fallback)(const char *, size_t), const char *s,
                         size_t n)
{
	return ARENA_APPLIES(a) ? (char *)arena_memdupz(a, s, n) : fallback(s, n);
}
