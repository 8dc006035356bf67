/* Shape of curl's memory callbacks (lib/easy.c: curl_free_callback Curl_cfree =
 * (curl_free_callback)free; curl_free(p) calls Curl_cfree(p); curl_easy_escape's result must be
 * released with curl_free): the library's escape function copies with malloc and is a hotspot
 * scoped to the application's build_url, which releases the copies with curl_free as documented.
 * UNSAFE unless the rewrite follows free's address through the cast in the variable's
 * initialiser (then the ownership-aware free leaves the scope's copies to the arena); a rewrite
 * that leaves it libc free hands arena memory to libc free. A wrong acceptance crashes in free. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void (*curl_free_callback)(void *ptr);
static curl_free_callback Curl_cfree = (curl_free_callback)free;

static void curl_free(void *p)
{
	Curl_cfree(p);
}

static char *curl_escape(const char *s)
{
	char *out = malloc(strlen(s) * 3 + 1);
	char *o = out;
	for (; *s; s++)
		if (isalnum((unsigned char)*s) || strchr("-._~", *s))
			*o++ = *s;
		else
			o += sprintf(o, "%%%02X", (unsigned char)*s);
	*o = '\0';
	return out;
}

static size_t build_url(const char *base, const char *q)
{
	char *e = curl_escape(q);
	printf("%s?q=%s\n", base, e);
	size_t n = strlen(e);
	curl_free(e);
	return n;
}

int main(void)
{
	size_t n = build_url("http://example.invalid/search", "a b&c");
	char *outside = curl_escape("x/y");
	printf("%zu %s\n", n, outside);
	curl_free(outside);
	return 0;
}
