/* Shape of libraries with their own sort taking a comparator (git's string_list_sort with a cmp
 * function, lua's auxsort with a Lua comparator, sqlite's sorter): an insertion sort over a
 * scratch array of copies, ordered through a comparator pointer chosen by the caller. SAFE: both
 * possible comparators only read; the sorted copies are printed and die with rank's arena. A tool
 * that refuses arena memory passed through a function pointer whose targets only read is
 * over-cautious. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int cmp_fn(const char *a, const char *b);

static int by_name(const char *a, const char *b)
{
	return strcmp(a, b);
}

static int by_length(const char *a, const char *b)
{
	size_t x = strlen(a), y = strlen(b);
	return x < y ? -1 : x > y ? 1 : strcmp(a, b);
}

static void sort_strings(char **v, int n, cmp_fn *cmp)
{
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && cmp(v[j - 1], v[j]) > 0; j--) {
			char *t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}

static void rank(const char *const *in, int n, cmp_fn *cmp)
{
	char **v = malloc((size_t)n * sizeof *v);
	for (int i = 0; i < n; i++)
		v[i] = strdup(in[i]);
	sort_strings(v, n, cmp);
	for (int i = 0; i < n; i++)
		printf("%s%c", v[i], i + 1 < n ? ' ' : '\n');
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int main(void)
{
	const char *w[] = {"pear", "fig", "banana", "kiwi"};
	rank(w, 4, by_name);
	rank(w, 4, by_length);
	return 0;
}
