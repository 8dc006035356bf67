/* Shape of nginx's and busybox's keyword tables: a sorted table built per request, probed with
 * bsearch, the code of each hit copied out. SAFE: bsearch's result points into the table, but it
 * is only read inside lookup_codes; only ints leave. A tool that refuses it does not know that
 * bsearch returns a pointer into its base and keeps nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct kw {
	char *name;
	int code;
};

static int cmp_kw(const void *a, const void *b)
{
	return strcmp(((const struct kw *)a)->name, ((const struct kw *)b)->name);
}

static int lookup_codes(const char *const *words, int n, int *codes)
{
	static const char *names[] = {"GET", "PUT", "HEAD", "POST", "DELETE"};
	struct kw *t = calloc(5, sizeof *t);
	for (int i = 0; i < 5; i++) {
		t[i].name = strdup(names[i]);
		t[i].code = 200 + i;
	}
	qsort(t, 5, sizeof *t, cmp_kw);
	int found = 0;
	for (int i = 0; i < n; i++) {
		struct kw probe = {(char *)words[i], 0};
		struct kw *hit = bsearch(&probe, t, 5, sizeof *t, cmp_kw);
		codes[i] = hit ? hit->code : -1;
		found += hit != NULL;
	}
	for (int i = 0; i < 5; i++)
		free(t[i].name);
	free(t);
	return found;
}

int main(void)
{
	const char *w[] = {"POST", "TRACE", "GET"};
	int codes[3];
	int f = lookup_codes(w, 3, codes);
	printf("%d found: %d %d %d\n", f, codes[0], codes[1], codes[2]);
	return 0;
}
