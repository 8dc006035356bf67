/* Shape of GNU m4's and gawk's case-folding searches (m4 src/builtin.c, gawk re.c): a pattern
 * buffer compiled with the GNU interface gets a translate table of the program's own before
 * re_compile_pattern, and regfree frees the buffer's members, the translate table among them
 * (gawk clears it first because its table is static; m4 lets regfree free it). UNSAFE once the
 * table is arena memory: regfree hands it to the heap allocator's free. */
#define _GNU_SOURCE
#include <ctype.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned char *fold_table(void)
{
	unsigned char *t = malloc(256);
	for (int i = 0; i < 256; i++)
		t[i] = (unsigned char)tolower(i);
	return t;
}

static int search_icase(const char *pat, const char *text)
{
	struct re_pattern_buffer buf;
	memset(&buf, 0, sizeof buf);
	buf.translate = fold_table();
	re_set_syntax(RE_SYNTAX_EMACS);
	if (re_compile_pattern(pat, strlen(pat), &buf)) {
		regfree(&buf);
		return -2;
	}
	int at = re_search(&buf, text, (int)strlen(text), 0, (int)strlen(text), NULL);
	regfree(&buf);
	return at;
}

int main(void)
{
	printf("%d\n", search_icase("WORLD", "hello world"));
	printf("%d\n", search_icase("x", "abc"));
	return 0;
}
