/* Idiom: expat's XML_Memory_Handling_Suite / zlib's z_stream filled with designated
 * initializers, fields out of declaration order, the allocator counting what it hands out
 * (a leak check the program prints). The counts would change in arena mode. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	void *(*malloc_fcn)(size_t);
	void *(*realloc_fcn)(void *, size_t);
	void (*free_fcn)(void *);
} mem_suite;

static long live;
static void *count_malloc(size_t n) { live++; return malloc(n); }
static void *count_realloc(void *p, size_t n) { if (!p) live++; return realloc(p, n); }
static void count_free(void *p) { if (p) live--; free(p); }

static const mem_suite M = {.free_fcn = count_free, .malloc_fcn = count_malloc,
                            .realloc_fcn = count_realloc};

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
	printf("live %ld\n", live);
	return 0;
}
