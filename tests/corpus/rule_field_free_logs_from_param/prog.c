/* Idiom: cJSON_InitHooks(NULL) resets to libc: hooks set from a parameter that may be NULL,
 * falling back to malloc/free (cJSON.c); the user passes a logging free. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct hooks { void *(*allocate)(size_t); void (*deallocate)(void *); };
static struct hooks H = {malloc, free};
static void log_free(void *p) { printf("free %s\n", (char *)p); free(p); }
static void init_hooks(void *(*a)(size_t), void (*f)(void *))
{
	H.allocate = a ? a : malloc;
	H.deallocate = f ? f : free;
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
	init_hooks(NULL, log_free);
	work("a");
	work("b");
	return 0;
}
