/* Scope memory reaches a global after a trip through an element of a malloc'd array: doc
 * stores the words in words[], then keeps words[0] in a global that main reads after doc
 * returns. Refused [arena-escape-global], as the direct `g_word = dup(...)` is. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *g_word;

static char *dup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);
	if (d)
		memcpy(d, s, n);
	return d;
}

static size_t doc(void)
{
	char **words = malloc(2 * sizeof(*words));
	if (!words)
		return 0;
	words[0] = dup("first");
	words[1] = dup("second");
	size_t n = strlen(words[0]) + strlen(words[1]);
	g_word = words[0];
	free(words[1]);
	free(words);
	return n;
}

int main(void)
{
	size_t n = doc();
	printf("%zu %s\n", n, g_word);
	free(g_word);
	return 0;
}
