/* Idiom: a strdup wrapper that also records every copy in a registry for a leak/debug
 * report (mutt's debug safe_strdup, git's trace of allocations). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *seen[8];
static int nseen;

static char *xstrdup(const char *s)
{
	char *d = strdup(s);
	if (!d) abort();
	if (nseen < 8) seen[nseen++] = s;
	return d;
}

static char *dup_name(const char *s) { return xstrdup(s); }

static void load(const char **n, int k)
{
	for (int i = 0; i < k; i++) { char *d = dup_name(n[i]); printf("%s\n", d); free(d); }
}

int main(void)
{
	const char *n[] = {"alpha", "beta"};
	load(n, 2);
	printf("seen %d\n", nseen);
	return 0;
}
