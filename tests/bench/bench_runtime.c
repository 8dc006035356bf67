/*
 * Benchmark of the arena runtime (not run by ctest): build/tests/bench/bench_runtime [runs].
 *
 * 10^7 allocations of 16-128 B build linked lists of 10^5 and 10^6 live nodes, then all are
 * freed (free() per node, or one arena_reset), for: glibc malloc+free, the runtime, the runtime
 * in malloc mode, and a bare inline bump pointer over reused 1 MiB chunks (the floor). Then the
 * ownership-aware free on arena and heap pointers, arena create + one small alloc + release, and
 * the bytes reserved once an arena holds 1 MiB. Every figure is the median of the runs.
 *
 * This file is compiled twice: normally (the main program, bump mode) and with ARENA_USE_MALLOC
 * and BENCH_MALLOC_PART, where it only provides bench_list_malloc_mode() (symbols arena_m_*).
 * The 16..128 B sizes come from a fixed table filled by the main program.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include "arena_rt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TOTAL ((size_t)10000000)

#define ALWAYS_INLINE static inline __attribute__((always_inline))
#define NOINLINE      __attribute__((noinline))

struct node {
	struct node *next;
	size_t size;
};

enum kind { K_MALLOC, K_BUMP, K_ARENA };

/* The floor: a bump pointer over 1 MiB chunks that are kept and reused. */
struct bump {
	char *ptr, *end;
	char **chunks;
	size_t nchunks, cur;
};

static NOINLINE void bump_next(struct bump *b)
{
	if (b->cur == b->nchunks) {
		b->chunks = realloc(b->chunks, (b->nchunks + 1) * sizeof(*b->chunks));
		b->chunks[b->nchunks++] = malloc(1 << 20);
	}
	b->ptr = b->chunks[b->cur++];
	b->end = b->ptr + (1 << 20);
}

