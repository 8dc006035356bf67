/*
 * Unit tests of the arena runtime. The same file is built in bump mode, in malloc mode
 * (ARENA_USE_MALLOC) and under ASan+UBSan in both; a few checks only hold in one of them.
 * `test_runtime stats` prints one arena's ARENA_STATS line (run with ARENA_STATS=1).
 */
#define _GNU_SOURCE /* fork, pipe */
#include "arena_rt.h"
#include "check.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#ifdef ARENA_USE_MALLOC
#define BUMP 0 /* pointer-identity checks hold only for the bump allocator */
#else
#define BUMP 1
#endif
#ifdef ARENA_ASAN
#define RZ ARENA_ALIGN /* under ASan every object is preceded by a redzone */
#else
#define RZ 0
#endif

static int aligned(const void *p, size_t a)
{
	return ((uintptr_t)p & (a - 1)) == 0;
}

static void fill(void *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		((unsigned char *)p)[i] = (unsigned char)(seed + i * 7);
}

static int same(const void *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		if (((const unsigned char *)p)[i] != (unsigned char)(seed + i * 7))
			return 0;
	return 1;
}

static void test_init(void)
{
	arena_t a = ARENA_INIT, z, *h;
	arena_stats_t s;

	memset(&z, 0, sizeof(z)); /* all-zero bytes are an empty arena too */
	CHECK(arena_alloc(&z, 10) != NULL);
	arena_release(&z);
	arena_get_stats(&a, &s);
	CHECK(s.allocs == 0 && s.bytes_reserved == 0 && s.blocks == 0);
	arena_release(&a); /* empty: nothing to do */
	arena_release(&a); /* twice: still fine */
	arena_init(&a);
	CHECK(arena_alloc(&a, 1) != NULL);
	arena_release(&a);
	CHECK(arena_alloc(&a, 1) != NULL); /* reusable after release */
	arena_release(&a);
	h = arena_create();
	CHECK(h && arena_alloc(h, 100) && arena_owner(arena_alloc(h, 8)) == h);
	arena_destroy(h);
	arena_destroy(NULL);
}

static void test_alignment(void)
{
	arena_t a = ARENA_INIT;
	int ok = 1;

	srand(1);
	for (int i = 0; i < 20000; i++) {
		size_t n = (size_t)rand() % (i % 100 ? 200 : 70000);
		char *p = arena_alloc(&a, n);

		ok &= p != NULL && aligned(p, ARENA_ALIGN);
		if (p && n)
			memset(p, 0xab, n);
	}
	CHECK(ok);
	for (size_t al = 1; al <= ((size_t)1 << 20); al <<= 1) {
		char *p = arena_alloc_aligned(&a, 24, al), *q = arena_alloc_aligned(&a, 100000, al);

		CHECK(p && aligned(p, al) && aligned(p, ARENA_ALIGN));
		CHECK(q && aligned(q, al));
		if (p)
			memset(p, 1, 24);
		if (q)
			memset(q, 1, 100000);
		if (p) { /* realloc keeps the alignment where it moves the object (malloc mode) */
			p = arena_realloc(&a, p, 4000);
			CHECK(p && p[23] == 1 && (BUMP || aligned(p, al)));
		}
		CHECK(arena_alloc(&a, 3) && aligned(arena_alloc(&a, 5), ARENA_ALIGN));
	}
	CHECK(arena_alloc_aligned(&a, 16, 3) == NULL);
	CHECK(arena_alloc_aligned(&a, 16, 0) == NULL);
	CHECK(arena_alloc_aligned(&a, 16, 48) == NULL);
	arena_release(&a);
}

static void test_zero_and_overflow(void)
{
	arena_t a = ARENA_INIT;
	char *p = arena_alloc(&a, 0), *q = arena_alloc(&a, 0);

	CHECK(p && q && p != q);
	CHECK(arena_alloc(&a, SIZE_MAX) == NULL);
	CHECK(arena_alloc(&a, SIZE_MAX - 100) == NULL);
	CHECK(arena_alloc_aligned(&a, SIZE_MAX - 10, 64) == NULL);
	CHECK(arena_calloc(&a, SIZE_MAX / 2, 3) == NULL);
	CHECK(arena_calloc(&a, 3, SIZE_MAX / 2) == NULL);
	CHECK(arena_calloc(&a, (size_t)1 << 33, (size_t)1 << 33) == NULL);
	CHECK(arena_cur_calloc(SIZE_MAX, 2) == NULL);
	CHECK(arena_calloc(&a, 0, 5) != NULL);
	CHECK(arena_calloc(&a, 5, 0) != NULL);
	arena_release(&a);
}

