/* The library half of lfree_dumps_installed_free (see prog.c). */
#include "json.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_malloc_t do_malloc = malloc;
static json_free_t do_free = free;

void json_set_alloc_funcs(json_malloc_t malloc_fn, json_free_t free_fn)
{
	do_malloc = malloc_fn;
	do_free = free_fn;
}

void *jsonp_malloc(size_t size)
{
	/* jansson returns NULL for a size of 0 first; kind malloc would not (rule_malloc_zero_null) */
	return (*do_malloc)(size);
}

void jsonp_free(void *ptr)
{
	if (!ptr)
		return;
	(*do_free)(ptr);
}

char *json_dumps_pair(const char *key, long value)
{
	size_t n = strlen(key) + 32;
	char *s = jsonp_malloc(n);
	if (s)
		snprintf(s, n, "{\"%s\": %ld}", key, value);
	return s;
}
