/* Shape of code written with digraphs (<% %> for braces, <: :> for brackets, from keyboards and
 * code generators without them; they still appear in old portability code and obfuscated-style
 * utilities): reverse_words' body opens with <% and indexes with <: :>. The program is safe to
 * rewrite, but the arena's declaration must go after the body's opening token, whatever its
 * spelling: today it is inserted inside the <% token and the output does not build. Verdict:
 * refuse, or a rewrite that builds and runs like the original (may_rewrite). */
/* clang-format off */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t reverse_words(const char *s)
<%
	size_t n = strlen(s);
	char *r = malloc(n + 1);
	for (size_t i = 0; i < n; i++)
		r<:i:> = s<:n - 1 - i:>;
	r<:n:> = '\0';
	printf("%s\n", r);
	free(r);
	return n;
%>

int main(void)
<%
	size_t t = reverse_words("arena") + reverse_words("digraph");
	printf("%zu\n", t);
	return 0;
%>
