/* A hotspot scoped to the outer scope (word_new, document) called while the inner scope (section)
 * is pushed allocates from the inner arena: storing it through section's parameter outlives
 * it, so section is refused; document and its hotspot are still rewritten. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct doc { char *title; };
static char *word_new(const char *s) { char *w = malloc(strlen(s) + 1); strcpy(w, s); return w; }
static int *tmp_new(int n) { return malloc((size_t)n * sizeof(int)); }
static int section(struct doc *d, int k)
{
	int *t = tmp_new(k);
	for (int i = 0; i < k; i++) t[i] = i;
	int s = t[k - 1];
	free(t);
	if (!d->title) d->title = word_new("title");
	return s;
}
static size_t document(int k)
{
	struct doc d = { NULL };
	int s = 0;
	for (int i = 1; i <= k; i++) s += section(&d, i);
	size_t n = strlen(d.title) + (size_t)s;
	free(d.title);
	return n;
}
int main(void) { printf("%zu\n", document(5)); return 0; }
