/*
 * arena_rt: region ("arena") allocation for code rewritten by arena-rewrite.
 *
 * An arena hands out memory by bumping a pointer through large blocks and frees it all at once.
 * Vendor it as these two files (arena_rt.h, arena_rt.c; C11, or C99 with gcc/clang; POSIX mmap +
 * pthreads) or link the installed library. See docs/runtime.md for the costs and the modes.
 *
 * Usage:
 *
 *	arena_t arena __attribute__((cleanup(arena_release))) = ARENA_INIT;
 *	struct node *n = arena_alloc(&arena, sizeof(*n));
 *	arena_free(q);			(arena memory: left alone; heap memory: free(q))
 *
 * Ownership and invariants:
 *
 *  - An arena_t may live anywhere (stack, struct, heap via arena_create()). ARENA_INIT and all-zero
 *    bytes are both a valid empty arena; nothing is allocated before the first allocation.
 *  - Memory from an arena stays valid until arena_release(), arena_reset() or an arena_rewind()
 *    to a mark taken before it. arena_free() never makes it invalid earlier, except for an
 *    allocation above ARENA_LARGE (it has a block of its own, kept by the thread for its next
 *    large allocation), the newest allocation (its bytes are reused by the next one), and an
 *    object that arena_realloc() moved (its old copy may serve the next move; a moved small
 *    object gets a power-of-two capacity that later growths use in place).
 *  - One thread uses an arena at a time: allocating from it, releasing it, and arena_free() or
 *    arena_realloc() of its memory are all "uses". Nothing on the fast path is atomic. Any thread
 *    may ask arena_owner()/arena_owns() about any pointer at any time, even while another thread
 *    releases the arena that holds it (the answer is that arena or NULL; no freed memory is
 *    read), and arena_free() of another thread's arena memory is safe (it leaves the memory
 *    alone) unless that arena is being released at the same moment (docs/runtime.md, Threads).
 *  - arena_free(), arena_realloc*() and arena_owner() tell arena memory from heap memory in O(1)
 *    by address alone (bump mode: a global radix table over 64 KiB granules; malloc mode: a
 *    byte map over 16-byte granules): they never read memory they do not own, so heap, stack
 *    and foreign pointers are safe to pass. arena_free() of memory of an arena that another
 *    thread uses (bump mode: that another thread's block holds; malloc mode: an arena whose
 *    latest allocation another thread made) leaves it alone, in both modes.
 *  - Bump mode: arena_free() and arena_cur_{calloc,realloc,strndup}() are function-like macros
 *    over inline fast paths; their names without parentheses are the out-of-line functions.
 *    arena_release is an object-like macro over its inline fast path (gcc and clang, no ASan),
 *    so that cleanup(arena_release) gets it too; the library still exports arena_release.
 *  - Allocations are aligned to ARENA_ALIGN (alignof(max_align_t)) unless asked otherwise.
 *  - Marks (arena_save) are invalidated by arena_reset(), arena_release() and by rewinding to an
 *    older mark.
 *
 * Modes (the same for the runtime and every file that includes this header):
 *  - -DARENA_USE_MALLOC: every allocation is one real malloc() (a header, then exactly the bytes
 *    asked for) recorded in its arena and freed with it, so valgrind and sanitizers see each
 *    object and its end. Each object has three records, each needed: a byte in a global map
 *    (arena_free of a foreign pointer then reads nothing it does not own), the header (owner,
 *    size, slot) and a slot in its arena's vector (what release frees); they cost about 1.2x to
 *    1.4x the original program's time where it does little but allocate and free (see
 *    docs/runtime.md). The symbols get other names (arena_m_*), so mixing modes fails at link
 *    time instead of corrupting memory (arena_t has other fields in this mode). An arena
 *    declared ARENA_INIT_UNTRACKED (what arena-rewrite writes) records nothing: its objects are
 *    the plain heap objects of the original program, which the rewritten code still frees.
 *  - AddressSanitizer (detected): free arena space is poisoned, every allocation is unpoisoned to
 *    its exact size and followed by a redzone.
 *  - ARENA_DEBUG=1 (environment) or -DARENA_DEBUG (runtime): released/reset memory is made
 *    inaccessible and never reused, so a use after free faults at once.
 *  - ARENA_STATS=1 (environment): one line of statistics per arena on stderr when it is released
 *    (bytes requested, held at release, freed but not reclaimed), and a warning when the arena
 *    held 1 MiB or more of which more than half had been freed (docs/scopes.md, "Memory").
 *  - ARENA_HUGEPAGES=1 (environment) or -DARENA_HUGEPAGES: 2 MiB blocks with MADV_HUGEPAGE.
 */
