/* Idiom: an error-message setter that formats into a global buffer (libcsv's csv_error, jq's
 * jv_invalid_with_msg text, sqlite3's zErrMsg before it is duplicated), called with the request's
 * own strings through %s: what is kept is their characters, not a pointer to them. A debug logger
 * prints to stderr with %p an object the request frees before it returns, as the original did. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tok {
	int line;
	char text[24];
};

static char errbuf[96];

static void set_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(errbuf, sizeof errbuf, fmt, ap);
	va_end(ap);
}

static void trace(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (getenv("TRACE_TOKENS"))
		vfprintf(stderr, fmt, ap);
	va_end(ap);
}

static struct tok *tok_new(int line, const char *s)
{
	struct tok *t = malloc(sizeof *t);
	t->line = line;
	snprintf(t->text, sizeof t->text, "%s", s);
	return t;
}

static int check_line(int line, const char *src)
{
	struct tok *a = tok_new(line, src);
	struct tok *b = tok_new(line, "expected");
	trace("tok %p\n", (void *)a);
	int bad = strcmp(a->text, b->text) != 0;
	if (bad)
		set_error("line %d: got '%s', %s", a->line, a->text, b->text);
	free(b);
	free(a);
	return bad;
}

int main(void)
{
	const char *lines[] = {"expected", "unexpected", "expected"};
	int bad = 0;
	for (int i = 0; i < 3; i++)
		bad += check_line(i + 1, lines[i]);
	printf("%d bad; last error: %s\n", bad, errbuf);
	return 0;
}
