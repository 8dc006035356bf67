/* Idiom: as n01, but the hand-written push is in the hotspot's own scope function around
 * a loop (a per-iteration scratch region), and the hotspot is called directly inside it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "arena_rt.h"
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
		arena_t scratch = ARENA_INIT;
		arena_push(&scratch);
		char *up = arena_cur_strdup(items[i]);
		up[0] = (char)(up[0] - 32);
		kept[i] = keep_name(up);
		arena_pop(&scratch);
		arena_release(&scratch);
	}
	for (int i = 0; i < k; i++) { printf("%s\n", kept[i]); free(kept[i]); }
}
int main(void)
{
	const char *it[] = {"alpha", "beta"};
	collect(it, 2);
	return 0;
}
