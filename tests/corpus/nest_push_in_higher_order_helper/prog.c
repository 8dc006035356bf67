/* Idiom: a higher-order helper that runs a callback under a scratch arena
 * (with_scratch(fn, ud), as in arena libraries' "temp scope" helpers); the callback calls
 * the new hotspot and keeps its result in the caller's array. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "arena_rt.h"
static arena_t scratch = ARENA_INIT;
static void with_scratch(void (*fn)(void *), void *ud) { arena_push(&scratch); fn(ud); arena_pop(&scratch); arena_reset(&scratch); }
static char *keep_name(const char *s) { char *p = malloc(strlen(s) + 1); strcpy(p, s); return p; }
struct job { const char *in; char *out; };
static void do_one(void *ud)
{
	struct job *j = ud;
	char *up = arena_cur_strdup(j->in);
	up[0] = (char)(up[0] - 32);
	j->out = keep_name(up);
}
static void collect(struct job *jobs, int k)
{
	for (int i = 0; i < k; i++) with_scratch(do_one, &jobs[i]);
}
int main(void)
{
	struct job j[2] = {{"alpha", NULL}, {"beta", NULL}};
	collect(j, 2);
	for (int i = 0; i < 2; i++) { printf("%s\n", j[i].out); free(j[i].out); }
	arena_release(&scratch);
	return 0;
}