#ifndef ARENA_RT_H
#define ARENA_RT_H
/* Marks the runtime's own files: arena-rewrite never analyses, rewrites or reports a file that
 * defines it, so a second run over a project that builds the runtime leaves it alone. */
#define ARENA_RT_RUNTIME_FILE_ 1

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Language: C11, or C99/gnu99 with the GNU extensions of gcc and clang (__thread, __alignof__).
 * Helpers are `static __inline__` and marked unused, so a config.h that defines `inline` away
 * leaves no -Wunused-function behind.
 */
#if defined(__cplusplus) && __cplusplus >= 201103L
#define ARENA_TLS thread_local
#elif defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#define ARENA_TLS _Thread_local
#elif defined(__GNUC__)
#define ARENA_TLS __thread
#else
#error "arena_rt.h needs C11 (-std=c11) or gcc/clang (for __thread in C99)"
#endif
#if defined(__GNUC__)
#define ARENA_INLINE static __inline__ __attribute__((__unused__))
#else
#define ARENA_INLINE static inline
#endif

#if defined(__SANITIZE_ADDRESS__)
#define ARENA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_ASAN 1
#endif
#endif

#ifdef ARENA_USE_MALLOC
/* Malloc mode links against other names: a mode mismatch is a link error, not a heap corruption. */
#define arena_init             arena_m_init
#define arena_release          arena_m_release
#define arena_reset            arena_m_reset
#define arena_reset_keep       arena_m_reset_keep
#define arena_create           arena_m_create
#define arena_destroy          arena_m_destroy
#define arena_save             arena_m_save
#define arena_rewind           arena_m_rewind
#define arena_alloc            arena_m_alloc
#define arena_alloc_aligned    arena_m_alloc_aligned
#define arena_alloc_slow       arena_m_alloc_slow
#define arena_alloc_with       arena_m_alloc_with
#define arena_calloc           arena_m_calloc
#define arena_realloc          arena_m_realloc
#define arena_realloc_any      arena_m_realloc_any
#define arena_free             arena_m_free
#define arena_strdup           arena_m_strdup
#define arena_strndup          arena_m_strndup
#define arena_memdup           arena_m_memdup
#define arena_memdupz          arena_m_memdupz
#define arena_clone            arena_m_clone
#define arena_clone_str        arena_m_clone_str
#define arena_owns             arena_m_owns
#define arena_owner            arena_m_owner
#define arena_get_stats        arena_m_get_stats
#define arena_push             arena_m_push
#define arena_pop              arena_m_pop
#define arena_scope_end        arena_m_scope_end
#define arena_cur_calloc       arena_m_cur_calloc
#define arena_cur_realloc      arena_m_cur_realloc
#define arena_cur_strdup       arena_m_cur_strdup
#define arena_cur_strndup      arena_m_cur_strndup
#define arena_cur_memdup       arena_m_cur_memdup
#define arena_cur_memdupz      arena_m_cur_memdupz
#define arena_top_             arena_m_top_
#define arena_cur_alloc_with   arena_m_cur_alloc_with
#define arena_cur_calloc_with  arena_m_cur_calloc_with
#define arena_cur_realloc_with arena_m_cur_realloc_with
#define arena_realloc_any_with arena_m_realloc_any_with
#define arena_free_with        arena_m_free_with
#define arena_cur_strdup_with  arena_m_cur_strdup_with
#define arena_cur_strndup_with arena_m_cur_strndup_with
#define arena_cur_memdupz_with arena_m_cur_memdupz_with
#define arena_cur_strdupz_with arena_m_cur_strdupz_with
#define arena_calloc_with      arena_m_calloc_with
#define arena_realloc_with     arena_m_realloc_with
#define arena_strdup_with      arena_m_strdup_with
#define arena_strndup_with     arena_m_strndup_with
#define arena_memdupz_with     arena_m_memdupz_with
#define arena_strdupz_with     arena_m_strdupz_with
#define arena_untracked_       arena_m_untracked_
#endif