/*
 * Every size and alignment computation meets its overflow: sizes at and near SIZE_MAX and above
 * the address space, alignments up to 2^63, for each entry point and each path (inline, small,
 * newest in place, large block, the thread's arena). Each must fail cleanly (NULL) and leave
 * the old object intact.
 */
static void test_huge_requests(void)
{
	static const size_t sizes[] = {SIZE_MAX,         SIZE_MAX - 1,    SIZE_MAX - 15,
	                               SIZE_MAX - 64,    SIZE_MAX - 4096, SIZE_MAX - (1 << 17),
	                               SIZE_MAX / 2 + 1, SIZE_MAX / 2,    (size_t)1 << 62,
	                               (size_t)1 << 48};
	arena_t a = ARENA_INIT;
	char *small = arena_alloc(&a, 100), *large = arena_alloc(&a, 1 << 20), *newest;

	fill(small, 100, 1);
	fill(large, 1 << 20, 2);
	for (int k = 0; k < 64; k++) { /* every alignment, with sizes small and huge */
		void *p = arena_alloc_aligned(&a, 16, (size_t)1 << k);

		/* above the address space: NULL; below, the system may have the memory or not */
		CHECK(k < 47 ? !p || aligned(p, (size_t)1 << k) : !p);
		CHECK(arena_alloc_aligned(&a, SIZE_MAX - 16, (size_t)1 << k) == NULL);
	}
	newest = arena_alloc(&a, 32);
	fill(newest, 32, 3);
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		size_t n = sizes[i];

		CHECK(arena_alloc(&a, n) == NULL);
		CHECK(arena_alloc_aligned(&a, n, 64) == NULL);
		CHECK(arena_alloc_aligned(&a, n, 1 << 20) == NULL);
		CHECK(arena_calloc(&a, n, 1) == NULL && arena_calloc(&a, 1, n) == NULL);
		CHECK(arena_calloc(&a, n / 16 + 1, 16) == NULL);
		CHECK(arena_realloc(&a, small, n) == NULL && same(small, 100, 1));
		CHECK(arena_realloc(&a, large, n) == NULL && same(large, 1 << 20, 2));
		CHECK(arena_realloc(&a, newest, n) == NULL && same(newest, 32, 3));
		CHECK(arena_realloc_any(small, n) == NULL && arena_realloc(&a, NULL, n) == NULL);
		CHECK(arena_memdup(&a, small, n) == NULL);
		arena_push(&a);
		CHECK(arena_cur_alloc(n) == NULL && arena_cur_calloc(n, 1) == NULL);
		CHECK(arena_cur_realloc(newest, n) == NULL && same(newest, 32, 3));
		CHECK(arena_cur_memdup(small, n) == NULL);
		arena_pop(&a);
	}
	CHECK(arena_calloc(&a, (size_t)1 << 32, ((size_t)1 << 32) + 1) == NULL);
	/* n bounds the copy, not the allocation: the string is copied */
	CHECK(!strcmp(arena_strndup(&a, "abc", SIZE_MAX), "abc"));
	arena_push(&a);
	CHECK(!strcmp(arena_cur_strndup("0123456789abcdefgh", SIZE_MAX), "0123456789abcdefgh"));
	arena_pop(&a);
	CHECK(arena_clone(small, SIZE_MAX) == NULL);
	CHECK(same(small, 100, 1) && same(large, 1 << 20, 2) && same(newest, 32, 3));
	arena_release(&a);
}

/* Small arenas (the first allocation of an empty arena has a path of its own): counts kept. */
static void test_small_arenas(void)
{
	arena_t b = ARENA_INIT;
	arena_stats_t s;

	for (int i = 0; i < 100; i++) {
		arena_t a = ARENA_INIT;
		char *p = arena_alloc(&a, 32), *q;

		CHECK(p && aligned(p, ARENA_ALIGN) && arena_owner(p) == &a && arena_owns(&a, p));
		memset(p, 1, 32);
		q = arena_alloc(&a, (size_t)i + 1);
		CHECK(q && (!BUMP || q == p + 32 + RZ) && arena_owns(&a, q));
		arena_get_stats(&a, &s);
		CHECK(s.allocs == 2 && s.bytes_requested == 32 + (size_t)i + 1 && s.blocks >= 1);
		arena_release(&a);
	}
	for (int i = 0; i < 1000; i++) { /* reset to nothing, then a first allocation again */
		CHECK(arena_alloc(&b, 100) != NULL && arena_alloc(&b, 10) != NULL);
		arena_reset_keep(&b, 0);
	}
	arena_get_stats(&b, &s);
	CHECK(s.allocs == 2000 && s.bytes_requested == 110000);
	arena_release(&b);
}

