/* Idiom: cJSON_InitHooks(cJSON_Hooks *hooks) (cJSON.c): the library copies the user's
 * malloc_fn/free_fn into global_hooks from a parameter; the user's hooks count calls. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct user_hooks { void *(*malloc_fn)(size_t); void (*free_fn)(void *); };
struct hooks { void *(*allocate)(size_t); void (*deallocate)(void *); };
static struct hooks H = {malloc, free};
static long nalloc, nfree;
static void *my_alloc(size_t n) { nalloc++; return malloc(n); }
static void my_free(void *p) { nfree++; free(p); }
static void init_hooks(struct user_hooks *u)
{
	H.allocate = u->malloc_fn ? u->malloc_fn : malloc;
	H.deallocate = u->free_fn ? u->free_fn : free;
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
	struct user_hooks u = {my_alloc, my_free};
	init_hooks(&u);
	work("a");
	work("b");
	printf("alloc %ld free %ld\n", nalloc, nfree);
	return 0;
}
