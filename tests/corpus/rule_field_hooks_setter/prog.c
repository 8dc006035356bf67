/* Idiom: jansson json_set_alloc_funcs(malloc_fn, free_fn): a setter stores its parameters
 * in the library's static hooks (jansson memory.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
typedef void *(*alloc_fn)(size_t);
typedef void (*free_fn)(void *);
struct hooks { alloc_fn allocate; free_fn deallocate; };
static struct hooks H = {malloc, free};
static long nalloc, nfree;
static void *my_alloc(size_t n) { nalloc++; return malloc(n); }
static void my_free(void *p) { nfree++; free(p); }
static void set_alloc_funcs(alloc_fn a, free_fn f)
{
	H.allocate = a;
	H.deallocate = f;
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
	set_alloc_funcs(my_alloc, my_free);
	work("a");
	work("b");
	printf("alloc %ld free %ld\n", nalloc, nfree);
	return 0;
}
