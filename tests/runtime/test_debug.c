/*
 * Debug mode (ARENA_DEBUG=1): a use of released, reset, rewound (wherever it lies, the mark's
 * own page included) or freed arena memory faults; a rewind never seals an object from before
 * its mark (a large one moved by realloc included); running out of mappings is an abort.
 * Each use runs in a child process, which must die of SIGSEGV (SIGABRT for the limit).
 */
#define _GNU_SOURCE /* fork */
#include "arena_rt.h"
#include "check.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

/* The signal the child running fn dies of, or 0 (it exits). */
static int dies_of(void (*fn)(void))
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		fn();
		_exit(0);
	}
	waitpid(pid, &status, 0);
	return WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

static int faults(void (*fn)(void))
{
	int sig = dies_of(fn);

	return sig == SIGSEGV || sig == SIGBUS;
}

static int aborts(void (*fn)(void))
{
	return dies_of(fn) == SIGABRT;
}

static void after_release(void)
{
	arena_t a = ARENA_INIT;
	volatile char *p = arena_alloc(&a, 100);

	p[0] = 1;
	arena_release(&a);
	p[0] = 2;
}

static void after_reset(void)
{
	arena_t a = ARENA_INIT;
	volatile char *p = arena_alloc(&a, 100);

	arena_reset(&a);
	arena_alloc(&a, 100); /* never the same memory again */
	p[0] = 2;
}

static void after_rewind(void)
{
	arena_t a = ARENA_INIT;
	arena_mark_t m = arena_save(&a);
	volatile char *p;

	for (int i = 0; i < 2000; i++)
		arena_alloc(&a, 100);
	p = arena_alloc(&a, 100);
	arena_rewind(&a, m);
	p[0] = 2;
}

/* The mark in the middle of a page: the objects after it on that same page fault too. */
static void after_rewind_same_page(void)
{
	arena_t a = ARENA_INIT;
	arena_mark_t m;
	volatile char *p;

	arena_alloc(&a, 100);
	m = arena_save(&a);
	p = arena_alloc(&a, 16);
	p[0] = 1;
	arena_rewind(&a, m);
	p[0] = 2;
}

/* The newest object, resized after the mark: whatever comes after it dies with the rewind. */
static void after_rewind_grown_newest(void)
{
	arena_t a = ARENA_INIT;
	char *old = arena_alloc(&a, 100);
	arena_mark_t m = arena_save(&a);
	volatile char *p;

	old = arena_realloc(&a, old, 200);
	p = arena_alloc(&a, 16);
	p[0] = 1;
	arena_rewind(&a, m);
	p[0] = 2;
}

/* Objects older than the mark stay valid through rewinds, and the arena goes on. */
static void rewind_keeps_older(void)
{
	arena_t a = ARENA_INIT;
	char *old = arena_alloc(&a, 100), *p;
	arena_mark_t m;

	memset(old, 1, 100);
	m = arena_save(&a);
	for (int i = 0; i < 3; i++) {
		p = arena_alloc(&a, 16 << (4 * i));
		memset(p, 2, 16);
		arena_rewind(&a, m);
		m = arena_save(&a);
	}
	old[99] = 5;
	p = arena_alloc(&a, 5000);
	memset(p, 3, 5000);
	arena_release(&a);
}

static void after_large_free(void)
{
	arena_t a = ARENA_INIT;
	volatile char *p = arena_alloc(&a, 1 << 20);

	arena_free((void *)p);
	p[0] = 2;
}

/* realloc of an object from before a mark, after a rewind to it: copies nothing sealed */
static void realloc_after_rewind(void)
{
	arena_t a = ARENA_INIT;
	char *p = arena_alloc(&a, 100), *q;
	arena_mark_t m;

	memset(p, 'x', 100);
	m = arena_save(&a);
	memset(arena_alloc(&a, 10), 'y', 10);
	arena_rewind(&a, m);
	q = arena_realloc(&a, p, 20000);
	if (!q || q[99] != 'x')
		abort();
	arena_release(&a);
}

/* A large object moved by realloc (debug mode always moves it), then a mark: it stays. */
static void large_realloc_then_rewind(void)
{
	arena_t a = ARENA_INIT;
	char *p = arena_alloc(&a, 100000);
	arena_mark_t m;

	p = arena_realloc(&a, p, 300000);
	m = arena_save(&a);
	arena_alloc(&a, 100);
	arena_rewind(&a, m);
	memset(p, 1, 300000);
	arena_release(&a);
}

/*
 * Out of address space (the same as out of mappings: every released block stays mapped): an
 * abort naming the limit, never a silent end of the checking (or a NULL the program may not
 * expect of an arena that had memory a moment ago).
 */
static void out_of_mappings(void)
{
	struct rlimit r = {(rlim_t)256 << 20, (rlim_t)256 << 20};

	setrlimit(RLIMIT_AS, &r);
	for (int i = 0; i < 100000; i++) {
		arena_t a = ARENA_INIT;

		if (!arena_alloc(&a, 60000))
			return; /* a silent failure: the test fails */
		arena_release(&a);
	}
}

static void no_fault(void)
{
	arena_t a = ARENA_INIT;
	char *p = arena_alloc(&a, 100);

	memset(p, 1, 100);
	p = arena_realloc(&a, p, 200000);
	memset(p, 1, 200000);
	arena_release(&a);
}

/* The newest object's bytes are not reused after arena_free either (inline path included). */
static int newest_not_reused(void)
{
	arena_t a = ARENA_INIT;
	char *p, *q;

	arena_push(&a);
	p = arena_cur_alloc(32);
	arena_free(p);
	q = arena_cur_alloc(32);
	arena_scope_end(&a);
	return p && q && p != q;
}

int main(void)
{
	const char *d = getenv("ARENA_DEBUG");

	if (!d || strcmp(d, "1")) {
		fprintf(stderr, "run with ARENA_DEBUG=1\n");
		return 1;
	}
	CHECK(faults(after_release));
	CHECK(faults(after_reset));
	CHECK(faults(after_rewind));
	CHECK(faults(after_rewind_same_page));
	CHECK(faults(after_rewind_grown_newest));
	CHECK(faults(after_large_free));
	CHECK(!faults(no_fault));
	CHECK(!faults(realloc_after_rewind));
	CHECK(!faults(rewind_keeps_older));
	CHECK(!faults(large_realloc_then_rewind));
	CHECK(aborts(out_of_mappings));
	CHECK(newest_not_reused());
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