/*
 * Default alignment of every allocation: alignof(max_align_t). Before C11, the same struct as
 * gcc's and clang's <stddef.h> (arena_rt.c checks that the two agree).
 */
#if defined(__GNUC__)
/* __extension__: `long long` is C99; a C89 unit with -pedantic-errors includes this too. */
__extension__ typedef struct {
	long long ll_ __attribute__((__aligned__(__alignof__(long long))));
	long double ld_ __attribute__((__aligned__(__alignof__(long double))));
#if defined(__i386__) && !defined(__clang__)
	__float128 f128_ __attribute__((__aligned__(__alignof__(__float128))));
#endif
} arena_max_align_t;
#endif
#if defined(__cplusplus) && __cplusplus >= 201103L
#define ARENA_ALIGN ((size_t)alignof(max_align_t))
#elif defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#define ARENA_ALIGN ((size_t) _Alignof(max_align_t))
#elif defined(__GNUC__)
#define ARENA_ALIGN ((size_t) __alignof__(arena_max_align_t))
#else
#error "arena_rt.h needs C11 (-std=c11) or gcc/clang (for max_align_t in C99)"
#endif
/*
 * Requests above this get a block of their own, which realloc resizes and arena_free gives back
 * to the thread's cache of large blocks (so a buffer per small scope costs no system call).
 */
#define ARENA_LARGE ((size_t)32 << 10)

struct arena_block;
struct arena_obj;

/*
 * Bump mode: at most 80 bytes, so that ARENA_INIT and a release are a few vector stores. From
 * 96 bytes up gcc clears the struct with `rep stos`, whose start-up cost alone made a small
 * arena (create, one allocation, release) 2.3x malloc + free.
 */
typedef struct arena {
#ifndef ARENA_USE_MALLOC
	char *ptr;                  /* next free byte of the current block */
	char *end;                  /* end of the current block */
	char *last;                 /* newest small allocation, resized in place; NULL if none */
	size_t allocs;              /* allocations since init (numbers large blocks for rewind) */
	struct arena_block *blocks; /* small blocks in use, current first */
	/* (apart from allocs: compilers would update the pair with one 16-byte load and store,
	 * which stalls when its bytes were just written by two stores, as a release writes them) */
	size_t requested;          /* bytes asked for since init (stats) */
	struct arena_block *spare; /* empty small blocks kept by reset/rewind */
	struct arena_block *large; /* own-block allocations, newest first */
	struct arena *up;          /* next outer arena on this thread's stack */
	uint64_t held; /* 64 KiB granules of blocks held: now (low 32 bits), at most (high 32) */
#else
	/* At most 80 bytes too (ARENA_INIT_UNTRACKED is cleared at every call of a hotspot). */
	struct arena *up;                /* next outer arena on this thread's stack */
	size_t allocs, requested, peak;  /* since init; the most bytes live at once */
	void **objs;                     /* the objects, oldest first (NULL: freed) */
	size_t nobjs, capobjs, markobjs; /* slots of objs used, held, kept by marks */
	size_t dropped_bytes;            /* bytes freed since init */
	/* the thread allocating from it now (atomic accesses); &arena_untracked_: untracked */
	const void *thread;
#endif
} arena_t;

/* An empty arena; all-zero bytes are one too. */
#define ARENA_INIT                                                                                 \
	{                                                                                          \
		0                                                                                  \
	}

/*
 * An empty arena for code that still frees every object itself, as the program did before the
 * rewrite (what arena-rewrite writes where it removed no free). Bump mode: ARENA_INIT. Malloc
 * mode: its objects are the plain heap objects the original program had (malloc, calloc,
 * realloc, the hook of the _with functions), not recorded anywhere, so the rollback build
 * allocates and frees exactly as the original did: arena_free frees them, and arena_release,
 * reset and rewind free none of them (what the program does not free leaks, as it did);
 * arena_owner says NULL and the statistics count nothing. Every field is given, so that
 * -Wmissing-field-initializers stays quiet.
 */
#ifdef ARENA_USE_MALLOC
extern const char arena_untracked_;
#define ARENA_INIT_UNTRACKED                                                                       \
	{                                                                                          \
		0, 0, 0, 0, 0, 0, 0, 0, 0, &arena_untracked_                                       \
	}