static void test_calloc(void)
{
	arena_t a = ARENA_INIT;
	int ok = 1;

	for (int i = 0; i < 1000; i++)
		memset(arena_alloc(&a, 100), 0xff, 100);
	arena_reset(&a); /* the blocks come back dirty */
	for (int i = 0; i < 1000; i++) {
		unsigned char *p = arena_calloc(&a, 10, 10);

		for (int j = 0; j < 100; j++)
			ok &= p[j] == 0;
	}
	CHECK(ok);
	{
		unsigned char *big = arena_calloc(&a, 1000, 1000);

		CHECK(big && big[0] == 0 && big[999999] == 0);
	}
	arena_release(&a);
}

static void test_realloc_newest(void)
{
	arena_t a = ARENA_INIT;
	char *p = arena_alloc(&a, 40), *q;

	fill(p, 40, 1);
	q = arena_realloc(&a, p, 400);
	CHECK(q && same(q, 40, 1));
	CHECK(!BUMP || q == p); /* grown in place */
	fill(q, 400, 2);
	p = arena_realloc(&a, q, 8);
	CHECK(p && same(p, 8, 2));
	CHECK(!BUMP || p == q); /* shrunk in place */
	q = arena_alloc(&a, 8);
	CHECK(!BUMP || q == p + 16 + RZ); /* the shrunk tail is reused */
	arena_release(&a);
}

static void test_realloc_older(void)
{
	arena_t a = ARENA_INIT, b = ARENA_INIT;
	char *p = arena_alloc(&a, 40), *r = arena_alloc(&a, 40), *q;

	fill(p, 40, 3);
	fill(r, 40, 4);
	q = arena_realloc(&a, p, 4000); /* not newest: copied */
	CHECK(q && (!BUMP || q != p) && same(q, 40, 3) && same(r, 40, 4));
	q = arena_realloc(&a, r, 20); /* shrinking an older one */
	CHECK(q && same(q, 20, 4));
	/* an object of an older block */
	p = arena_alloc(&a, 100);
	fill(p, 100, 5);
	for (int i = 0; i < 5000; i++)
		arena_alloc(&a, 128);
	q = arena_realloc(&a, p, 300);
	CHECK(q && same(q, 100, 5));
	/* memory of another arena is resized in its owner */
	p = arena_alloc(&b, 32);
	fill(p, 32, 6);
	q = arena_realloc(&a, p, 64);
	CHECK(q && same(q, 32, 6) && arena_owner(q) == &b && arena_owns(&b, q));
	arena_release(&b);
	arena_release(&a);
}

static void test_realloc_large(void)
{
	arena_t a = ARENA_INIT;
	arena_stats_t s;
	size_t n = 16;
	char *p = arena_alloc(&a, n), *q;
	int ok = 1;

	fill(p, n, 7);
	arena_alloc(&a, 16); /* so p is not the newest */
	for (; n < ((size_t)64 << 20); n *= 2) {
		p = arena_realloc(&a, p, n * 2);
		ok &= p && same(p, n, 7);
		fill(p, n * 2, 7);
	}
	CHECK(ok);
	arena_get_stats(&a, &s);
	/* one live buffer of n bytes; no trail of dead copies */
	CHECK(s.bytes_reserved < n + ((size_t)4 << 20));
	CHECK(!BUMP || s.large_blocks == 1);
	q = arena_realloc(&a, p, 100000); /* shrink for real */
	CHECK(q && same(q, 100000, 7));
	arena_get_stats(&a, &s);
	CHECK(s.bytes_reserved < ((size_t)4 << 20));
	arena_free(q); /* large: back to the OS */
	arena_get_stats(&a, &s);
	CHECK(s.bytes_reserved < ((size_t)1 << 20) && s.large_blocks == 0);
	arena_release(&a);
}

/*
 * A scope per small document with buffers above ARENA_LARGE: the thread keeps the freed large
 * blocks and the next scope gets them back, never a fresh mapping (which would be zero).
 */
/*
 * A buffer growing from 40 KiB to 320 KiB per document: each document's first request takes
 * the cached 320 KiB block of the one before and grows in it, where it used to map a fresh one
 * (the cached block was more than 4 times the request). Non-NULL: it did.
 */
static void *grow_per_doc(void *unused)
{
	unsigned char *last = NULL;
	int ok = 1;

	(void)unused;
	for (int doc = 0; doc < 4; doc++) {
		arena_t a = ARENA_INIT;
		unsigned char *b = arena_alloc(&a, 40000);

		for (size_t n = 80000; b && n <= 320000; n += 40000)
			b = arena_realloc(&a, b, n);
		ok &= b != NULL && (doc < 2 || !BUMP || b == last);
		last = b;
		arena_release(&a);
	}
	return ok ? &passed : NULL;
}

