/* Shape of code that calls (free)(p) to get the function and never a macro of that name (zlib's
 * and SQLite's portability layers, libraries that #define free for leak tracking in debug builds
 * and call the real one in parentheses): dedupe makes scratch copies and releases them with
 * (free)(p). UNSAFE as rewritten today: the copies become arena memory, and the parenthesised
 * call is neither rewritten to the ownership-aware free nor refused, so libc free receives arena
 * memory. A wrong acceptance crashes in free (ASan: attempting free on address which was not
 * malloc()-ed). A rewrite to (arena_free)(p) would be right. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int dedupe(const char *const *words, int n)
{
	int unique = 0;
	for (int i = 0; i < n; i++) {
		char *w = strdup(words[i]);
		int seen = 0;
		for (int j = 0; j < i; j++)
			seen |= strcmp(words[j], w) == 0;
		unique += !seen;
		(free)(w);
	}
	return unique;
}

int main(void)
{
	const char *w[] = {"a", "b", "a", "c", "b"};
	printf("%d unique\n", dedupe(w, 5));
	return 0;
}
