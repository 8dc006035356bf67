#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Two scopes, the inner one refused (it returns memory of its own arena): the outer one is
 * still rewritten, and the inner one's free() must become ownership-aware anyway, because the
 * outer scope's memory reaches it. */
static char *word_new(const char *s)
{
	return strdup(s);
}

static char *inner(const char *s)
{
	char *tmp = word_new(s);
	char *w = word_new(tmp);
	free(tmp);
	return w;
}

static size_t outer(const char *s)
{
	char *w = inner(s);
	size_t n = strlen(w);
	free(w);
	return n;
}

int main(void)
{
	printf("%zu %zu\n", outer("hello"), outer("arena"));
	return 0;
}
