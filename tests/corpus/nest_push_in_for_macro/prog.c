/* Idiom: a WITH_ARENA(a) { ... } block macro (for-loop trick, as in many arena libraries'
 * "scoped" helpers) that pushes and pops around its body. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "arena_rt.h"
#define WITH_ARENA(a) for (int once_ = (arena_push(a), 1); once_; once_ = 0, arena_pop(a), arena_reset(a))
static char *keep_name(const char *s)
{
	char *p = malloc(strlen(s) + 1);
	strcpy(p, s);
	return p;
}
static void collect(const char **items, int k)
{
	arena_t tmp = ARENA_INIT;
	char *kept[4];
	for (int i = 0; i < k; i++) {
		WITH_ARENA(&tmp) {
			char *up = arena_cur_strdup(items[i]);
			up[0] = (char)(up[0] - 32);
			kept[i] = keep_name(up);
		}
	}
	arena_release(&tmp);
	for (int i = 0; i < k; i++) { printf("%s\n", kept[i]); free(kept[i]); }
}
int main(void)
{
	const char *it[] = {"gamma", "delta"};
	collect(it, 2);
	return 0;
}
