/* Idiom: expat's XML_Memory_Handling_Suite filled positionally through a typedef'd struct,
 * with wrappers that only forward to libc: the hooks fit the rules' kinds, so the rewrite
 * goes ahead. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	void *(*malloc_fcn)(size_t);
	void *(*realloc_fcn)(void *, size_t);
	void (*free_fcn)(void *);
} mem_suite;

static void *fwd_malloc(size_t n) { return malloc(n); }
static void *fwd_realloc(void *p, size_t n) { return realloc(p, n); }
static void fwd_free(void *p) { free(p); }

static const mem_suite M = {fwd_malloc, fwd_realloc, fwd_free};

static char *copy_name(const char *s)
{
	char *p = M.malloc_fcn(strlen(s) + 1);
	strcpy(p, s);
	return p;
}

static void parse(const char *s)
{
	char *p = copy_name(s);
	printf("%s\n", p);
	M.free_fcn(p);
}

int main(void)
{
	parse("doc");
	parse("elem");
	return 0;
}
