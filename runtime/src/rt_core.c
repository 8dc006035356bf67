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
 *
 * One translation unit, kept as pieces in runtime/src/ and joined by runtime/amalgamate.sh in
 * this order (SQLite's way with its memory backends): rt_core.c (settings, statistics, helpers
 * every mode uses), rt_debug.c (bump mode's checking: debug mode's sealing, ASan's poisoning),
 * rt_block.c, rt_grow.c and rt_bump.c (bump mode), rt_malloc.c (malloc mode), rt_api.c (what
 * both modes build on their primitives). A backend's piece is wholly inside the #if of its
 * mode, so it compiles to nothing in the other one. Pieces share static functions and macros:
 * they are parts of one file, not files of their own (only the joined arena_rt.c compiles).
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