#else
#define ARENA_INIT_UNTRACKED ARENA_INIT
#endif

/*
 * What arena-rewrite writes for a teardown it proves dead (a walk that only frees memory of an
 * arena released right after): compiled out in bump mode, where the release frees it all at
 * once, and run in malloc mode, which stays the original program. ARENA_TEARDOWN(f, p) is the
 * call f(p); a loop is wrapped in #if ARENA_MALLOC_MODE. In bump mode f and p are still named
 * (evaluated as the call would, f not called), so nothing becomes unused.
 */
#ifdef ARENA_USE_MALLOC
#define ARENA_MALLOC_MODE    1
#define ARENA_TEARDOWN(f, p) f(p)
#else
#define ARENA_MALLOC_MODE    0
#define ARENA_TEARDOWN(f, p) ((void)(f), (void)(p))
#endif

typedef struct {
	struct arena_block *block; /* current block at the time of the mark */
	char *ptr;
	size_t seq;
} arena_mark_t;

typedef struct {
	size_t allocs;          /* allocations since init, realloc copies included */
	size_t bytes_requested; /* bytes asked for since init */
	size_t bytes_reserved;  /* bytes of blocks held now (malloc mode: bytes of live objects) */
	size_t blocks;          /* blocks held now (malloc mode: live objects) */
	size_t peak_reserved;   /* largest bytes_reserved seen */
	size_t bytes_used;      /* bytes of small blocks handed out, padding included */
	size_t large_blocks;    /* own-block allocations alive */
	/*
	 * Freed but not reclaimed (bump mode; 0 in malloc mode, which frees for real): the bytes
	 * the program gave back that stay held until the release. Exact for realloc's old copies
	 * and free lists; arena_free of other objects is counted only under ARENA_STATS (the inline
	 * path does not call out otherwise), and estimated at the arena's mean request size.
	 */
	size_t frees_unreclaimed; /* arena_free calls left alone (ARENA_STATS only) */
	size_t bytes_unreclaimed; /* their bytes (estimated) + old copies + free lists */
} arena_stats_t;

void arena_init(arena_t *a);
/* Frees everything; *a is left empty and reusable. Usable as a cleanup attribute. */
void arena_release(arena_t *a);
/* Frees every object but keeps up to 256 MiB of blocks (arena_reset_keep: `keep` bytes). */
void arena_reset(arena_t *a);
void arena_reset_keep(arena_t *a, size_t keep);
arena_t *arena_create(void);
void arena_destroy(arena_t *a);
arena_mark_t arena_save(arena_t *a);
void arena_rewind(arena_t *a, arena_mark_t m);

/* The slow path of arena_alloc: a new block, a large request, an odd alignment, ASan. */
void *arena_alloc_slow(arena_t *a, size_t n, size_t align);
void *arena_calloc(arena_t *a, size_t n, size_t size);
void *arena_realloc(arena_t *a, void *p, size_t n);
void *arena_realloc_any(void *p, size_t n);
void arena_free(void *p);
char *arena_strdup(arena_t *a, const char *s);
char *arena_strndup(arena_t *a, const char *s, size_t n);
void *arena_memdup(arena_t *a, const void *p, size_t n);
/* The n bytes at p, NUL bytes included, then a NUL (n + 1 bytes): git's xmemdupz. */
void *arena_memdupz(arena_t *a, const void *p, size_t n);
void *arena_clone(const void *p, size_t n);
char *arena_clone_str(const char *s);
int arena_owns(const arena_t *a, const void *p);
arena_t *arena_owner(const void *p);
void arena_get_stats(const arena_t *a, arena_stats_t *out);

void arena_push(arena_t *a);
void arena_pop(arena_t *a);
void arena_scope_end(arena_t *a);
void *arena_cur_calloc(size_t n, size_t size);
void *arena_cur_realloc(void *p, size_t n);
char *arena_cur_strdup(const char *s);
char *arena_cur_strndup(const char *s, size_t n);
void *arena_cur_memdup(const void *p, size_t n);
void *arena_cur_memdupz(const void *p, size_t n);

