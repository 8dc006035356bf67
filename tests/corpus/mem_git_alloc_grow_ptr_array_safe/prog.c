/* git cache.h ALLOC_GROW on a local array of xstrdup'd strings, string_list-like dedup,
 * everything freed in the scope (SAFE). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define alloc_nr(x) (((x) + 16) * 3 / 2)
#define ALLOC_GROW(x, nr, alloc) do { if ((nr) > alloc) { alloc = alloc_nr(alloc) < (nr) ? (nr) : alloc_nr(alloc); x = realloc((x), alloc * sizeof(*(x))); } } while (0)
static char *xstrdup(const char *s) { char *d = malloc(strlen(s) + 1); if (!d) abort(); return strcpy(d, s); }
static int count_unique(const char *text)
{
	char **items = NULL;
	size_t nr = 0, alloc = 0;
	char word[32];
	int off, k = 0;
	while (sscanf(text + k, "%31s%n", word, &off) == 1) {
		k += off;
		size_t i;
		for (i = 0; i < nr; i++) if (!strcmp(items[i], word)) break;
		if (i < nr) continue;
		ALLOC_GROW(items, nr + 1, alloc);
		items[nr++] = xstrdup(word);
	}
	int n = (int)nr;
	for (size_t i = 0; i < nr; i++) free(items[i]);
	free(items);
	return n;
}
int main(void)
{
	printf("%d\n", count_unique("a b a c d b e f g h i j k l m n o p q r s t u v a"));
	return 0;
}
