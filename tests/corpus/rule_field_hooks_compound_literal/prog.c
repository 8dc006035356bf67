/* Idiom: hooks replaced wholesale with a compound literal (H = (struct hooks){a, f}), as
 * in small libraries' *_set_allocator helpers; the user's hooks count. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct hooks { void *(*allocate)(size_t); void (*deallocate)(void *); };
static struct hooks H = {malloc, free};
static long nalloc, nfree;
static void *my_alloc(size_t n) { nalloc++; return malloc(n); }
static void my_free(void *p) { nfree++; free(p); }
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
	H = (struct hooks){my_alloc, my_free};
	work("a");
	work("b");
	printf("alloc %ld free %ld\n", nalloc, nfree);
	return 0;
}
