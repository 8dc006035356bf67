/*
 * hand.h: the hand-written arena of the benchmark suite (-DHAND_ARENA builds), what a person
 * would write instead of the rewrite: a bump pointer over 1 MiB chunks from malloc, kept for
 * reuse, and a list of oversized blocks; hand_reset() drops everything at once, so the program
 * deletes its teardown walk. One global arena: the programs are single-threaded.
 */
#ifndef HAND_H
#define HAND_H
#include <stdlib.h>
#include <string.h>

#define HAND_CHUNK ((size_t)1 << 20)

static char *hand_ptr, *hand_end;
static char **hand_chunks, **hand_big;
static size_t hand_n, hand_cur, hand_nbig;

static void *hand_keep(char ***v, size_t *n, void *p)
{
	if (!p || !(*v = realloc(*v, (*n + 1) * sizeof(**v))))
		abort();
	(*v)[(*n)++] = p;
	return p;
}

static void *hand_more(size_t n)
{
	char *c;

	if (n > HAND_CHUNK / 4)
		return hand_keep(&hand_big, &hand_nbig, malloc(n));
	if (hand_cur == hand_n)
		hand_keep(&hand_chunks, &hand_n, malloc(HAND_CHUNK));
	c = hand_chunks[hand_cur++];
	hand_ptr = c + n;
	hand_end = c + HAND_CHUNK;
	return c;
}

static inline void *hand_alloc(size_t n)
{
	char *p = hand_ptr;

	n = (n + 15) & ~(size_t)15;
	if ((size_t)(hand_end - p) < n)
		return hand_more(n);
	hand_ptr = p + n;
	return p;
}

static inline void *hand_calloc(size_t n, size_t size)
{
	return memset(hand_alloc(n * size), 0, n * size);
}

/* Grows a buffer of old bytes to n: a copy; the old one stays in the arena. */
static inline void *hand_grow(void *p, size_t old, size_t n)
{
	void *q = hand_alloc(n);

	if (old)
		memcpy(q, p, old);
	return q;
}

/* Everything allocated is gone; chunks are kept for the next round. */
static void hand_reset(void)
{
	for (size_t i = 0; i < hand_nbig; i++)
		free(hand_big[i]);
	hand_nbig = 0;
	hand_cur = 0;
	hand_ptr = hand_end = NULL;
}
#endif
