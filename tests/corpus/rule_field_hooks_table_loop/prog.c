/* Idiom: allocator selected by name from a table (tmux/-X options, jemalloc "opt.*"
 * strings): for each entry, if the name matches, H.allocate = tab[i].fn. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct hooks { void *(*allocate)(size_t); void (*deallocate)(void *); };
static struct hooks H = {malloc, free};
static long nalloc, nfree;
static void *cnt_alloc(size_t n) { nalloc++; return malloc(n); }
static void cnt_free(void *p) { nfree++; free(p); }
static const struct { const char *name; void *(*a)(size_t); void (*f)(void *); } tab[] = {
	{"libc", malloc, free}, {"count", cnt_alloc, cnt_free} };
static void select_alloc(const char *name)
{
	for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
		if (!strcmp(name, tab[i].name)) { H.allocate = tab[i].a; H.deallocate = tab[i].f; }
}
static char *dup_str(const char *s)
{
	char *p = H.allocate(strlen(s) + 1);
	strcpy(p, s);
	return p;
}
static void work(const char *s)
{
	char *p = dup_str(s);
	printf("%s\n", p);
	H.deallocate(p);
}
int main(void)
{
	select_alloc("count");
	work("a");
	work("b");
	printf("alloc %ld free %ld\n", nalloc, nfree);
	return 0;
}
