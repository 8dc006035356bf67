/* A half-converted file includes the runtime in the middle, for the function that uses it by
 * hand; a hotspot above that include is rewritten onto the runtime too, so the rewrite must
 * include it before its first use (a second include is harmless: the header has a guard). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dup_word(const char *s)
{
	char *p = malloc(strlen(s) + 1);
	if (p)
		strcpy(p, s);
	return p;
}

static size_t count_words(const char *const *w, int n)
{
	size_t total = 0;
	for (int i = 0; i < n; i++) {
		char *d = dup_word(w[i]);
		total += strlen(d);
		free(d);
	}
	return total;
}

#include "arena_rt.h"

static size_t scratch_len(const char *s)
{
	arena_t a = ARENA_INIT;
	char *t = arena_strdup(&a, s);
	size_t n = strlen(t);
	arena_release(&a);
	return n;
}

int main(void)
{
	const char *w[] = {"alpha", "beta", "gamma"};
	printf("%zu %zu\n", count_words(w, 3), scratch_len("delta"));
	return 0;
}