static void test_large_reuse(void)
{
	unsigned char *first[2], *p;
	int ok = 1;

	for (int doc = 0; doc < 100; doc++) {
		arena_t a = ARENA_INIT;
		size_t sizes[2] = {3 * 16384, 40000};

		for (int i = 0; i < 2; i++) {
			p = arena_alloc(&a, sizes[i]);
			if (!doc)
				first[i] = p;
			else /* the same block again, its bytes as the last document left them */
				ok &= !BUMP || (p == first[i] && p[sizes[i] - 1] == 0xa5);
			if (p)
				p[sizes[i] - 1] = 0xa5;
			if (i)
				arena_free(p); /* freed early or with the arena: both are kept */
		}
		arena_release(&a);
	}
	CHECK(ok);
	/* in a thread of its own: its cache of large blocks starts empty */
	pthread_t t;
	void *grown = NULL;
	CHECK(!pthread_create(&t, NULL, grow_per_doc, NULL) && !pthread_join(t, &grown) && grown);
}

static void test_realloc_heap_and_null(void)
{
	arena_t a = ARENA_INIT;
	char *h = malloc(10), *p;

	memcpy(h, "heap data", 10);
	h = arena_realloc(&a, h, 1000); /* heap stays heap */
	CHECK(h && !strcmp(h, "heap data") && arena_owner(h) == NULL);
	arena_free(h);
	p = arena_realloc(&a, NULL, 30); /* NULL: allocate in a */
	CHECK(p && arena_owns(&a, p));
	CHECK(arena_realloc(&a, p, 0) == NULL); /* as glibc: freed */
	h = arena_realloc_any(NULL, 10);
	CHECK(h && !arena_owner(h));
	h = arena_realloc_any(h, 20);
	CHECK(h != NULL);
	CHECK(arena_realloc_any(h, 0) == NULL); /* freed (ASan's leak check would tell) */
	p = arena_alloc(&a, 10);
	strcpy(p, "arena");
	p = arena_realloc_any(p, 5000);
	CHECK(p && !strcmp(p, "arena") && arena_owner(p) == &a);
	arena_release(&a);
}

static void test_free(void)
{
	arena_t a = ARENA_INIT;
	char *p, *q, *keep;

	arena_free(NULL);
	arena_free(malloc(100)); /* heap: really freed (leak check) */
	keep = arena_alloc(&a, 16);
	strcpy(keep, "keep");
	p = arena_alloc(&a, 64);
	arena_free(p); /* newest: reclaimed */
	q = arena_alloc(&a, 64);
	CHECK(!BUMP || q == p);
	arena_alloc(&a, 8);
	arena_free(q); /* older: left alone in bump mode */
	CHECK(!strcmp(keep, "keep"));
	p = arena_alloc(&a, 1 << 20);
	CHECK(p && arena_owns(&a, p));
	arena_free(p);
	CHECK(!arena_owns(&a, p));
	arena_release(&a);
}

static void test_strings_and_clone(void)
{
	arena_t a = ARENA_INIT;
	char *s = arena_strdup(&a, "hello"), *t = arena_strndup(&a, "hello", 3);
	char *u = arena_strndup(&a, "hi", 10), *m = arena_memdup(&a, "a\0b", 3), *c;

	CHECK(s && !strcmp(s, "hello") && arena_owns(&a, s));
	CHECK(t && !strcmp(t, "hel"));
	CHECK(u && !strcmp(u, "hi"));
	CHECK(m && !memcmp(m, "a\0b", 3));
	CHECK(arena_memdup(&a, "", 0) != NULL);
	c = arena_clone_str(s);
	CHECK(c && c != s && !strcmp(c, "hello") && arena_owner(c) == NULL);
	arena_release(&a);
	CHECK(!strcmp(c, "hello")); /* the clone outlives the arena */
	free(c);
	c = arena_clone("xyz", 3);
	CHECK(c && !memcmp(c, "xyz", 3));
	free(c);
	c = arena_clone(NULL, 0);
	CHECK(c != NULL);
	free(c);
}

static int global_var;