/*
 * For calls through a library's allocator hooks (hooks->allocate(n) becomes
 * arena_cur_alloc_with(hooks->allocate, n)): `fallback` is the hook itself, called wherever the
 * arena does not apply (no scope on this thread, memory that is not an arena's), so a program
 * that installs its own allocator keeps it. fallback is called only when needed.
 */
void *arena_cur_alloc_with(void *(*fallback)(size_t), size_t n);
void *arena_cur_calloc_with(void *(*fallback)(size_t, size_t), size_t n, size_t size);
void *arena_cur_realloc_with(void *(*fallback)(void *, size_t), void *p, size_t n);
void *arena_realloc_any_with(void *(*fallback)(void *, size_t), void *p, size_t n);
void arena_free_with(void (*fallback)(void *), void *p);
char *arena_cur_strdup_with(char *(*fallback)(const char *), const char *s);
char *arena_cur_strndup_with(char *(*fallback)(const char *, size_t), const char *s, size_t n);
void *arena_cur_memdupz_with(void *(*fallback)(const void *, size_t), const void *p, size_t n);
/* arena_cur_memdupz_with for a fallback of the other usual type (jansson's jsonp_strndup). */
char *arena_cur_strdupz_with(char *(*fallback)(const char *, size_t), const char *s, size_t n);

/*
 * The same for an arena of the caller's (arena_calloc_with(&a, hooks->zalloc, n, size)): the
 * arena serves the call, the fallback serves what the arena does not (malloc mode: an untracked
 * arena, the original program; realloc: memory that is not an arena's). arena_alloc_with is
 * below, inline in bump mode.
 */
void *arena_calloc_with(arena_t *a, void *(*fallback)(size_t, size_t), size_t n, size_t size);
void *arena_realloc_with(arena_t *a, void *(*fallback)(void *, size_t), void *p, size_t n);
char *arena_strdup_with(arena_t *a, char *(*fallback)(const char *), const char *s);
char *arena_strndup_with(arena_t *a, char *(*fallback)(const char *, size_t), const char *s,
                         size_t n);
void *arena_memdupz_with(arena_t *a, void *(*fallback)(const void *, size_t), const void *p,
                         size_t n);
char *arena_strdupz_with(arena_t *a, char *(*fallback)(const char *, size_t), const char *s,
                         size_t n);

/* Innermost arena of this thread (arena_push), NULL if none. */
extern ARENA_TLS arena_t *arena_top_;

#if defined(__GNUC__) || defined(__clang__)
#define ARENA_LIKELY(x)   __builtin_expect(!!(x), 1)
#define ARENA_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define ARENA_LIKELY(x)   (x)
#define ARENA_UNLIKELY(x) (x)
#endif

#ifndef ARENA_USE_MALLOC
/*
 * A small arena's whole life inline (bump mode): each thread keeps one free smallest block in
 * arena_hot_ for the next empty arena's first allocation, and releasing an arena that holds that
 * one block and nothing else puts it back. A hotspot called millions of times with an arena of
 * its own then pays a few loads and stores, not two calls: a call and its checks cost a third of
 * the time of a hotspot with one to three small allocations. The runtime owns the slot and the
 * block's header; these inline paths write only what arena_rt.c's first_alloc and
 * arena_release would, and only once the runtime has marked the slot as in use (not in debug or
 * statistics mode, not when the runtime is built with ASan).
 *
 * arena_hot_: ARENA_HOT_OFF_ (0: this thread has no slot yet), ARENA_HOT_EMPTY_ (1), or the
 * block. arena_small_: the held word (see arena_t) of an arena holding one smallest block and
 * that block's size; both 0 until the runtime reads its settings, and for ever unless it runs
 * plain (built without ASan, no debug mode, no statistics): inline paths act only when they
 * are set. The address of arena_hot_ is the thread's token in block headers.
 */
struct arena_block_head_ { /* the first fields of every block's header (see arena_rt.c) */
	arena_t *owner;
	const void *thread;
};
extern ARENA_TLS struct arena_block *arena_hot_;
extern struct arena_small_ {
	uint64_t held;
	size_t size;
} arena_small_;
#define ARENA_HOT_OFF_   ((uintptr_t)0)
#define ARENA_HOT_EMPTY_ ((uintptr_t)1)
#define ARENA_BLOCK_HDR_ ((size_t)64) /* bytes before a block's data (debug mode: a page) */
#define ARENA_HEAD_(h)   ((struct arena_block_head_ *)(void *)(h))
#if defined(__GNUC__) && !defined(ARENA_ASAN)
#define ARENA_HOT_INLINE_ 1
#endif
#endif

