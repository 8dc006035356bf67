/* Idiom: debug allocator chosen by an environment variable (glib G_SLICE / libxml2
 * xmlMemSetup(xmlMemFree, xmlMemMalloc,...) when XML_MEM_DEBUG is set): H.allocate =
 * getenv(...) ? dbg_alloc : malloc, both named functions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct hooks { void *(*allocate)(size_t); void (*deallocate)(void *); };
static struct hooks H = {malloc, free};
static long nalloc, nfree;
static void *dbg_alloc(size_t n) { nalloc++; return malloc(n); }
static void dbg_free(void *p) { nfree++; free(p); }
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
	int dbg = getenv("HOME") != NULL;
	H.allocate = dbg ? dbg_alloc : malloc;
	H.deallocate = dbg ? dbg_free : free;
	work("a");
	work("b");
	printf("alloc %ld free %ld\n", nalloc, nfree);
	return 0;
}
