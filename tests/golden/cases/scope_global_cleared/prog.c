/* A global holds memory of the scope only while the scope runs: note() frees the previous
 * string and keeps a copy in g_last; glob_doc reads it, then frees and clears it before it
 * returns, so no arena memory outlives the scope: rewritten. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *g_last;

static void note(const char *s)
{
	free(g_last);
	g_last = strdup(s);
}

static unsigned long glob_doc(int n)
{
	unsigned long h = 0;
	for (int i = 0; i < n; i++) {
		char tmp[32];
		snprintf(tmp, sizeof(tmp), "g%d", i);
		note(tmp);
		if (g_last)
			h = h * 31 + strlen(g_last);
	}
	free(g_last);
	g_last = NULL;
	return h;
}

int main(void)
{
	printf("%lu\n", glob_doc(12));
	return 0;
}
