#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A parser context's temporary buffer, reserved and released through macros. */
struct ctx {
	char *tmp;
	size_t tmplen;
	int words;
};

#define TMP_RESERVE(c, n)                                                                          \
	((c)->tmplen < (n) ? ((c)->tmplen = (n), (c)->tmp = realloc((c)->tmp, (c)->tmplen))       \
	                   : (c)->tmp)
#define TMP_RELEASE(c) (free((c)->tmp), (c)->tmp = NULL, (c)->tmplen = 0)

/* The hotspot: copies one word, upper-cased, into the context's buffer. */
static const char *word(struct ctx *c, const char *s, size_t n)
{
	char *b = TMP_RESERVE(c, n + 1);
	for (size_t i = 0; i < n; i++)
		b[i] = (char)(s[i] >= 'a' && s[i] <= 'z' ? s[i] - 32 : s[i]);
	b[n] = '\0';
	c->words++;
	return b;
}

static void line(const char *s)
{
	struct ctx c = {NULL, 0, 0};
	while (*s) {
		size_t n = strcspn(s, " ");
		if (n)
			printf("[%s]", word(&c, s, n));
		s += n;
		s += strspn(s, " ");
	}
	printf(" %d words\n", c.words);
	TMP_RELEASE(&c);
}

int main(void)
{
	for (int i = 0; i < 3; i++)
		line("the quick  brown fox jumps over the lazy dog");
	return 0;
}
