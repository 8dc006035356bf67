/* Idiom: cJSON_Hooks / jansson json_set_alloc_funcs with a user allocator that counts;
 * the rules name only the allocate field (the user forgot, or thought free needs none). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct hooks { void *(*allocate)(size_t); void (*deallocate)(void *); };
static long nalloc, nfree;
static void *my_alloc(size_t n) { nalloc++; return malloc(n); }
static void my_free(void *p) { nfree++; free(p); }
static struct hooks H = {my_alloc, my_free};

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
