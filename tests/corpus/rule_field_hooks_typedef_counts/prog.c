/* Idiom: a memory suite typedef'd from a named struct and filled positionally, with an
 * allocator counting what it hands out (a leak check the program prints): the counts would
 * change in arena mode. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct mem_suite_s {
	void *(*malloc_fcn)(size_t);
	void *(*realloc_fcn)(void *, size_t);
	void (*free_fcn)(void *);
};
typedef struct mem_suite_s mem_suite;

static long live;
static void *count_malloc(size_t n) { live++; return malloc(n); }
static void *count_realloc(void *p, size_t n) { if (!p) live++; return realloc(p, n); }
static void count_free(void *p) { if (p) live--; free(p); }

static const mem_suite M = {count_malloc, count_realloc, count_free};

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
