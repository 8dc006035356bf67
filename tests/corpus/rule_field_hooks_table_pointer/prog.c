/* Idiom: a table of allocator profiles chosen at startup by pointer (H = &profiles[debug]),
 * as in libxml2's xmlMemSetup choices or a --debug-malloc switch; the table is filled by a
 * nested positional initializer and profile 1 counts. Nothing is stored in a hook field: the
 * counting hook is installed by name in the table's initializer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct hooks { void *(*allocate)(size_t); void (*deallocate)(void *); };
static long nalloc, nfree;
static void *my_alloc(size_t n) { nalloc++; return malloc(n); }
static void my_free(void *p) { nfree++; free(p); }
static const struct hooks profiles[2] = {{malloc, free}, {my_alloc, my_free}};
static const struct hooks *H;
static char *dup_str(const char *s)
{
	char *p = H->allocate(strlen(s) + 1);
	strcpy(p, s);
	return p;
}
static void work(const char *s)
{
	char *p = dup_str(s);
	printf("%s\n", p);
	H->deallocate(p);
}
int main(int argc, char **argv)
{
	(void)argv;
	H = &profiles[argc > 0];
	work("a");
	work("b");
	printf("alloc %ld free %ld\n", nalloc, nfree);
	return 0;
}
