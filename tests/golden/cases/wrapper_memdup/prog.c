/* Wrappers that copy exactly n bytes, NUL bytes included, and end the copy with a NUL: jansson's
 * jsonp_strndup (`char *` of `const char *`) and git's xmemdupz (`void *` of `const void *`),
 * listed with kind memdup. Kind strndup would stop at the first NUL of "ab\0cd" and lose "cd"
 * (the check refuses that rule: tests/errors). The program installs its own allocator (a header
 * in front of each block), so the wrappers stay the fallback outside the scope. The installed
 * pair counts nothing: a count would change where the arena takes the calls over (the rule
 * check follows jsonp_malloc's call through do_malloc to hdr_malloc). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void *(*malloc_t)(size_t);
typedef void (*free_t)(void *);
static malloc_t do_malloc = malloc;
static free_t do_free = free;

void set_alloc_funcs(malloc_t m, free_t f) { do_malloc = m; do_free = f; }
void *jsonp_malloc(size_t n) { return do_malloc(n); }
void jsonp_free(void *p) { if (p) do_free(p); }

char *jsonp_strndup(const char *str, size_t len)
{
	char *new_str = jsonp_malloc(len + 1);
	if (!new_str)
		return NULL;
	memcpy(new_str, str, len);
	new_str[len] = '\0';
	return new_str;
}

void *xmemdupz(const void *data, size_t len)
{
	char *p = jsonp_malloc(len + 1);
	if (!p)
		abort();
	memcpy(p, data, len);
	p[len] = '\0';
	return p;
}

static void *hdr_malloc(size_t n)
{
	char *p = malloc(n + 16);
	if (!p)
		return NULL;
	return p + 16;
}
static void hdr_free(void *p)
{
	free((char *)p - 16);
}

struct blob { char *key; unsigned char *bytes; size_t len; };

/* a checksum over every byte of the copies and their terminators */
static unsigned sum(const struct blob *b)
{
	unsigned s = 0;
	for (size_t i = 0; i <= b->len; i++)
		s = s * 31 + (unsigned char)b->key[i] + b->bytes[i];
	return s;
}

static void blob_init(struct blob *b, const char *data, size_t len)
{
	b->key = jsonp_strndup(data, len);
	b->bytes = xmemdupz(data, len);
	b->len = len;
}

static void blob_fini(struct blob *b)
{
	jsonp_free(b->key);
	jsonp_free(b->bytes);
}

/* a scope: its calls of blob_init take their copies from its arena */
static unsigned handle(const char *data, size_t len)
{
	struct blob b[3];
	for (int i = 0; i < 3; i++)
		blob_init(&b[i], data, len - (size_t)i);
	unsigned s = sum(&b[0]) ^ sum(&b[1]) ^ sum(&b[2]);
	for (int i = 0; i < 3; i++)
		blob_fini(&b[i]);
	return s;
}

/* a hotspot with its own arena: its copy is the arena's, and the installed allocator's in
 * the rollback build (malloc mode), which jsonp_free gives back to it */
static size_t tail_len(const char *data, size_t len)
{
	char *c = jsonp_strndup(data, len);
	size_t n = strlen(c + 3);
	jsonp_free(c);
	return n;
}

int main(void)
{
	static const char data[] = "ab\0cd\0\0efg";
	size_t len = sizeof(data) - 1;
	unsigned s = handle(data, len);
	printf("%u %zu\n", s, tail_len(data, len));
	set_alloc_funcs(hdr_malloc, hdr_free);
	s ^= handle(data, len) ^ (unsigned)tail_len(data, len);
	struct blob b;
	blob_init(&b, data, len); /* outside the scope: the installed allocator's blocks */
	printf("%u %u\n", s, sum(&b));
	blob_fini(&b);
	return 0;
}
