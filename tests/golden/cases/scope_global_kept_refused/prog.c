/* Like scope_global_cleared, but each way the global can outlive the scope is refused:
 * cleared on one path only (doc_some), copied by a callee while it holds scope memory
 * (doc_copy: keep() stores it in another global), read through a callback the library may
 * run (doc_cb: qsort). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *g_last;
static char *g_saved;

static void note(const char *s)
{
	free(g_last);
	g_last = strdup(s);
}

static void keep(void)
{
	g_saved = g_last;
}

static int cmp(const void *x, const void *y)
{
	if (g_last && !g_saved)
		g_saved = g_last;
	return *(const int *)x - *(const int *)y;
}

static size_t doc_some(int c)
{
	note("some");
	size_t n = strlen(g_last);
	if (c) {
		free(g_last);
		g_last = NULL;
	}
	return n;
}

static size_t doc_copy(void)
{
	note("copy");
	keep();
	size_t n = strlen(g_last);
	g_last = NULL;
	return n;
}

static size_t doc_cb(void)
{
	int v[3] = {3, 1, 2};
	note("cb");
	qsort(v, 3, sizeof(v[0]), cmp);
	size_t n = strlen(g_last) + (size_t)v[0];
	g_last = NULL;
	return n;
}

int main(void)
{
	size_t n = doc_some(1) + doc_some(0);
	free(g_last);
	g_last = NULL;
	n += doc_copy();
	printf("%zu %s\n", n, g_saved);
	free(g_saved);
	g_saved = NULL;
	n += doc_cb();
	printf("%zu %s\n", n, g_saved ? g_saved : "-");
	free(g_saved);
	return 0;
}
