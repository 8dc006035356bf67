/* Idiom: jansson's jsonp_malloc(size) { return (*do_malloc)(size); } over a hook pointer the
 * user installs with json_set_alloc_funcs; name rules on the wrappers; the hook counts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static void *(*do_malloc)(size_t) = malloc;
static void (*do_free)(void *) = free;
static long nalloc;
static void *my_alloc(size_t n) { nalloc++; return malloc(n); }
static void *lib_malloc(size_t n) { return (*do_malloc)(n); }
static void lib_free(void *p) { (*do_free)(p); }
static void set_alloc_funcs(void *(*a)(size_t), void (*f)(void *)) { do_malloc = a; do_free = f; }
static char *dup_str(const char *s)
{
	char *p = lib_malloc(strlen(s) + 1);
	strcpy(p, s);
	return p;
}
static void work(const char *s)
{
	char *p = dup_str(s);
	printf("%s\n", p);
	lib_free(p);
}
int main(void)
{
	set_alloc_funcs(my_alloc, free);
	work("a");
	work("b");
	printf("alloc %ld\n", nalloc);
	return 0;
}