static void test_ownership(void)
{
	arena_t a = ARENA_INIT, b = ARENA_INIT;
	int stack_var = 0;
	char *p = arena_alloc(&a, 100), *q = arena_alloc(&b, 100), *h = malloc(100);
	char *big = arena_alloc(&a, 200000);

	CHECK(arena_owns(&a, p) && arena_owns(&a, p + 99) && arena_owner(p) == &a);
	CHECK(arena_owns(&a, big) && arena_owns(&a, big + 199999) && arena_owner(big + 5) == &a);
	CHECK(!arena_owns(&a, q) && arena_owns(&b, q) && arena_owner(q) == &b);
	CHECK(!arena_owns(&a, h) && arena_owner(h) == NULL);
	CHECK(!arena_owns(&a, &stack_var) && arena_owner(&stack_var) == NULL);
	CHECK(!arena_owns(&a, &global_var) && arena_owner(&global_var) == NULL);
	CHECK(!arena_owns(&a, NULL) && arena_owner(NULL) == NULL);
	CHECK(arena_owner((void *)(uintptr_t)-64) == NULL);
	CHECK(arena_owner("a literal") == NULL);
	/* malloc mode knows each object's end: the byte past it is no longer the arena's */
	CHECK(BUMP || (!arena_owner(p + 100) && !arena_owner(big + 200000)));
	/* sizes around malloc mode's small/big map encodings (63, 64 granules), interiors too */
	for (size_t n = 1000; n <= 1040; n += 8) {
		char *o = arena_alloc(&a, n);

		CHECK(o && arena_owner(o) == &a && arena_owner(o + n / 2) == &a);
		CHECK(arena_owns(&a, o + n - 1) && (BUMP || !arena_owns(&a, o + n)));
		arena_free(o);
		CHECK(BUMP || !arena_owner(o)); /* freed for real */
	}
	/* big objects (malloc mode: a jump byte every 64 granules), grown and shrunk in place of a
	 * growing buffer: every 16th byte and the last one are owned, the byte past the end not */
	char *g = NULL;
	for (size_t n = 1024; n <= 300000; n = n * 3 + 16) {
		int all = 1;

		g = arena_realloc(&a, g, n);
		for (size_t i = 0; g && i < n; i += 16)
			all &= arena_owner(g + i) == &a;
		CHECK(g && all && arena_owner(g + n - 1) == &a && (BUMP || !arena_owns(&a, g + n)));
	}
	g = arena_realloc(&a, g, 1100);
	CHECK(g && arena_owner(g + 1099) == &a && (BUMP || !arena_owns(&a, g + 1100)));
	arena_free(g);
	arena_free(h);
	arena_release(&a);
	CHECK(arena_owner(p) == NULL); /* released */
	arena_release(&b);
}

static void test_reset_reuse(void)
{
	arena_t a = ARENA_INIT;
	arena_stats_t s1, s2;
	char *first = arena_alloc(&a, 64), *p;

	for (int i = 0; i < 20000; i++)
		arena_alloc(&a, 100);
	arena_alloc(&a, 1 << 20);
	arena_get_stats(&a, &s1);
	arena_reset(&a);
	arena_get_stats(&a, &s2);
	CHECK(s2.large_blocks == 0 && s2.bytes_used == 0);
	p = arena_alloc(&a, 64);
	CHECK(p && arena_owns(&a, p));
	CHECK(!BUMP || p == first); /* the same blocks again */
	for (int i = 0; i < 20000; i++)
		arena_alloc(&a, 100);
	arena_get_stats(&a, &s2);
	CHECK(s2.bytes_reserved <= s1.bytes_reserved); /* no new blocks were needed */
	CHECK(!BUMP || s2.blocks == s1.blocks - 1);    /* all but the large one reused */
	CHECK(s2.allocs == s1.allocs + 20001);
	arena_reset_keep(&a, 0);
	arena_get_stats(&a, &s2);
	CHECK(!BUMP || s2.bytes_reserved == 0);
	arena_release(&a);
}

static void test_rewind(void)
{
	arena_t a = ARENA_INIT;
	arena_stats_t s0, s1;
	char *keep = arena_strdup(&a, "before"), *p, *q;
	arena_mark_t m = arena_save(&a);

	arena_get_stats(&a, &s0);
	p = arena_alloc(&a, 32);
	for (int i = 0; i < 30000; i++)
		arena_alloc(&a, 64);
	arena_alloc(&a, 500000);
	arena_rewind(&a, m);
	arena_get_stats(&a, &s1);
	CHECK(s1.large_blocks == 0 && s1.bytes_used == s0.bytes_used);
	CHECK(!strcmp(keep, "before"));
	q = arena_alloc(&a, 32);
	CHECK(!BUMP || q == p);
	/* a mark of an empty arena */
	arena_release(&a);
	m = arena_save(&a);
	arena_alloc(&a, 10);
	arena_rewind(&a, m);
	arena_get_stats(&a, &s1);
	CHECK(s1.bytes_used == 0);
	/* nested marks */
	{
		arena_mark_t m1 = arena_save(&a), m2;

		arena_alloc(&a, 100);
		m2 = arena_save(&a);
		arena_alloc(&a, 100);
		arena_rewind(&a, m2);
		arena_rewind(&a, m1);
		arena_get_stats(&a, &s1);
		CHECK(s1.bytes_used == 0);
	}
	/* a mark outlives frees of older objects and serves any number of rewinds */
	{
		char *old = arena_strdup(&a, "old"), *x = arena_strdup(&a, "x");
		arena_mark_t m1 = arena_save(&a);

		arena_free(old);
		arena_get_stats(&a, &s0);
		for (int i = 0; i < 1000; i++) {
			arena_alloc(&a, 40);
			arena_rewind(&a, m1);
			m1 = arena_save(&a); /* nothing allocated since: the same mark */
		}
		arena_get_stats(&a, &s1);
		CHECK(s1.allocs == s0.allocs + 1000 && s1.bytes_used == s0.bytes_used);
		CHECK(s1.blocks == s0.blocks && !strcmp(x, "x"));
	}
	arena_release(&a);
}

