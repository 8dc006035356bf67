/* Spellings of calls and braces: a parenthesised callee `(free)(s)` is a direct call and is
 * rewritten in place; a body written with the digraphs <% %> gets its arena after the opening
 * digraph and (explicit style) its release before the closing one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void release(char *s)
{
	(free)(s);
}

static int work(const char *t)
<%
	char *a = malloc(strlen(t) + 1);
	strcpy(a, t);
	char *b = malloc(strlen(t) + 1);
	strcpy(b, t);
	int n = (int)(strlen(a) + strlen(b));
	release(a);
	release(b);
	return n;
%>

int main(void)
{
	printf("%d\n", work("hello"));
	return 0;
}
