/* A growable buffer (git's strbuf, redis's sds, nginx's ngx_buf chains): the request allocates the
 * buffer with a constructor, and the append function grows it with realloc. A profile names both
 * the append (many reallocs) and the constructor (scoped to the request) as hotspots. The append
 * is refused (it stores through its parameter), the constructor's scope is accepted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct buf { char *s; size_t len, cap; };

static char *mkbuf(size_t n)
{
	return malloc(n);
}

static void buf_put(struct buf *b, const char *s)
{
	size_t n = strlen(s);
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n + 1);
	b->len += n;
}

static void request(const char *name)
{
	struct buf b = {mkbuf(4), 0, 4};
	b.s[0] = '\0';
	buf_put(&b, "<h1>");
	buf_put(&b, name);
	buf_put(&b, "</h1>");
	printf("%s\n", b.s);
	free(b.s);
}

int main(void)
{
	request("title");
	request("other");
	return 0;
}