#if defined(ARENA_USE_MALLOC)
void *arena_alloc(arena_t *a, size_t n);
void *arena_alloc_aligned(arena_t *a, size_t n, size_t align);
void *arena_alloc_with(arena_t *a, void *(*fallback)(size_t), size_t n);
#else
#ifdef ARENA_HOT_INLINE_
/*
 * An empty arena takes the thread's free block for its first allocation (1 .. ARENA_LARGE
 * bytes): the start of the block's data, now a->ptr, or NULL.
 */
ARENA_INLINE char *arena_hot_take_(arena_t *a, size_t n)
{
	struct arena_block *h;

	/* held first: right after ARENA_INIT the compiler knows it, and drops the test */
	if (a->held || (uintptr_t)(h = arena_hot_) <= ARENA_HOT_EMPTY_ || n - 1 >= ARENA_LARGE)
		return (char *)0;
	arena_hot_ = (struct arena_block *)ARENA_HOT_EMPTY_;
	/* other threads may read these two at any time (arena_owner, arena_free) */
	__atomic_store_n(&ARENA_HEAD_(h)->owner, a, __ATOMIC_RELAXED);
	__atomic_store_n(&ARENA_HEAD_(h)->thread, (const void *)&arena_hot_, __ATOMIC_RELAXED);
	a->blocks = h;
	a->held = arena_small_.held;
	a->end = (char *)h + arena_small_.size;
	return a->ptr = (char *)h + ARENA_BLOCK_HDR_;
}
#endif

/* n bytes at p, the arena's bump pointer or a fresh block's start. */
ARENA_INLINE void *arena_bump_(arena_t *a, char *p, size_t n)
{
	a->ptr = p + ((n + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1));
	a->last = p;
	a->allocs++;
	a->requested += n;
	return p;
}

ARENA_INLINE void *arena_alloc(arena_t *a, size_t n)
{
#ifndef ARENA_ASAN /* under ASan every allocation needs its redzone: all go the slow way */
	/*
	 * ptr and end are multiples of ARENA_ALIGN, so n <= end - ptr means the rounded size fits
	 * too; n - 1 wraps for n == 0, which goes the slow way with an empty arena (ptr == end).
	 * No local names the result: inlined into a function that calls setjmp, such a variable
	 * draws gcc's -Wclobbered, which a user's -Werror build would stop at.
	 */
	if (ARENA_LIKELY(n - 1 < (size_t)((uintptr_t)a->end - (uintptr_t)a->ptr) &&
	                 n <= ARENA_LARGE))
		return arena_bump_(a, a->ptr, n);
#ifdef ARENA_HOT_INLINE_
	{
		char *const q = arena_hot_take_(a, n);
		if (q)
			return arena_bump_(a, q, n);
	}
#endif
#endif
	return arena_alloc_slow(a, n, ARENA_ALIGN);
}

/* align: a power of two (else NULL), as aligned_alloc. */
ARENA_INLINE void *arena_alloc_aligned(arena_t *a, size_t n, size_t align)
{
	if (align <= ARENA_ALIGN && align && !(align & (align - 1)))
		return arena_alloc(a, n);
	return arena_alloc_slow(a, n, align);
}

/* Bump mode: every arena serves its calls; the fallback is malloc mode's (see above). */
ARENA_INLINE void *arena_alloc_with(arena_t *a, void *(*fallback)(size_t), size_t n)
{
	(void)fallback;
	return arena_alloc(a, n);
}
#endif

ARENA_INLINE arena_t *arena_current(void)
{
	return arena_top_;
}

ARENA_INLINE void *arena_cur_alloc(size_t n)
{
	arena_t *a = arena_top_;

	return a ? arena_alloc(a, n) : malloc(n);
}

#ifndef ARENA_USE_MALLOC
/*
 * Inline fast paths of functions that rewritten code calls on hot paths (a tree's recursive free
 * is a walk of arena_free calls). Function-like macros, so that taking the address of the name
 * still gives the out-of-line function (the .c file defines them as `(name)(...)`).
 */
