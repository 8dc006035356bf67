/* Idiom: a half-converted program whose scratch region is pushed by helpers
 * (scratch_begin()/scratch_end(), like git's strbuf-temp or a "temp pool" API) rather than
 * arena_push in the function itself; the hotspot is called between them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "arena_rt.h"
static arena_t scratch = ARENA_INIT;
static void scratch_begin(void) { arena_push(&scratch); }
static void scratch_end(void) { arena_pop(&scratch); arena_reset(&scratch); }
static char *keep_name(const char *s)
{
	char *p = malloc(strlen(s) + 1);
	strcpy(p, s);
	return p;
}
static void collect(const char **items, int k)
{
	char *kept[4];
	for (int i = 0; i < k; i++) {
		scratch_begin();
		char *up = arena_cur_strdup(items[i]);
		up[0] = (char)(up[0] - 32);
		kept[i] = keep_name(up);
		scratch_end();
	}
	for (int i = 0; i < k; i++) { printf("%s\n", kept[i]); free(kept[i]); }
}
int main(void)
{
	const char *it[] = {"alpha", "beta"};
	collect(it, 2);
	arena_release(&scratch);
	return 0;
}
