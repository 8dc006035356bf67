/* The runtime's hook variants (arena_cur_*_with, arena_realloc_any_with), which the rewriter
 * writes for calls through a library's allocator hooks, and the inline fast paths behind
 * arena_cur_calloc/realloc/strndup: their results are scope memory like arena_cur_alloc's. */
#include "common.h"
#include <stdlib.h>
#include <string.h>

struct hooks {
	void *(*allocate)(size_t);
	void *(*zallocate)(size_t, size_t);
	void *(*reallocate)(void *, size_t);
	void (*release)(void *);
};

extern struct hooks hk;
static void *hook_cache;
static char *hook_names[4];

void with_alloc_to_global(void)
{
	hook_cache = arena_cur_alloc_with(hk.allocate, 16); /* expect: arena-escape-global */
}

void with_calloc_to_global(struct hooks *h)
{
	void *p = arena_cur_calloc_with(h->zallocate, 4, 8);
	hook_cache = p; /* expect: arena-escape-global */
}

void with_realloc_to_global(void *old)
{
	hook_names[1] = arena_cur_realloc_with(hk.reallocate, old, 32); /* expect: arena-escape-global */
}

void *with_alloc_own_scope_return(void)
{
	arena_t s __attribute__((cleanup(arena_scope_end))) = ARENA_INIT;
	arena_push(&s);
	return arena_cur_alloc_with(hk.allocate, 16); /* expect: arena-escape-return */
}

void *with_calloc_own_scope_return(void)
{
	arena_t s __attribute__((cleanup(arena_scope_end))) = ARENA_INIT;
	arena_push(&s);
	void *p = arena_cur_calloc_with(hk.zallocate, 2, 8);
	return p; /* expect: arena-escape-return */
}

void with_realloc_own_scope_out(void **out)
{
	arena_t s __attribute__((cleanup(arena_scope_end))) = ARENA_INIT;
	arena_push(&s);
	*out = arena_cur_realloc_with(hk.reallocate, NULL, 8); /* expect: arena-escape-param */
}

void with_alloc_own_scope_out(struct pair *o)
{
	arena_t s __attribute__((cleanup(arena_scope_end))) = ARENA_INIT;
	arena_push(&s);
	o->first = arena_cur_alloc_with(hk.allocate, 8); /* expect: arena-escape-param */
}

char *realloc_any_with_own_return(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p = arena_alloc(&a, 8);
	return arena_realloc_any_with(hk.reallocate, p, 16); /* expect: arena-escape-return */
}

void fast_calloc_to_global(void)
{
	hook_cache = arena_cur_calloc(4, 4); /* expect: arena-escape-global */
}

void fast_realloc_to_global(void)
{
	hook_names[2] = arena_cur_realloc(NULL, 8); /* expect: arena-escape-global */
}

void fast_strndup_to_global(const char *s)
{
	hook_names[3] = arena_cur_strndup(s, 4); /* expect: arena-escape-global */
}

/* Not escaping: a caller's scope memory returned or stored through a parameter, used here, or
 * heap memory the hook variants hand back. */

void *safe_with_alloc_return(void)
{
	return arena_cur_alloc_with(hk.allocate, 16);
}

void safe_with_calloc_out(void **out)
{
	*out = arena_cur_calloc_with(hk.zallocate, 1, 8);
}

size_t safe_with_realloc_local(const char *s)
{
	size_t n = strlen(s);
	char *p = arena_cur_realloc_with(hk.reallocate, NULL, n + 1);
	if (!p)
		return 0;
	memcpy(p, s, n + 1);
	size_t r = strlen(p);
	arena_free_with(hk.release, p);
	return r;
}

void *safe_realloc_any_with_heap(void)
{
	void *p = malloc(8);
	return arena_realloc_any_with(hk.reallocate, p, 16);
}

void safe_with_alloc_to_global_heap(void)
{
	hook_cache = hk.allocate(16);
}

char *safe_fast_strndup_return(const char *s)
{
	return arena_cur_strndup(s, 8);
}
