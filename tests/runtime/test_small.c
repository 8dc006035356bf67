/*
 * Unit tests of a small arena's life (create, a few small allocations, release), which bump mode
 * runs inline from the thread's free block (arena_hot_ in arena_rt.h): the block comes back to
 * the next arena, arena_free and arena_owner see its owner, an arena that outgrew one block or
 * holds a large one takes the out-of-line path, a scope's newest object freed gives its bytes
 * back (not when another thread took its block), an arena released by another thread leaves its
 * block to that thread, and a thread's exit gives its block to the others, also when a later
 * key's destructor used an arena. Built in bump mode, in malloc mode, under ASan+UBSan in both,
 * and run with ARENA_STATS=1 (no inline path).
 */
#include "arena_rt.h"
#include "check.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

#if !defined(ARENA_USE_MALLOC) && !defined(ARENA_ASAN)
#define REUSE 1 /* a released block is the next small arena's (the same addresses) */
#else
#define REUSE 0
#endif

/* One arena's whole life; its first allocation's address, or NULL if a check failed. */
static char *life(size_t n, int more)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p = arena_alloc(&a, n), *q;

	if (!p)
		return NULL;
	memset(p, 7, n);
	CHECK(arena_owner(p) == &a && arena_owns(&a, p));
	for (int i = 0; i < more; i++) {
		q = arena_alloc(&a, 24);
		CHECK(q && arena_owns(&a, q));
		arena_free(q); /* the newest: its bytes go back (bump mode) */
		CHECK(!REUSE || arena_alloc(&a, 24) == q);
	}
	return p;
}

static void test_reuse(void)
{
	char *first = life(32, 0);

	CHECK(first != NULL);
	for (int i = 0; i < 1000; i++) {
		char *p = life((size_t)(i % 100) + 1, i % 3);

		CHECK(p && (!REUSE || p == first));
	}
	/* released: nobody's (a stale pointer is not taken for a live arena's) */
	CHECK(!REUSE || arena_owner(first) == NULL);
}

/* Arenas that leave the inline path (two blocks, a large block, reset, a mark) keep working. */
static void test_bigger_lives(void)
{
	for (int round = 0; round < 4; round++) {
		arena_t a = ARENA_INIT;
		char *p = arena_alloc(&a, 64), *big;
		arena_mark_t m;

		CHECK(p != NULL);
		switch (round) {
		case 0: /* past one block */
			for (int i = 0; i < 100; i++)
				CHECK(arena_alloc(&a, 1000) != NULL);
			break;
		case 1: /* a block of its own */
			big = arena_alloc(&a, (size_t)1 << 20);
			CHECK(big && arena_owns(&a, big));
			break;
		case 2: /* its block kept as a spare */
			arena_reset(&a);
			break;
		default:
			m = arena_save(&a);
			CHECK(arena_alloc(&a, 100000) != NULL);
			arena_rewind(&a, m);
			break;
		}
		arena_release(&a);
		CHECK(life(16, 2) != NULL);
	}
}

/* A scope's temporary freed right after its use gives its bytes back (inline in bump mode). */
static void test_scope_newest(void)
{
	arena_t a = ARENA_INIT;

	arena_push(&a);
	for (int i = 0; i < 100; i++) {
		char *older = arena_cur_alloc(16), *tmp = arena_cur_alloc(48), *again;

		CHECK(older && tmp && arena_owns(&a, tmp));
		memset(tmp, i, 48);
		arena_free(tmp);
		again = arena_cur_alloc(48);
		CHECK(again && (!REUSE || again == tmp));
		arena_free(older); /* not the newest: left alone (bump mode) */
		CHECK(!REUSE || arena_cur_alloc(8) == again + 48);
	}
	arena_scope_end(&a);
}

struct handoff {
	arena_t *a;  /* released by the other thread */
	char *block; /* that thread's next small arena's first allocation */
	int ok;
};

static void *release_there(void *argp)
{
	struct handoff *h = argp;
	arena_t b = ARENA_INIT;
	char *q;

	arena_release(h->a);
	/* the block may now be this thread's: its token must be this thread's once taken */
	h->block = arena_alloc(&b, 40);
	q = arena_alloc(&b, 40);
	arena_free(q);
	h->ok = h->block && arena_owner(h->block) == &b && (!REUSE || arena_alloc(&b, 40) == q);
	arena_release(&b);
	return NULL;
}

static void test_other_thread(void)
{
	arena_t a = ARENA_INIT;
	struct handoff h = {&a, NULL, 0};
	pthread_t t;
	char *p = arena_alloc(&a, 40);

	CHECK(p != NULL);
	CHECK(!pthread_create(&t, NULL, release_there, &h) && !pthread_join(t, NULL));
	CHECK(h.ok);
	CHECK(life(40, 2) != NULL);
}

static void *alloc_there(void *argp)
{
	arena_t *a = argp;

	return arena_alloc(a, 32);
}

/*
 * The newest object of this thread's innermost arena, but in a block another thread took:
 * arena_free leaves it alone (its bytes are not handed out again), inline as out of line.
 */
static void test_other_thread_newest(void)
{
	arena_t a = ARENA_INIT;
	pthread_t t;
	void *p = NULL;
	char *q;

	arena_push(&a);
	CHECK(!pthread_create(&t, NULL, alloc_there, &a) && !pthread_join(t, &p) && p);
	arena_free(p);
	q = arena_alloc(&a, 32);
	CHECK(q && q != p);
	arena_scope_end(&a);
}

static void *one_life(void *out)
{
	*(char **)out = life(48, 1);
	return NULL;
}

/* A thread that ends holding a free block gives it back: the next thread gets it. */
static void test_thread_exit(void)
{
	char *first = NULL, *p = NULL;
	pthread_t t;

	CHECK(!pthread_create(&t, NULL, one_life, &first) && !pthread_join(t, NULL) && first);
	for (int i = 0; i < 50; i++) {
		CHECK(!pthread_create(&t, NULL, one_life, &p) && !pthread_join(t, NULL) && p);
		CHECK(!REUSE || p == first);
	}
}

static pthread_key_t late_key;

static void late_life(void *out)
{
	*(char **)out = life(48, 1);
}

static void *set_late(void *out)
{
	/* an arena first: the runtime's destructor then runs, before the later key's */
	CHECK(life(16, 0) != NULL);
	pthread_setspecific(late_key, out);
	return NULL;
}

/*
 * A thread's arena used by a key destructor that runs after the runtime's own (a key created
 * later): its block still goes back to the others, not lost with the thread.
 */
static void test_late_destructor(void)
{
	char *prev = NULL, *p = NULL;
	pthread_t t;

	CHECK(!pthread_key_create(&late_key, late_life));
	for (int i = 0; i < 20; i++) {
		CHECK(!pthread_create(&t, NULL, set_late, &p) && !pthread_join(t, NULL) && p);
		CHECK(!REUSE || !prev || p == prev);
		prev = p;
	}
}

int main(void)
{
	test_thread_exit(); /* first: the global cache is empty before it */
	test_reuse();
	test_bigger_lives();
	test_scope_newest();
	test_other_thread();
	test_other_thread_newest();
	test_late_destructor(); /* after test_reuse: the runtime's key exists */
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
