/* A small library in the shape of jansson (memory.c, dump.c): every allocation goes through
 * jsonp_malloc/jsonp_free, which call the functions installed with json_set_alloc_funcs. */
#ifndef JSON_H
#define JSON_H
#include <stddef.h>

typedef void *(*json_malloc_t)(size_t);
typedef void (*json_free_t)(void *);

void json_set_alloc_funcs(json_malloc_t malloc_fn, json_free_t free_fn);
void *jsonp_malloc(size_t size);
void jsonp_free(void *ptr);
/* The result must be freed with the free function installed with json_set_alloc_funcs. */
char *json_dumps_pair(const char *key, long value);
#endif