ALWAYS_INLINE void *bump_alloc(struct bump *b, size_t n)
{
	char *p;

	n = (n + 15) & ~(size_t)15;
	if ((size_t)(b->end - b->ptr) < n)
		bump_next(b);
	p = b->ptr;
	b->ptr += n;
	return p;
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* 16..128 B, from a fixed pseudo-random table so that no generator runs in the timed loop */
#ifdef BENCH_MALLOC_PART
extern unsigned char bench_sizes[4096];
#else
unsigned char bench_sizes[4096];
#endif
#define sizes bench_sizes

ALWAYS_INLINE void *alloc_k(enum kind k, void *ctx, size_t n)
{
	switch (k) {
	case K_MALLOC:
		return malloc(n);
	case K_BUMP:
		return bump_alloc(ctx, n);
	default:
		return arena_alloc(ctx, n);
	}
}

/* TOTAL allocations as lists of `live` nodes, each list then freed; ns per allocation. */
ALWAYS_INLINE double run_lists(enum kind k, void *ctx, size_t live)
{
	size_t sum = 0, i = 0;
	double t0 = now_ns();

	for (size_t round = 0; round < TOTAL / live; round++) {
		struct node *head = NULL;

		for (size_t j = 0; j < live; j++, i++) {
			size_t n = sizes[i & (sizeof(sizes) - 1)];
			struct node *nd = alloc_k(k, ctx, n);

			nd->next = head;
			nd->size = n;
			head = nd;
		}
		sum += head->size;
		if (k == K_MALLOC) {
			while (head) {
				struct node *next = head->next;

				free(head);
				head = next;
			}
		} else if (k == K_BUMP) {
			((struct bump *)ctx)->cur = 0;
			((struct bump *)ctx)->ptr = ((struct bump *)ctx)->end = NULL;
		} else {
			arena_reset(ctx);
		}
	}
	if (sum == 42)
		puts(""); /* keeps the lists alive for the optimiser */
	return (now_ns() - t0) / (double)TOTAL;
}

#ifdef BENCH_MALLOC_PART
double bench_list_malloc_mode(size_t live);

double bench_list_malloc_mode(size_t live)
{
	arena_t a = ARENA_INIT;
	double ns = run_lists(K_ARENA, &a, live);

	arena_release(&a);
	return ns;
}
#else
double bench_list_malloc_mode(size_t live);

static NOINLINE double list_malloc(size_t live)
{
	return run_lists(K_MALLOC, NULL, live);
}

static NOINLINE double list_bump(size_t live)
{
	struct bump b = {0};
	double ns = run_lists(K_BUMP, &b, live);

	for (size_t i = 0; i < b.nchunks; i++)
		free(b.chunks[i]);
	free(b.chunks);
	return ns;
}

static NOINLINE double list_arena(size_t live)
{
	arena_t a = ARENA_INIT;
	double ns = run_lists(K_ARENA, &a, live);

	arena_release(&a);
	return ns;
}

static void init_sizes(void)
{
	unsigned x = 12345;

	for (size_t i = 0; i < sizeof(sizes); i++) {
		x = x * 1103515245u + 12345u;
		sizes[i] = (unsigned char)(16 + (x >> 16) % 113);
	}
}

#define NPTR 100000

/* ns per arena_free() of arena memory (left alone: nothing is freed). */
static NOINLINE double free_arena_ptrs(void)
{
	arena_t a = ARENA_INIT;
	void **p = malloc(NPTR * sizeof(*p));
	double t0, ns;

	for (size_t i = 0; i < NPTR; i++)
		p[i] = arena_alloc(&a, sizes[i & (sizeof(sizes) - 1)]);
	arena_alloc(&a, 16); /* none of them is the newest */
	t0 = now_ns();
	for (int rep = 0; rep < 10; rep++)
		for (size_t i = 0; i < NPTR; i++)
			arena_free(p[i]);
	ns = (now_ns() - t0) / (10.0 * NPTR);
	arena_release(&a);
	free(p);
	return ns;
}

/* ns per malloc + free() / malloc + arena_free() of heap memory, in the same pattern. */
static NOINLINE double free_heap_ptrs(int via_arena)
{
	void **p = malloc(NPTR * sizeof(*p));
	double t = 0;

	for (int rep = 0; rep < 10; rep++) {
		double t0;

		for (size_t i = 0; i < NPTR; i++)
			p[i] = malloc(sizes[i & (sizeof(sizes) - 1)]);
		t0 = now_ns();
		if (via_arena)
			for (size_t i = 0; i < NPTR; i++)
				arena_free(p[i]);
		else
			for (size_t i = 0; i < NPTR; i++)
				free(p[i]);
		t += now_ns() - t0;
	}
	free(p);
	return t / (10.0 * NPTR);
}

static void *volatile sink;

/*
 * ns per (arena on the stack, one 32 B allocation, release); heap_handle 1: arena_create and
 * arena_destroy; 2: the same object from malloc and free, what a small arena replaces.
 */
static NOINLINE double create_small_release(int heap_handle)
{
	const int n = 1000000;
	double t0 = now_ns();

	for (int i = 0; i < n; i++) {
		if (heap_handle == 2) {
			void *p = malloc(32);

			sink = p;
			free(p);
		} else if (heap_handle) {
			arena_t *a = arena_create();

			sink = arena_alloc(a, 32);
			arena_destroy(a);
		} else {
			arena_t a = ARENA_INIT;

			sink = arena_alloc(&a, 32);
			arena_release(&a);
		}
	}
	return (now_ns() - t0) / n;
}

/* ns per arena_owner() of an arena pointer (heap: a malloc pointer). */
static NOINLINE double owner_lookup(int heap)
{
	arena_t a = ARENA_INIT;
	void **p = malloc(NPTR * sizeof(*p));
	size_t hits = 0;
	double t0, ns;

	for (size_t i = 0; i < NPTR; i++)
		p[i] = heap ? malloc(32) : arena_alloc(&a, 32);
	t0 = now_ns();
	for (int rep = 0; rep < 10; rep++)
		for (size_t i = 0; i < NPTR; i++)
			hits += arena_owner(p[i]) == &a;
	ns = (now_ns() - t0) / (10.0 * NPTR);
	if (hits == 1)
		puts("");
	for (size_t i = 0; heap && i < NPTR; i++)
		free(p[i]);
	free(p);
	arena_release(&a);
	return ns;
}

/* Fills a fresh arena with 16..128 B objects until it holds 1 MiB; reserved / requested. */
static double reserved_ratio(double *vs_used)
{
	arena_t a = ARENA_INIT;
	arena_stats_t s;
	size_t i = 0;

	do {
		arena_alloc(&a, sizes[i++ & (sizeof(sizes) - 1)]);
		arena_get_stats(&a, &s);
	} while (s.bytes_requested < ((size_t)1 << 20));
	arena_release(&a);
	*vs_used = (double)s.bytes_reserved / (double)s.bytes_used;
	return (double)s.bytes_reserved / (double)s.bytes_requested;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

#define MAXRUNS 31
static int runs = 7;

static double median(double (*fn)(size_t), size_t arg)
{
	double v[MAXRUNS];

	for (int r = 0; r < runs; r++)
		v[r] = fn(arg);
	qsort(v, (size_t)runs, sizeof(v[0]), cmp_double);
	return v[runs / 2];
}

/* Runs fn(a) and fn(b) alternately; medians of each and of their ratio per run. */
static double paired(double (*fn)(size_t), size_t a, size_t b, double *ma, double *mb)
{
	double va[MAXRUNS], vb[MAXRUNS], ratio[MAXRUNS];

	for (int r = 0; r < runs; r++) {
		va[r] = fn(a);
		vb[r] = fn(b);
		ratio[r] = va[r] / vb[r];
	}
	qsort(va, (size_t)runs, sizeof(va[0]), cmp_double);
	qsort(vb, (size_t)runs, sizeof(vb[0]), cmp_double);
	qsort(ratio, (size_t)runs, sizeof(ratio[0]), cmp_double);
	*ma = va[runs / 2];
	*mb = vb[runs / 2];
	return ratio[runs / 2];
}

static double fn_free_arena(size_t unused)
{
	(void)unused;
	return free_arena_ptrs();
}

static double fn_free_heap(size_t via_arena)
{
	return free_heap_ptrs((int)via_arena);
}

static double fn_create(size_t heap_handle)
{
	return create_small_release((int)heap_handle);
}

static double fn_owner(size_t heap)
{
	return owner_lookup((int)heap);
}

static const char *verdict(int ok)
{
	return ok ? "met" : "MISSED";
}

int main(int argc, char **argv)
{
	static const size_t lives[] = {100000, 1000000};
	double vs_bump = 0, vs_malloc = 0;

	if (argc > 1)
		runs = atoi(argv[1]);
	if (runs < 1 || runs > MAXRUNS)
		runs = 7;
	init_sizes();
	printf("arena_rt benchmark: medians of %d runs, ns per operation\n\n", runs);
	printf("| live nodes | malloc+free | runtime | runtime, malloc mode | bare bump | "
	       "runtime / bump | malloc / runtime |\n|---|---|---|---|---|---|---|\n");
	for (size_t i = 0; i < sizeof(lives) / sizeof(lives[0]); i++) {
		double m = median(list_malloc, lives[i]), r = median(list_arena, lives[i]);
		double mm = median(bench_list_malloc_mode, lives[i]),
		       b = median(list_bump, lives[i]);

		printf("| %zu | %.2f | %.2f | %.2f | %.2f | %.2fx | %.1fx |\n", lives[i], m, r, mm,
		       b, r / b, m / r);
		if (i == 0) {
			vs_bump = r / b;
			vs_malloc = m / r;
		}
	}
	printf("\ntargets at 10^5 live: runtime <= 1.3x bump: %.2fx %s; >= 10x faster than "
	       "malloc+free: %.1fx %s\n\n",
	       vs_bump, verdict(vs_bump <= 1.3), vs_malloc, verdict(vs_malloc >= 10));
	{
		double fa = median(fn_free_arena, 0), fh = median(fn_free_heap, 1);
		double ff = median(fn_free_heap, 0), oa = median(fn_owner, 0),
		       oh = median(fn_owner, 1);
		double cs, cm, small = paired(fn_create, 0, 2, &cs, &cm);
		double ch = median(fn_create, 1), vs_used;
		double rv = reserved_ratio(&vs_used);

		printf("| operation | ns |\n|---|---|\n");
		printf("| arena_free(arena pointer) | %.2f |\n", fa);
		printf("| arena_free(heap pointer) | %.2f |\n", fh);
		printf("| free(heap pointer) | %.2f |\n", ff);
		printf("| arena_owner(arena pointer) | %.2f |\n", oa);
		printf("| arena_owner(heap pointer) | %.2f |\n", oh);
		printf("| stack arena: init + 32 B alloc + release | %.2f |\n", cs);
		printf("| arena_create + 32 B alloc + arena_destroy | %.2f |\n", ch);
		printf("| malloc(32) + free | %.2f |\n", cm);
		printf(
		    "\nat 1 MiB requested: reserved / requested %.3f; reserved / used (requested + "
		    "alignment padding) %.3f\n",
		    rv, vs_used);
		printf(
		    "targets: arena_free(arena) <= 3 ns: %s; create+alloc+release <= 100 ns: %s; "
		    "reserved <= 1.10x requested, padding aside: %s\n",
		    verdict(fa <= 3), verdict(cs <= 100), verdict(vs_used <= 1.10));
		printf("small arena (init + 32 B + release) / (malloc + free), median of the runs' "
		       "ratios: %.2fx, <= 1.5x: %s\n",
		       small, verdict(small <= 1.5));
	}
	return 0;
}
#endif