ARENA_INLINE void arena_free_fast_(void *p)
{
#ifndef ARENA_ASAN /* under ASan every free poisons the object: the out-of-line path */
	arena_t *a = arena_top_;
	uintptr_t base;

	if (!p)
		return;
	/*
	 * In the handed-out part of the current block of this thread's innermost arena: nothing to
	 * do, but for its newest object, whose bytes go back if the block is this thread's (what
	 * the out-of-line path does; it does it alone in debug mode, where nothing is reused:
	 * arena_small_ is 0 there). A temporary freed right after its use, as a formatted piece of
	 * text is, then costs no call.
	 */
	if (a && (base = (uintptr_t)a->blocks, (uintptr_t)p - base < (uintptr_t)a->ptr - base)) {
		/* (arena_small_.size is 0 under ARENA_STATS: the runtime counts what stays held) */
		if ((char *)p != a->last) {
			if (ARENA_LIKELY(arena_small_.size))
				return;
		}
#ifdef ARENA_HOT_INLINE_
		else if (arena_small_.size &&
		         __atomic_load_n(&ARENA_HEAD_(a->blocks)->thread, __ATOMIC_RELAXED) ==
		             (const void *)&arena_hot_) {
			a->ptr = (char *)p;
			a->last = (char *)0;
			return;
		}
#endif
	}
#endif
	arena_free(p);
}
#define arena_free(p) arena_free_fast_(p)

#ifdef ARENA_HOT_INLINE_
/*
 * arena_release, inline: an arena holding one smallest block and nothing else (held says so:
 * one block now and never more) gives it back to the empty slot. An object-like macro, so that
 * cleanup(arena_release) gets it too; the out-of-line function keeps its name as a symbol.
 */
ARENA_INLINE void arena_release_fast_(arena_t *a)
{
	struct arena_block *h = a->blocks;

	if (h && a->held == arena_small_.held && (uintptr_t)arena_hot_ == ARENA_HOT_EMPTY_) {
		__atomic_store_n(&ARENA_HEAD_(h)->owner, (arena_t *)0, __ATOMIC_RELAXED);
		__atomic_store_n(&ARENA_HEAD_(h)->thread, (const void *)0, __ATOMIC_RELAXED);
		arena_hot_ = h;
		/* what arena_release leaves (spare and large are NULL already: held says so) */
		a->ptr = a->end = a->last = (char *)0;
		a->allocs = a->requested = 0;
		a->blocks = (struct arena_block *)0;
		a->held = 0;
		return;
	}
	arena_release(a);
}
#define arena_release arena_release_fast_
#endif

ARENA_INLINE void *arena_cur_calloc_fast_(size_t n, size_t size)
{
	arena_t *a = arena_top_;
	void *p;

	/* Before calloc too: clang folds `calloc(huge) == NULL` to false when it can see that the
	 * result is only compared, as it may here once inlined. */
	if (size && n > SIZE_MAX / size)
		return NULL;
	if (!a)
		return calloc(n, size);
	p = arena_alloc(a, n * size);
	if (p) /* arena blocks are reused: not zero */
		memset(p, 0, n * size);
	return p;
}
#define arena_cur_calloc(n, size) arena_cur_calloc_fast_(n, size)

ARENA_INLINE void *arena_cur_realloc_fast_(void *p, size_t n)
{
	return p ? arena_cur_realloc(p, n) : arena_cur_alloc(n);
}
#define arena_cur_realloc(p, n) arena_cur_realloc_fast_(p, n)

ARENA_INLINE char *arena_cur_strndup_fast_(const char *s, size_t n)
{
	size_t len = 0;
	char *q;

	/* short strings (most keys and values) by hand, a call to memchr only for longer ones */
	while (len < n && len < 16 && s[len])
		len++;
	if (len == 16 && len < n) {
		/* memchr stops at the first NUL (C11 7.24.5.1): never reads past the string */
		const char *e = (const char *)memchr(s + 16, 0, n - 16);

		len = e ? (size_t)(e - s) : n;
	}
	q = (char *)arena_cur_alloc(len + 1);
	if (q) {
		memcpy(q, s, len);
		q[len] = '\0';
	}
	return q;
}
#define arena_cur_strndup(s, n) arena_cur_strndup_fast_(s, n)
#endif

#ifdef __cplusplus
}
#endif
#endif /* ARENA_RT_H */
