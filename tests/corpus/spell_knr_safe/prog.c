/* Shape of K&R C that still compiles as gnu11 (old-style definitions in zlib before 1.2.12,
 * bc, ed and other long-lived utilities; register locals, return(x) with parentheses, a label
 * at the end of the body): squeeze's parameters are declared between the ) and the body. SAFE:
 * the scratch copy dies with squeeze's arena, and the rewrite only has to place the declaration
 * after the body's brace and, in the explicit style, the release before return(n) and the
 * label's statement. A tool that refuses or mangles old-style definitions fails on real
 * legacy code. */
/* clang-format off */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int squeeze(s, c, out)
	const char *s;
	int c;
	char *out;
{
	register char *tmp;
	register int i, j;
	tmp = (char *)malloc(strlen(s) + 1);
	if (tmp == NULL)
		return(-1);
	for (i = j = 0; s[i] != '\0'; i++)
		if (s[i] != c)
			tmp[j++] = s[i];
	tmp[j] = '\0';
	strcpy(out, tmp);
	free(tmp);
	if (j == 0)
		goto done;
	return(j);
done:
	return(0);
}

int main()
{
	char out[32];
	int n = squeeze("mississippi", 's', out);
	printf("%d %s\n", n, out);
	n = squeeze("sss", 's', out);
	printf("%d [%s]\n", n, out);
	return 0;
}
