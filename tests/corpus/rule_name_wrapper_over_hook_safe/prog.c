/* Idiom: jansson's jsonp_malloc(size) { return (*do_malloc)(size); } and jsonp_free over the
 * hook pointers json_set_alloc_funcs installs (memory.c); name rules on the two wrappers. The
 * application installs hooks that only forward to malloc and free. SAFE: whatever the
 * pointers may call allocates or frees and nothing else, so the wrappers are the kinds their
 * rules say. A tool that refuses every wrapper calling through a pointer is over-cautious. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
typedef void *(*json_malloc_t)(size_t);
typedef void (*json_free_t)(void *);
static json_malloc_t do_malloc = malloc;
static json_free_t do_free = free;
static void *app_malloc(size_t n) { return malloc(n); }
static void app_free(void *p) { free(p); }
static void *lib_malloc(size_t n) { return (*do_malloc)(n); }
static void lib_free(void *p) { (*do_free)(p); }
static void set_alloc_funcs(json_malloc_t a, json_free_t f)
{
	do_malloc = a;
	do_free = f;
}
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
	set_alloc_funcs(app_malloc, app_free);
	work("a");
	work("b");
	return 0;
}
