/* Idiom: an unparenthesised comma expression in a return (`return errno = EINVAL, -1;`
 * as in BSD libc/musl style code, or `return n = count(..), report(n), n;`). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int report(int n) { printf("report %d\n", n); return n; }

static char *new_buf(size_t n) { return malloc(n); }

static int tally(const char *s)
{
	char *b = new_buf(strlen(s) + 1);
	int n;
	strcpy(b, s);
	n = (int)strlen(b);
	free(b);
	return n = n * 2, report(n), n;
}

int main(void)
{
	printf("%d\n", tally("abc"));
	return 0;
}