/*
 * Heavy free churn around marks (malloc mode: the arena's vector of objects compacts above the
 * newest mark and keeps the slots below it): every object stays valid, owned and counted.
 */
static void test_free_churn(void)
{
	enum { ROUNDS = 300 }; /* more slots than a vector kept from an earlier arena holds */
	arena_t a = ARENA_INIT;
	arena_stats_t s;
	char *keep[64], *tail[64];
	arena_mark_t m;
	int live = 0, owned = 0, kept = 0;

	for (int i = 0; i < 64; i++) {
		keep[i] = arena_alloc(&a, 24);
		fill(keep[i], 24, (unsigned)i);
	}
	for (int i = 0; i < 64; i += 2)
		arena_free(keep[i]); /* empty slots below the mark */
	m = arena_save(&a);
	for (int round = 0; round < ROUNDS; round++) {
		char *tmp[400];

		for (int i = 0; i < 400; i++)
			tmp[i] = arena_alloc(&a, 8 + (size_t)(i % 40));
		for (int i = 0; i < 400; i++)
			if (i % 10)
				arena_free(tmp[i]);
		for (int i = 0; i < 400; i += 10)
			owned += arena_owner(tmp[i]) == &a;
	}
	CHECK(owned == ROUNDS * 40);
	for (int i = 0; i < 64; i++) {
		/* grows, so it moves: its slot follows it */
		tail[i] = arena_realloc(&a, NULL, 16);
		tail[i] = arena_realloc(&a, tail[i], 1000 + (size_t)i);
		fill(tail[i], 1000 + (size_t)i, (unsigned)i);
	}
	for (int i = 0; i < 64; i++)
		kept += arena_owns(&a, tail[i] + 999) && same(tail[i], 1000 + (size_t)i, i);
	CHECK(kept == 64);
	arena_get_stats(&a, &s);
	CHECK(s.allocs >= 64 + ROUNDS * 400 + 64);
	CHECK(BUMP || s.blocks == 32 + ROUNDS * 40 + 64);
	arena_rewind(&a, m);
	for (int i = 1; i < 64; i += 2)
		live += arena_owner(keep[i]) == &a && same(keep[i], 24, (unsigned)i);
	CHECK(live == 32);
	arena_get_stats(&a, &s);
	CHECK(BUMP || (s.blocks == 32 && s.bytes_reserved == 32 * 24));
	CHECK(s.peak_reserved >= s.bytes_reserved);
	arena_release(&a);
	arena_get_stats(&a, &s);
	CHECK(s.blocks == 0 && s.bytes_reserved == 0);
}

static void test_stats(void)
{
	arena_t a = ARENA_INIT;
	arena_stats_t s;
	size_t req = 0;

	for (size_t i = 0; i < 100000; i++) {
		size_t n = 16 + (i * 37) % 113;

		arena_alloc(&a, n);
		req += n;
	}
	arena_get_stats(&a, &s);
	CHECK(s.allocs == 100000 && s.bytes_requested == req);
	CHECK(s.bytes_reserved >= req && s.peak_reserved >= s.bytes_reserved && s.blocks >= 1);
	/* once the arena holds megabytes, little is reserved beyond what was used */
	CHECK(!BUMP || s.bytes_reserved <= s.bytes_used + s.bytes_used / 10);
	arena_alloc(&a, 1 << 20);
	arena_get_stats(&a, &s);
	CHECK(!BUMP || s.large_blocks == 1);
	CHECK(s.allocs == 100001);
	arena_release(&a);
	arena_get_stats(&a, &s);
	CHECK(s.allocs == 0 && s.bytes_reserved == 0);
}

/* ---- the thread stack */

static void *callee(size_t n)
{
	return arena_cur_alloc(n);
}

