/* Shape of jansson's custom allocators (test_memory_funcs.c: secure_malloc stores the block's
 * size in 8 bytes before the pointer it returns, secure_free reads it back, wipes the block and
 * frees it) with json_dumps, whose result "must be freed with the free function installed". The
 * library's wrappers are named by a rules file (jsonp_malloc kind malloc, jsonp_free kind free)
 * and json_dumps_pair is a hotspot scoped to the application's handle_doc. UNSAFE: inside the
 * scope the dumped string is arena memory, and the application frees it, as documented, with
 * secure_free, which reads a size from 8 bytes before it and frees from there: no rule covers
 * that call and it has no arena counterpart. A wrong acceptance reads the arena's redzone (ASan)
 * or wipes a garbage length of memory. */
#include "json.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *secure_malloc(size_t size)
{
	char *ptr = malloc(size + 8);
	if (!ptr)
		return NULL;
	memcpy(ptr, &size, sizeof size);
	return ptr + 8;
}

static void secure_free(void *p)
{
	char *ptr = (char *)p - 8;
	size_t size;
	memcpy(&size, ptr, sizeof size);
	memset(ptr, 0, size + 8);
	free(ptr);
}

static size_t handle_doc(const char *key, long value)
{
	char *s = json_dumps_pair(key, value);
	if (!s)
		return 0;
	printf("%s\n", s);
	size_t n = strlen(s);
	secure_free(s);
	return n;
}

int main(void)
{
	json_set_alloc_funcs(secure_malloc, secure_free);
	size_t n = handle_doc("answer", 42) + handle_doc("port", 8080);
	printf("%zu bytes dumped\n", n);
	return 0;
}
