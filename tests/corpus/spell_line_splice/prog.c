/* Shape of code that splits identifiers with backslash-newline (macro-heavy portability code
 * and generated sources wrap long lines anywhere, identifiers included): the allocation and the
 * free in count_lines are spelled mal\<newline>loc and fr\<newline>ee. The program is safe to
 * rewrite, but an edit must replace the whole spelled token, splice included; a rewrite that
 * replaces only part of it, or misses the call, breaks the build or hands arena memory to libc
 * free. Verdict: refuse, or a rewrite that builds and runs like the original (may_rewrite). */
/* clang-format off */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int count_lines(const char *text)
{
	char *copy = mal\
loc(strlen(text) + 1);
	strcpy(copy, text);
	int n = 0;
	for (char *t = strtok(copy, "\n"); t; t = strtok(NULL, "\n"))
		n++;
	fr\
ee(copy);
	return n;
}

int main(void)
{
	printf("%d lines\n", count_lines("a\nb\n\nc\n"));
	return 0;
}