static void test_stack(void)
{
	arena_t outer = ARENA_INIT, inner = ARENA_INIT;
	char *p, *q;

	CHECK(arena_current() == NULL);
	p = callee(10); /* no arena: heap */
	CHECK(p && arena_owner(p) == NULL);
	p = arena_cur_realloc(p, 20);
	CHECK(p && arena_owner(p) == NULL);
	free(p);
	p = arena_cur_strdup("heap");
	q = arena_cur_strndup("heapy", 4);
	CHECK(p && q && !strcmp(p, "heap") && !strcmp(q, "heap") && !arena_owner(p));
	free(p);
	free(q);
	p = arena_cur_memdup("m", 1);
	q = arena_cur_calloc(2, 8);
	CHECK(p && q && !arena_owner(q) && q[15] == 0);
	free(p);
	free(q);

	arena_push(&outer);
	CHECK(arena_current() == &outer && arena_owner(callee(8)) == &outer);
	arena_push(&inner);
	CHECK(arena_current() == &inner && arena_owner(callee(8)) == &inner);
	CHECK(arena_owner(arena_cur_calloc(3, 3)) == &inner);
	CHECK(arena_owner(arena_cur_strdup("x")) == &inner);
	CHECK(arena_owner(arena_cur_strndup("xy", 1)) == &inner);
	{ /* the inline strndup: by hand below 16 bytes, memchr beyond, n limits both */
		static const char *in[] = {"",
		                           "abc",
		                           "0123456789abcde",
		                           "0123456789abcdef",
		                           "0123456789abcdefg",
		                           "0123456789abcdef0123456789"};

		for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++)
			for (size_t n = 0; n <= 30; n++) {
				char *d = arena_cur_strndup(in[i], n);
				size_t len = strlen(in[i]) < n ? strlen(in[i]) : n;

				CHECK(d && strlen(d) == len && !memcmp(d, in[i], len));
			}
	}
	CHECK(arena_owner(arena_cur_memdup("xy", 2)) == &inner);
	CHECK(arena_owner(arena_cur_realloc(NULL, 5)) == &inner);
	arena_scope_end(&inner);
	CHECK(arena_current() == &outer);
	arena_pop(&outer);
	CHECK(arena_current() == NULL);
	arena_release(&outer);
	/* out of order pop still unlinks */
	arena_push(&outer);
	arena_push(&inner);
	arena_pop(&outer);
	CHECK(arena_current() == &inner);
	arena_pop(&inner);
	CHECK(arena_current() == NULL);
}

static void scoped(int depth, int *ok)
{
	arena_t arena_scope __attribute__((cleanup(arena_scope_end))) = ARENA_INIT;
	arena_t local __attribute__((cleanup(arena_release))) = ARENA_INIT;

	arena_push(&arena_scope);
	*ok &= arena_owner(callee(16)) == &arena_scope && arena_alloc(&local, 8) != NULL;
	if (depth)
		scoped(depth - 1, ok);
	*ok &= arena_current() == &arena_scope;
}

static void test_cleanup_scopes(void)
{
	int ok = 1;

	scoped(5, &ok);
	CHECK(ok && arena_current() == NULL);
}

struct thread_arg {
	arena_t *shared; /* another thread's arena */
	char *shared_p;
	int ok;
};

static void *thread_main(void *argp)
{
	struct thread_arg *arg = argp;
	arena_t mine = ARENA_INIT;
	int ok = arena_current() == NULL; /* the stack is per thread */

	arena_push(&mine);
	for (int i = 0; i < 20000; i++) {
		char *p = arena_cur_alloc(24);

		ok &= arena_owner(p) == &mine && arena_current() == &mine;
		memset(p, i, 24);
	}
	/* memory of another thread's live arena: recognised, and left alone by free */
	ok &= arena_owner(arg->shared_p) == arg->shared && arena_owns(arg->shared, arg->shared_p);
	arena_free(arg->shared_p); /* left alone in both modes, each thread frees it once */
	ok &= !strcmp(arg->shared_p, "shared");
	arena_scope_end(&mine);
	ok &= arena_current() == NULL;
	arg->ok = ok;
	return NULL;
}

static void test_threads(void)
{
	arena_t shared = ARENA_INIT, main_arena = ARENA_INIT;
	struct thread_arg args[4];
	pthread_t t[4];
	char *p;

	arena_push(&main_arena);
	p = arena_strdup(&shared, "shared");
	for (int i = 0; i < 4; i++) {
		args[i].shared = &shared;
		args[i].shared_p = p;
		args[i].ok = 0;
		CHECK(pthread_create(&t[i], NULL, thread_main, &args[i]) == 0);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		CHECK(args[i].ok);
	}
	CHECK(arena_current() == &main_arena && !strcmp(p, "shared"));
	arena_pop(&main_arena);
	arena_release(&main_arena);
	arena_release(&shared);
}

/* ---- ASan: an overflow into the next arena object is reported (in a child) */

