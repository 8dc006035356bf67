#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *xmalloc(size_t n)
{
	void *p = malloc(n);
	if (!p)
		abort();
	return p;
}

static void xfree(void *p)
{
	free(p);
}

/* The project's own allocator wrappers, named in a --rules file. */
static int words(const char *text)
{
	char *copy = xmalloc(strlen(text) + 1);
	strcpy(copy, text);
	int n = 0;
	for (char *tok = strtok(copy, " "); tok; tok = strtok(NULL, " "))
		n++;
	xfree(copy);
	return n;
}

int main(void)
{
	char *banner = xmalloc(8);
	strcpy(banner, "words:");
	printf("%s %d\n", banner, words("the quick brown fox"));
	xfree(banner);
	return 0;
}
