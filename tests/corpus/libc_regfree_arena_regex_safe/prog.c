/* Shape of sed's compile_rx and grep's pattern list (GNU sed sed/regexp.c, grep src/dfasearch.c):
 * the program allocates the regex_t itself, regcomp fills it with the library's own buffers,
 * regfree frees those buffers and the program then frees the struct. SAFE: the regex_t may be
 * arena memory; regfree frees only what regcomp allocated inside it, never the struct, and the
 * program stored no pointer of its own there. A tool that reads regfree as a free of its
 * argument's contents, whatever they are, is over-cautious. */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>

static regex_t *new_pat(void)
{
	return malloc(sizeof(regex_t));
}

static int match_all(const char *pat, const char **lines, int n)
{
	regex_t *re = new_pat();
	if (regcomp(re, pat, REG_NOSUB | REG_EXTENDED)) {
		free(re);
		return -1;
	}
	int c = 0;
	for (int i = 0; i < n; i++)
		if (regexec(re, lines[i], 0, NULL, 0) == 0)
			c++;
	regfree(re);
	free(re);
	return c;
}

int main(void)
{
	const char *l[] = {"abc", "xbz", "q"};
	printf("%d\n", match_all("b", l, 3));
	printf("%d\n", match_all("^q$", l, 3));
	printf("%d\n", match_all("(", l, 3));
	return 0;
}
