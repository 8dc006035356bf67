/* Idiom: typedef'd allocator struct (libyaml/yajl's yajl_alloc_funcs typedef) with a
 * positional initializer of counting functions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
typedef struct { void *(*allocate)(size_t); void (*deallocate)(void *); } hooks_t;
static long nalloc, nfree;
static void *my_alloc(size_t n) { nalloc++; return malloc(n); }
static void my_free(void *p) { nfree++; free(p); }
static hooks_t H = {my_alloc, my_free};
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
	work("a");
	work("b");
	printf("alloc %ld free %ld\n", nalloc, nfree);
	return 0;
}
