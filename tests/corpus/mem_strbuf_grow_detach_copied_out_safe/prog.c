/* git strbuf.c: strbuf_grow reallocs a buffer; render builds text in a local strbuf and
 * returns an xstrdup'd copy made with libc strdup (SAFE: the arena buffer never leaves). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct strbuf { size_t alloc, len; char *buf; };
static void strbuf_grow(struct strbuf *sb, size_t extra)
{
	if (sb->len + extra + 1 > sb->alloc) {
		size_t na = (sb->len + extra + 1) * 3 / 2;
		char *nb = malloc(na);
		if (sb->buf) memcpy(nb, sb->buf, sb->len + 1); else nb[0] = 0;
		free(sb->buf);
		sb->buf = nb;
		sb->alloc = na;
	}
}
static void strbuf_addstr(struct strbuf *sb, const char *s)
{
	size_t n = strlen(s);
	strbuf_grow(sb, n);
	memcpy(sb->buf + sb->len, s, n + 1);
	sb->len += n;
}
static char *render(const char *const *parts, int n)
{
	struct strbuf sb = { 0, 0, NULL };
	for (int i = 0; i < n; i++) { strbuf_addstr(&sb, parts[i]); strbuf_addstr(&sb, "/"); }
	char *out = strdup(sb.buf);
	free(sb.buf);
	return out;
}
int main(void)
{
	const char *p[] = { "usr", "share", "doc", "git" };
	char *s = render(p, 4);
	printf("%s\n", s);
	free(s);
	return 0;
}
