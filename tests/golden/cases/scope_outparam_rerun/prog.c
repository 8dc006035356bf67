/* A hotspot with two scopes hands its memory back through an out-parameter. Scope `doc` keeps
 * the word in a global that main reads after doc returns: refused. Scope `outer` frees it
 * before it returns: rewritten. The second run reads `make` after the rewrite, where its
 * calloc is arena_cur_calloc (a macro for an inline fast path of the runtime): that is scope
 * memory too, so `doc` is refused again and the run changes nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *g_word;

static int make(const char *s, char **out)
{
	size_t n = strlen(s) + 1;
	char *d = calloc(n, 1);
	if (!d)
		return -1;
	memcpy(d, s, n);
	*out = d;
	return 0;
}

static size_t doc(const char *s)
{
	char *w;
	if (make(s, &w) != 0)
		return 0;
	size_t n = strlen(w);
	if (!g_word)
		g_word = w;
	else
		free(w);
	return n;
}

static size_t outer(void)
{
	size_t n = doc("word") + doc("other");
	n += strlen(g_word);
	free(g_word);
	g_word = NULL;
	return n;
}

int main(void)
{
	size_t n = outer();
	n += doc("late");
	printf("%zu %s\n", n, g_word);
	free(g_word);
	return 0;
}