#ifdef ARENA_ASAN
static int child_reports(void (*fn)(void), const char *what1, const char *what2)
{
	int fd[2], status;
	char buf[8192];
	size_t len = 0;
	ssize_t r;
	pid_t pid;

	if (pipe(fd))
		return 0;
	pid = fork();
	if (pid == 0) {
		dup2(fd[1], 2);
		close(fd[0]);
		fn();
		_exit(0);
	}
	close(fd[1]);
	while (len < sizeof(buf) - 1 && (r = read(fd[0], buf + len, sizeof(buf) - 1 - len)) > 0)
		len += (size_t)r;
	buf[len] = '\0';
	close(fd[0]);
	waitpid(pid, &status, 0);
	return !(WIFEXITED(status) && WEXITSTATUS(status) == 0) &&
	       (strstr(buf, what1) || strstr(buf, what2));
}

static void overflow_child(void)
{
	arena_t a = ARENA_INIT;
	char *p = arena_alloc(&a, 24);
	volatile char *q = arena_alloc(&a, 24);

	q[0] = 1;
	((volatile char *)p)[24] = 1; /* one past the end: the redzone before q */
}

static void after_reset_child(void)
{
	arena_t a = ARENA_INIT;
	volatile char *p = arena_alloc(&a, 24);

	arena_reset(&a);
	p[0] = 1;
}

static void test_asan_reports(void)
{
	CHECK(child_reports(overflow_child, "heap-buffer-overflow", "use-after-poison"));
	CHECK(child_reports(after_reset_child, "heap-use-after-free", "use-after-poison"));
}
#endif

static int stats_line(void)
{
	arena_t a = ARENA_INIT;

	for (int i = 0; i < 10; i++)
		arena_alloc(&a, 100);
	arena_release(&a);
	return 0;
}

/* A program's own hooks, counted, as a library's allocator hooks would be. */
static int hook_allocs, hook_frees, hook_reallocs;
static void *hook_malloc(size_t n)
{
	hook_allocs++;
	return malloc(n);
}
static void *hook_calloc(size_t n, size_t size)
{
	hook_allocs++;
	return calloc(n, size);
}
static void *hook_realloc(void *p, size_t n)
{
	hook_reallocs++;
	return realloc(p, n);
}
static void hook_free(void *p)
{
	hook_frees++;
	free(p);
}

static void test_with_hooks(void)
{
	/* Outside any scope every call goes to the hooks. */
	char *h = arena_cur_alloc_with(hook_malloc, 16);
	CHECK(h && hook_allocs == 1 && !arena_owner(h));
	h = arena_cur_realloc_with(hook_realloc, h, 64);
	CHECK(h && hook_reallocs == 1 && !arena_owner(h));
	char *z = arena_cur_calloc_with(hook_calloc, 4, 4);
	CHECK(z && hook_allocs == 2 && z[15] == 0);
	arena_free_with(hook_free, z);
	CHECK(hook_frees == 1);
	arena_free_with(hook_free, NULL);
	CHECK(hook_frees == 1);
	/* In a scope: arena memory, which the hooks never see; the program's own heap memory
	 * still goes back to its hooks. */
	arena_t s = ARENA_INIT;
	arena_push(&s);
	char *p = arena_cur_alloc_with(hook_malloc, 24);
	char *q = arena_cur_realloc_with(hook_realloc, NULL, 8);
	char *c = arena_cur_calloc_with(hook_calloc, 2, 8);
	CHECK(p && q && c && arena_owns(&s, p) && arena_owns(&s, q) && arena_owns(&s, c));
	CHECK(hook_allocs == 2 && hook_reallocs == 1 && c[15] == 0);
	memcpy(q, "arena", 6);
	q = arena_cur_realloc_with(hook_realloc, q, 4096);
	CHECK(q && arena_owns(&s, q) && !strcmp(q, "arena") && hook_reallocs == 1);
	q = arena_realloc_any_with(hook_realloc, q, 8192);
	CHECK(q && arena_owns(&s, q) && !strcmp(q, "arena") && hook_reallocs == 1);
	h = arena_realloc_any_with(hook_realloc, h, 128);
	CHECK(h && !arena_owner(h) && hook_reallocs == 2);
	arena_free_with(hook_free, p);
	CHECK(hook_frees == 1);
	arena_free_with(hook_free, h);
	CHECK(hook_frees == 2);
	arena_scope_end(&s);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "stats"))
		return stats_line();
	test_init();
	test_alignment();
	test_zero_and_overflow();
	test_huge_requests();
	test_small_arenas();
	test_calloc();
	test_realloc_newest();
	test_realloc_older();
	test_realloc_large();
	test_large_reuse();
	test_realloc_heap_and_null();
	test_free();
	test_strings_and_clone();
	test_ownership();
	test_reset_reuse();
	test_rewind();
	test_free_churn();
	test_stats();
	test_stack();
	test_cleanup_scopes();
	test_threads();
	test_with_hooks();
#ifdef ARENA_ASAN
	test_asan_reports();
#endif
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
