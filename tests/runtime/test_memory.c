/*
 * What realloc and free leave behind (docs/runtime.md, "Freed and reallocated memory"): a
 * grow-by-one array among other allocations takes log2(n) moves and bounded memory, a recorded
 * object grows and shrinks in place, an abandoned copy is reused by the next move of its class,
 * a rewind forgets what lay past the mark. Built in bump mode, malloc mode and under ASan (the
 * memory bounds and pointer identities hold only in plain bump mode).
 * `test_memory freego` frees as it goes in one long arena: run with ARENA_STATS=1, it prints
 * the statistics' warning (bump mode).
 */
#include "arena_rt.h"
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* bump mode, no redzones, no debug mode: capacities and reuse are observable */
#if !defined(ARENA_USE_MALLOC) && !defined(ARENA_ASAN)
static int PLAIN = 1;
#else
static int PLAIN = 0;
#endif

struct val {
	double num;
	struct val **items;
	size_t len;
};

/* yajl's shape: each array grows by one element, with a value allocated in between. */
static void grow_by_one(void)
{
	arena_t a = ARENA_INIT;
	struct val *arr[30];
	arena_stats_t s;
	int ok = 1;

	for (int k = 0; k < 30; k++) {
		arr[k] = arena_alloc(&a, sizeof(*arr[k]));
		arr[k]->items = NULL;
		arr[k]->len = 0;
		for (int i = 0; i < 3000; i++) {
			struct val *v = arena_alloc(&a, sizeof(*v));

			v->num = k * 3000 + i;
			arr[k]->items = arena_realloc(&a, arr[k]->items,
			                              (arr[k]->len + 1) * sizeof(*arr[k]->items));
			arr[k]->items[arr[k]->len++] = v;
		}
	}
	for (int k = 0; k < 30; k++)
		for (int i = 0; i < 3000; i++)
			ok &= arr[k]->items[i]->num == k * 3000 + i;
	CHECK(ok);
	arena_get_stats(&a, &s);
	/* 90,000 values and 30 arrays of 24 KB: 3.4 MB requested; a copy per growth: 1 GB */
	if (PLAIN)
		CHECK(s.bytes_reserved < ((size_t)8 << 20));
	arena_release(&a);
}

/*
 * Many arrays growing in turn: the record's table grows (and is rebuilt) while objects move,
 * and the free lists serve one array's copies to another. Run with MALLOC_PERTURB_ set, so a
 * stale read of a freed table gives garbage.
 */
static void many_in_turn(void)
{
	enum { N = 384, STEPS = 200 }; /* 384: 3/4 of 512 slots, full at every move */
	arena_t a = ARENA_INIT;
	unsigned *arr[N] = {0};
	int ok = 1;

	for (unsigned step = 0; step < STEPS; step++)
		for (unsigned k = 0; k < N; k++) {
			arr[k] = arena_realloc(&a, arr[k], (step + 1) * sizeof(unsigned));
			arr[k][step] = k * 1000 + step;
			arena_alloc(&a, 24);                 /* a node in between */
			if (k % 7 == 3 && step % 50 == 49) { /* some arrays go and come back */
				arena_free(arr[k]);
				arr[k] = arena_alloc(&a, (step + 1) * sizeof(unsigned));
				for (unsigned i = 0; i <= step; i++)
					arr[k][i] = k * 1000 + i;
			}
		}
	for (unsigned k = 0; k < N; k++)
		for (unsigned i = 0; i < STEPS; i++)
			ok &= arr[k][i] == k * 1000 + i;
	CHECK(ok);
	arena_release(&a);
}

/* A moved object's capacity: growth up to it and shrinking stay in place. */
static void in_place(void)
{
	arena_t a = ARENA_INIT;
	char *p = arena_alloc(&a, 40), *q, *r;

	memset(p, 'a', 40);
	arena_alloc(&a, 8);           /* p is no longer the newest */
	q = arena_realloc(&a, p, 48); /* moved: capacity 64 */
	CHECK(q && q[39] == 'a');
	arena_alloc(&a, 8);
	r = arena_realloc(&a, q, 64);
	CHECK(!PLAIN || r == q);
	r = arena_realloc(&a, r, 10);
	CHECK(!PLAIN || r == q);
	CHECK(r[9] == 'a');
	r = arena_realloc(&a, r, 65); /* past the capacity: moved, what it had kept */
	CHECK(r && r[9] == 'a' && (!PLAIN || r != q));
	arena_release(&a);
}

/* A recorded object's old copy serves the next move of its class. */
static void reuse(void)
{
	arena_t a = ARENA_INIT;
	char *x = arena_alloc(&a, 40), *y, *x2, *old;

	arena_alloc(&a, 8);
	x = arena_realloc(&a, x, 48); /* capacity 64 */
	old = x;
	arena_alloc(&a, 8);
	x2 = arena_realloc(&a, x, 100); /* capacity 128: its 64 B copy is free */
	memset(x2, 'x', 100);
	y = arena_alloc(&a, 40);
	memset(y, 'y', 40);
	arena_alloc(&a, 8);
	y = arena_realloc(&a, y, 50); /* class 64: the free copy */
	CHECK(y && y[39] == 'y' && x2[99] == 'x');
	CHECK(!PLAIN || y == old);
	/* freed recorded objects feed the lists too */
	arena_free(x2);
	y = arena_realloc(&a, y, 120);
	CHECK(y && y[39] == 'y');
	CHECK(!PLAIN || y == x2);
	arena_release(&a);
}

/* A rewind forgets recorded objects and free copies past the mark; older ones still grow. */
static void rewind_forgets(void)
{
	arena_t a = ARENA_INIT;
	char *p = arena_alloc(&a, 40), *q;
	arena_mark_t m;

	memset(p, 'p', 40);
	arena_alloc(&a, 8);
	p = arena_realloc(&a, p, 48);
	m = arena_save(&a);
	for (int i = 0; i < 100; i++) {
		q = arena_alloc(&a, 40);
		arena_alloc(&a, 8);
		q = arena_realloc(&a, q, 100 + i);
		memset(q, 'q', 100);
	}
	arena_rewind(&a, m);
	for (int i = 0; i < 100; i++) {
		q = arena_alloc(&a, 200);
		memset(q, 'z', 200);
	}
	p = arena_realloc(&a, p, 5000);
	CHECK(p && p[0] == 'p' && p[39] == 'p');
	arena_release(&a);
}

/* One long arena that frees each object once the next exists: all of it stays held. */
static int freego(void)
{
	arena_t a = ARENA_INIT;
	char *prev = NULL;

	for (int i = 0; i < 40000; i++) {
		char *p = arena_alloc(&a, 64);

		memset(p, 1, 64);
		arena_free(prev);
		prev = p;
	}
	arena_release(&a);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "freego"))
		return freego();
	if (getenv("ARENA_DEBUG") && strcmp(getenv("ARENA_DEBUG"), "0"))
		PLAIN = 0; /* nothing is reused */
	grow_by_one();
	many_in_turn();
	in_place();
	reuse();
	rewind_forgets();
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
