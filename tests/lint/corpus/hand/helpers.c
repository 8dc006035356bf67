/* Helpers in another file: the lint's summaries must see their bodies. */
#include "common.h"
#include <stdlib.h>
#include <string.h>

static char *h_kept;
static char *h_chain;

void keep_in_global(char *s)
{
	h_kept = s;
}

static void keep_deeper(char *s)
{
	h_chain = s;
}

void keep_via_chain(char *s)
{
	keep_deeper(s + 0);
}

void store_through(struct pair *dst, char *s)
{
	dst->first = s;
}

void forward_store(struct pair *dst, char *s)
{
	store_through(dst, s);
}

size_t only_measures(const char *s)
{
	size_t n = strlen(s);
	return n;
}

void frees_it(char *s)
{
	free(s);
}

char *identity(char *s)
{
	return s;
}

void copy_into(char *dst, const char *src, size_t n)
{
	for (size_t i = 0; i < n; i++)
		dst[i] = src[i];
}

char *make_name(arena_t *a, const char *s)
{
	return arena_strdup(a, s);
}

/* Stores memory of the caller's arena through its out-parameter: the caller decides. */
void name_into(arena_t *a, const char *s, char **out)
{
	*out = arena_strdup(a, s);
}
