/* Hard cases, some beyond the analysis on purpose (docs/lint.md, "Limits"): they stay in the
 * corpus so that the recall figure tells the truth. */
#include "common.h"
#include <string.h>

static char *lim_global;
#define SET(dst, v) ((dst) = (v))

struct list {
	struct node *head;
	int n;
};

void macro_store(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p = arena_strdup(&a, "macro");
	SET(lim_global, p); /* expect: arena-escape-global */
}

/* A pointer read back out of arena memory may be memory of that arena. */
struct node *pointer_read_from_arena(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	struct list *l = arena_alloc(&a, sizeof *l);
	l->head = arena_alloc(&a, sizeof *l->head);
	l->n = 1;
	return l->head; /* expect: arena-escape-return */
}

/* No function of the run has this type: the pointer is set outside the sources, unknown. */
void through_function_pointer(void (*keep)(char *))
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	keep(arena_strdup(&a, "callback")); /* expect: arena-escape-unknown */
}

char *goto_cleanup(int fail)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p = arena_strdup(&a, "goto");
	char *result = NULL;
	if (fail)
		goto out;
	result = p;
out:
	return result; /* expect warning: arena-escape-return */
}

int safe_goto_cleanup(int fail)
{
	arena_t a = ARENA_INIT;
	int rc = -1;
	char *p = arena_strdup(&a, "goto");
	if (fail)
		goto out;
	rc = (int)strlen(p);
out:
	arena_release(&a);
	return rc;
}

char *while_search(const char *key)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *hit = NULL;
	while (!hit) {
		hit = arena_strdup(&a, key);
		break;
	}
	return hit; /* expect: arena-escape-return */
}

void recursion_keeps(char *s, int depth)
{
	if (depth > 0) {
		recursion_keeps(s, depth - 1);
		return;
	}
	lim_global = s;
}

void to_recursive_keeper(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	recursion_keeps(arena_strdup(&a, "rec"), 3); /* expect: arena-escape-call */
}

void do_while_store(char **out, int n)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	int i = 0;
	do {
		out[i] = arena_alloc(&a, 8); /* expect: arena-escape-param */
	} while (++i < n);
}
