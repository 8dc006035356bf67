/* Arena memory that comes back through an out-parameter (`f(a, &p)`) rather than as a result:
 * the callee's summary says which arena it is, and the caller's sinks apply. */
#include "common.h"
#include <string.h>

static char *out_last;

/* Same-file helper: memory of the arena passed in, stored through `out`. */
static void dup_into(arena_t *a, const char *s, char **out)
{
	*out = arena_strdup(a, s);
}

/* Only on some paths. */
static void maybe_dup_into(arena_t *a, const char *s, char **out)
{
	if (*s)
		*out = arena_strdup(a, s);
}

/* Passes its out-parameter on: its own summary says the same as dup_into's. */
static void dup_forward(arena_t *a, const char *s, char **out)
{
	dup_into(a, s, out);
}

char *out_returned(const char *s)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p;
	dup_into(&a, s, &p);
	return p; /* expect: arena-escape-return */
}

char *out_returned_other_file(const char *s)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p = NULL;
	name_into(&a, s, &p);
	return p; /* expect: arena-escape-return */
}

void out_to_global(const char *s)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	dup_into(&a, s, &out_last); /* expect: arena-escape-global */
}

void out_through_param(const char *s, char **res)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p;
	dup_forward(&a, s, &p);
	*res = p; /* expect: arena-escape-param */
}

void out_forwarded_param(const char *s, char **res)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	dup_into(&a, s, res); /* expect: arena-escape-call */
}

char *out_maybe(const char *s)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p = NULL;
	maybe_dup_into(&a, s, &p);
	return p; /* expect warning: arena-escape-return */
}

/* ---- safe look-alikes ---- */

size_t out_measured(const char *s)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p;
	dup_into(&a, s, &p);
	return strlen(p);
}

void out_copied(const char *s, char *buf, size_t cap)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p;
	dup_into(&a, s, &p);
	strncpy(buf, p, cap);
}

/* The arena is the caller's: returning what it holds is the caller's business. */
char *out_callers_arena(arena_t *a, const char *s)
{
	char *p;
	dup_forward(a, s, &p);
	return p;
}

char *out_cloned(const char *s)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p;
	dup_into(&a, s, &p);
	return arena_clone_str(p);
}

/* A string of this function's scratch arena stored into a node of the caller's arena. */
struct doc_node {
	char *name;
};
void fill_from_scratch(arena_t *doc, struct doc_node **out)
{
	arena_t scratch __attribute__((cleanup(arena_release))) = ARENA_INIT;
	struct doc_node *n = arena_alloc(doc, sizeof *n);
	n->name = arena_strdup(&scratch, "title"); /* expect: arena-escape-param */
	*out = n;
}
