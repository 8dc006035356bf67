/* Idiom: cJSON_InitHooks(cJSON_Hooks *hooks) (cJSON.c): the library copies the user's
 * malloc_fn/free_fn into its global hooks from a parameter, libc's when NULL. The user's hooks
 * only forward to malloc and free (an application that routes the library through its own
 * allocator entry points). SAFE: every function the hooks may hold allocates or frees and
 * does nothing else, so the arena taking over the calls in a scope changes no output. A tool
 * that refuses every hook set from a parameter is over-cautious. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct user_hooks { void *(*malloc_fn)(size_t); void (*free_fn)(void *); };
struct hooks { void *(*allocate)(size_t); void (*deallocate)(void *); };
static struct hooks H = {malloc, free};
static void *app_alloc(size_t n) { return malloc(n); }
static void app_free(void *p) { free(p); }
static void init_hooks(struct user_hooks *u)
{
	H.allocate = u && u->malloc_fn ? u->malloc_fn : malloc;
	H.deallocate = u && u->free_fn ? u->free_fn : free;
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
	struct user_hooks u = {app_alloc, app_free};
	init_hooks(&u);
	work("a");
	work("b");
	init_hooks(NULL);
	work("c");
	return 0;
}
