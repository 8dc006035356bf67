/* Shape of git's strbuf used across nested passes (strbuf_grow allocating on first use, then
 * reallocating; a report strbuf set up by the outer pass and appended to by each line's pass):
 * the outer scope creates the buffer with its first growth before any inner scope runs, and the
 * inner scope only grows it. SAFE: the buffer is never NULL inside the inner scope, and growing
 * memory of a live arena resizes it in the arena that owns it (the outer one), so the buffer
 * stays the outer scope's memory. A tool that refuses the inner scope because the buffer flows
 * through its parameter, without seeing that nothing is allocated there, is over-cautious. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct strbuf {
	char *buf;
	size_t len, alloc;
};

static void sb_grow(struct strbuf *sb, size_t extra)
{
	if (sb->len + extra + 1 <= sb->alloc)
		return;
	size_t a = sb->alloc ? sb->alloc : 8;
	while (a < sb->len + extra + 1)
		a *= 2;
	sb->buf = realloc(sb->buf, a);
	sb->alloc = a;
}

static void sb_add(struct strbuf *sb, const char *s)
{
	size_t n = strlen(s);
	sb_grow(sb, n);
	memcpy(sb->buf + sb->len, s, n + 1);
	sb->len += n;
}

static void emit_line(struct strbuf *sb, const char *name, int value)
{
	char tmp[48];
	snprintf(tmp, sizeof tmp, "%s=%d;", name, value);
	sb_add(sb, tmp);
}

static size_t emit_report(const char *const *names, int n)
{
	struct strbuf sb = {NULL, 0, 0};
	sb_grow(&sb, 8);
	sb.buf[0] = '\0';
	for (int i = 0; i < n; i++)
		emit_line(&sb, names[i], i * i);
	printf("%s\n", sb.buf);
	size_t len = sb.len;
	free(sb.buf);
	return len;
}

int main(void)
{
	const char *names[] = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta"};
	printf("%zu\n", emit_report(names, 7));
	return 0;
}
