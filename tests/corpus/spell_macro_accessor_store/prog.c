/* Idiom: a setter macro over an accessor (bash's `set_lastcmd(x)` style, libarchive's
 * archive_set_error into a per-handle slot): SET_LAST(x) expands to *loc() = (x). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char **loc(void) { static char *m; return &m; }
#define SET_LAST(x) (*loc() = (x))
#define GET_LAST() (*loc())

static char *dup_msg(const char *s)
{
	char *p = malloc(strlen(s) + 1);
	strcpy(p, s);
	return p;
}

static void fail_with(const char *what)
{
	SET_LAST(dup_msg(what));
	printf("failing: %s\n", GET_LAST());
}

int main(void)
{
	fail_with("disk full");
	printf("last: %s\n", GET_LAST());
	return 0;
}
