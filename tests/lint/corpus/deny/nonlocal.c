/* Default deny, non-local exits: longjmp, siglongjmp and pthread_exit reachable while a
 * function's arena is live leave it without its release (the cleanup attribute does not run on
 * them). Linted by tests/lint/run_corpus.sh. */
#include "arena_rt.h"
#include <pthread.h>
#include <setjmp.h>
#include <string.h>

jmp_buf g_on_error;
sigjmp_buf g_prompt;

static void fail(void)
{
	longjmp(g_on_error, 1);
}

int longjmp_out_of_arena(const char *s)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *tok = arena_strdup(&a, s);
	if (tok[0] == '!')
		longjmp(g_on_error, 1); /* expect: arena-escape-nonlocal */
	return (int)strlen(tok);
}

int longjmp_through_callee(const char *s)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *tok = arena_strdup(&a, s);
	if (tok[0] == '?')
		fail(); /* expect: arena-escape-nonlocal */
	return (int)strlen(tok);
}

int siglongjmp_out_of_arena(const char *s)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *tok = arena_strdup(&a, s);
	if (strcmp(tok, "stop") == 0)
		siglongjmp(g_prompt, 1); /* expect: arena-escape-nonlocal */
	return (int)strlen(tok);
}

void *worker_exits_early(void *arg)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *copy = arena_strdup(&a, arg);
	if (copy[0] == '\0')
		pthread_exit(NULL); /* expect: arena-escape-nonlocal */
	return NULL;
}
