/* Shape of code that keeps a tsearch tree of interned names (heap keys, inserted once) and probes
 * it with a temporary, normalised key built per query. SAFE: tfind compares the probe against the
 * tree's keys and returns a node of the tree; unlike tsearch it never inserts, so the probe, built
 * in known_count's arena, is kept nowhere. A tool that refuses it confuses tfind with tsearch. */
#define _GNU_SOURCE
#include <ctype.h>
#include <search.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *names_root;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(a, b);
}

static void intern(const char *s)
{
	char *k = strdup(s);
	if (*(char **)tsearch(k, &names_root, cmp_str) != k)
		free(k);
}

static int known_count(const char *const *queries, int n)
{
	int known = 0;
	for (int i = 0; i < n; i++) {
		char *probe = strdup(queries[i]);
		for (char *c = probe; *c; c++)
			*c = (char)tolower((unsigned char)*c);
		known += tfind(probe, &names_root, cmp_str) != NULL;
		free(probe);
	}
	return known;
}

int main(void)
{
	intern("eth0");
	intern("lo");
	intern("wlan0");
	const char *q[] = {"LO", "Eth0", "ppp0", "WLAN0"};
	printf("%d known\n", known_count(q, 4));
	tdestroy(names_root, free);
	return 0;
}
