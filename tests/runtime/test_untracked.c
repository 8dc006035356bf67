/*
 * Unit tests of what the rewriter writes for the rollback build: ARENA_INIT_UNTRACKED and
 * ARENA_TEARDOWN / ARENA_MALLOC_MODE. Built in bump mode and in malloc mode, and under
 * ASan+UBSan with leak detection in malloc mode, where an untracked arena must behave as the
 * original program: each object a plain heap object that the program frees itself (a double
 * free if release freed it too, a leak if arena_free did not).
 */
#include "arena_rt.h"
#include "check.h"

#include <stdlib.h>
#include <string.h>

#ifdef ARENA_USE_MALLOC
#define MALLOC_MODE 1
#else
#define MALLOC_MODE 0
#endif

static int hook_calls, teardowns;

static void *hook_malloc(size_t n)
{
	hook_calls++;
	return malloc(n);
}

static void teardown(void *p)
{
	teardowns++;
	arena_free(p);
}

static void test_objects(void)
{
	arena_t a = ARENA_INIT_UNTRACKED;
	char *p = arena_alloc(&a, 24), *z = arena_calloc(&a, 4, 8);
	char *s = arena_strdup(&a, "untracked"), *n = arena_strndup(&a, "untracked", 5);
	CHECK(p && z && s && n && !strcmp(s, "untracked") && !strcmp(n, "untra") && !z[31]);
	memcpy(p, "grow", 5);
	p = arena_realloc(&a, p, 4096);
	CHECK(p && !strcmp(p, "grow"));
	/* Malloc mode: plain heap objects, nobody's arena memory; bump mode: the arena's. */
	CHECK((arena_owner(p) == NULL) == MALLOC_MODE && (arena_owns(&a, s) == 0) == MALLOC_MODE);
	arena_free(p);
	arena_free(z);
	arena_free(s);
#if MALLOC_MODE
	free(n); /* plain heap memory: libc's free is right for it, as in the original */
#else
	arena_free(n);
#endif
	arena_release(&a);
	/* Released, it stays untracked and usable. */
	p = arena_alloc(&a, 8);
	CHECK(p && (arena_owner(p) == NULL) == MALLOC_MODE);
	arena_free(p);
	arena_release(&a);
}

static void test_scope_hooks(void)
{
	arena_t s = ARENA_INIT_UNTRACKED;
	arena_push(&s);
	char *p = arena_cur_alloc(16), *h = arena_cur_alloc_with(hook_malloc, 16);
	char *d = arena_cur_strndup("scope", 3);
	CHECK(p && h && d && !strcmp(d, "sco"));
	/* malloc mode: the program's own hook serves an untracked scope, as before the rewrite */
	CHECK(hook_calls == MALLOC_MODE);
	arena_free(p);
	arena_free(h);
	arena_free(d);
	arena_scope_end(&s);
	CHECK(arena_current() == NULL);
}

static void test_teardown(void)
{
	arena_t a = ARENA_INIT_UNTRACKED;
	char *p = arena_alloc(&a, 40);
	CHECK(p != NULL);
	ARENA_TEARDOWN(teardown, p);
	CHECK(teardowns == MALLOC_MODE && ARENA_MALLOC_MODE == MALLOC_MODE);
	int ran = 0;
#if ARENA_MALLOC_MODE
	ran = 1;
#endif
	CHECK(ran == MALLOC_MODE);
	arena_release(&a);
}

int main(void)
{
	/* ARENA_INIT_UNTRACKED is cleared at every call of a hotspot: from 96 bytes gcc clears it
	 * with `rep stos`, whose start-up cost alone is most of a small call's. */
	CHECK(sizeof(arena_t) <= 80);
	test_objects();
	test_scope_hooks();
	test_teardown();
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
