/* Shape of jansson's string wrappers (memory.c: jsonp_strdup and jsonp_free call the allocator
 * installed with json_set_alloc_funcs; test_memory_funcs installs secure_malloc/secure_free, which
 * keep the size in 8 bytes before the block) under a rules file that names jsonp_strdup with kind
 * strdup. set_key is a hotspot scoped to handle_doc, and is also called outside every scope.
 * UNSAFE: a strdup-kind call becomes arena_cur_strdup, whose fallback outside a scope is libc's
 * strdup, not the wrapper; that copy has no size prefix and is later released with jsonp_free,
 * which hands it to secure_free. A wrong acceptance reads before a libc block and frees an
 * interior pointer (ASan: heap-buffer-overflow, then a bad free). A strdup kind that keeps the
 * wrapper as its fallback (as the malloc kind does) would be right. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void *(*json_malloc_t)(size_t);
typedef void (*json_free_t)(void *);

static json_malloc_t do_malloc = malloc;
static json_free_t do_free = free;

static void *jsonp_malloc(size_t n)
{
	return (*do_malloc)(n);
}

static void jsonp_free(void *p)
{
	if (p)
		(*do_free)(p);
}

static char *jsonp_strdup(const char *s)
{
	size_t len = strlen(s);
	char *d = jsonp_malloc(len + 1);
	if (d)
		memcpy(d, s, len + 1);
	return d;
}

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

struct object {
	char *key;
	long value;
};

static void set_key(struct object *o, const char *key)
{
	jsonp_free(o->key);
	o->key = jsonp_strdup(key);
}

static long handle_doc(const char *key, long v)
{
	struct object o = {NULL, v};
	set_key(&o, key);
	printf("doc %s=%ld\n", o.key, o.value);
	jsonp_free(o.key);
	return v;
}

int main(void)
{
	do_malloc = secure_malloc;
	do_free = secure_free;
	long t = handle_doc("a", 1) + handle_doc("b", 2);
	struct object o = {NULL, 3};
	set_key(&o, "outside");
	printf("%s %ld\n", o.key, t + o.value);
	jsonp_free(o.key);
	return 0;
}
