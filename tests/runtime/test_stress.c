/*
 * Eight threads, each making, filling, growing, freeing into and releasing arenas, while every
 * thread asks arena_owner() and arena_owns() about the others' objects (interior pointers
 * included) and about its own, live or long released. What docs/runtime.md ("Threads") allows:
 * a query about any pointer at any time answers NULL or an arena, never reads freed memory; a
 * query about a live object of the thread's own arena answers that arena. Built under ASan and
 * under TSan, in bump and in malloc mode: a use after free or a data race is their report.
 * Objects of about 200 KB are among them (malloc mode: glibc maps and unmaps each one).
 */
#define _POSIX_C_SOURCE 200809L /* pthread_barrier_t */
#include "arena_rt.h"
#include "check.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define THREADS 8
#define ROUNDS  300
#define OBJS    24

static void *slot[THREADS][OBJS]; /* the newest objects of each thread (atomic accesses) */
static arena_t *arenas[THREADS];  /* each thread's arena (its stack) */
static pthread_barrier_t done;    /* no thread exits while others still query */
static int bad[THREADS];

static unsigned next(unsigned *r)
{
	*r = *r * 1103515245u + 12345u;
	return *r >> 8;
}

static int known(const arena_t *a)
{
	if (!a)
		return 1;
	for (int i = 0; i < THREADS; i++)
		if (a == __atomic_load_n(&arenas[i], __ATOMIC_RELAXED))
			return 1;
	return 0;
}

/* Queries about other threads' objects, which may be released as they are asked about. */
static unsigned long owned; /* (its sum matters to no one: the calls are the point) */

static void ask_others(int me, arena_t *mine, unsigned *r)
{
	for (int k = 0; k < 8; k++) {
		int t = (int)(next(r) % THREADS), j = (int)(next(r) % OBJS);
		char *p = __atomic_load_n(&slot[t][j], __ATOMIC_RELAXED);

		if (!p)
			continue;
		if (!known(arena_owner(p)) || !known(arena_owner(p + 1)))
			bad[me]++;
		/* (either answer: a released object's address may be this arena's by now) */
		__atomic_fetch_add(&owned, (unsigned long)arena_owns(mine, p), __ATOMIC_RELAXED);
	}
}

static void *worker(void *arg)
{
	int me = (int)(intptr_t)arg;
	unsigned r = (unsigned)me * 7919u + 1;

	for (int round = 0; round < ROUNDS; round++) {
		arena_t a = ARENA_INIT;
		char *obj[OBJS];

		__atomic_store_n(&arenas[me], &a, __ATOMIC_RELAXED);
		for (int j = 0; j < OBJS; j++) {
			size_t n = j == 0 ? (size_t)200 << 10 : 16 + next(&r) % 2000;

			obj[j] = arena_alloc(&a, n);
			memset(obj[j], j, n < 64 ? n : 64);
			if (j % 5 == 4) /* grown, maybe moved: the old address is gone */
				obj[j] = arena_realloc(&a, obj[j], n * 3);
			__atomic_store_n(&slot[me][j], obj[j], __ATOMIC_RELAXED);
			ask_others(me, &a, &r);
		}
		for (int j = 0; j < OBJS; j++)
			if (arena_owner(obj[j]) != &a || !arena_owns(&a, obj[j] + 1))
				bad[me]++;
		arena_free(obj[OBJS - 1]);
		/* release with the pointers still published: the others keep asking */
		arena_release(&a);
		ask_others(me, NULL, &r);
	}
	pthread_barrier_wait(&done);
	return NULL;
}

int main(void)
{
	pthread_t t[THREADS];
	int sum = 0;

	pthread_barrier_init(&done, NULL, THREADS);
	for (int i = 0; i < THREADS; i++)
		CHECK(!pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i));
	for (int i = 0; i < THREADS; i++) {
		CHECK(!pthread_join(t[i], NULL));
		sum += bad[i];
	}
	CHECK(sum == 0);
	pthread_barrier_destroy(&done);
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
