/* Default deny, calls: arena memory passed to calls whose effect is unknown (a function with no
 * body and no effects entry, a call through a pointer with no known target), to callbacks and
 * cleanup functions that keep or free it, and stored through accessors of static and
 * thread-local storage; next to calls whose targets are known and only read (no mark). Linted
 * by tests/lint/run_corpus.sh. */
#include "arena_rt.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void register_buffer(char *p); /* defined nowhere in the sources: effect unknown */

void (*g_hook)(char *);

struct box {
	char *s;
};

static struct box the_box;
static _Thread_local struct box tl_box;
static char *g_kept;

static struct box *get_box(void)
{
	return &the_box;
}

static struct box *get_tl_box(void)
{
	return &tl_box;
}

static void keep_it(void *ud, char *s)
{
	(void)ud;
	g_kept = s;
}

static void freep(void *p)
{
	free(*(void **)p);
}
#define _cleanup_free_ __attribute__((cleanup(freep)))

void unknown_external(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p = arena_strdup(&a, "buffer");
	register_buffer(p); /* expect: arena-escape-unknown, arena-escape-nonlocal */
}

void unknown_hook(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p = arena_strdup(&a, "hooked");
	g_hook(p); /* expect: arena-escape-unknown */
}

/* The call reaches every function of the run of its type whose address is taken: keep_it.
 * These sources define no main: the caller may also pass any function of its own. */
void callback_param(void (*cb)(void *, char *), void *ud)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *name = arena_strdup(&a, "element");
	cb(ud, name); /* expect: arena-escape-call, arena-escape-unknown */
}

struct handler {
	void (*on_text)(void *, char *);
	void *ud;
};

static const struct handler keeper = {keep_it, NULL};

void callback_known_keeper(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *t = arena_strdup(&a, "text");
	keeper.on_text(keeper.ud, t); /* expect: arena-escape-call */
}

void accessor_static(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *t = arena_strdup(&a, "title");
	get_box()->s = t; /* expect: arena-escape-global */
}

void accessor_thread_local(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	struct box *b = get_tl_box();
	b->s = arena_strdup(&a, "error"); /* expect: arena-escape-global */
}

int cleanup_free_of_arena_memory(const char *s)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	_cleanup_free_ char *copy = arena_strdup(&a, s); /* expect: arena-heap-free */
	return (int)strlen(copy);
}

/* Targets known, reading only: no finding. */
static size_t measure(void *ud, const char *s)
{
	(void)ud;
	return strlen(s);
}

size_t harmless_callbacks(const char *s)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	size_t (*fn)(void *, const char *) = measure;
	char *copy = arena_strdup(&a, s);
	size_t n = fn(NULL, copy);
	_cleanup_free_ char *heap = strdup(s);
	printf("%s %s\n", copy, heap);
	return n + strlen(get_box()->s ? get_box()->s : "");
}
