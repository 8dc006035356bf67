/* An XML parser's character accumulator: the buffer grows through a pointer to it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int grow(char **buffer, size_t *cap, size_t need)
{
	if (need <= *cap)
		return 0;
	size_t n = *cap ? *cap * 2 : 8;
	while (n < need)
		n *= 2;
	char *nb = realloc(*buffer, n);
	if (!nb)
		return -1;
	*buffer = nb;
	*cap = n;
	return 0;
}

static unsigned long digest_text(const char *text)
{
	char *buf = malloc(4);
	size_t cap = 4, len = 0;
	unsigned long h = 5381;
	if (!buf)
		return 0;
	for (const char *p = text; *p; p++) {
		if (*p == '<' || *p == '>') {
			for (size_t i = 0; i < len; i++)
				h = h * 33 + (unsigned char)buf[i];
			len = 0;
			continue;
		}
		if (grow(&buf, &cap, len + 2) < 0)
			break;
		buf[len++] = *p;
		buf[len] = 0;
	}
	free(buf);
	return h;
}

int main(void)
{
	char doc[4096];
	size_t n = 0;
	for (int i = 0; i < 40; i++)
		n += (size_t)snprintf(doc + n, sizeof(doc) - n, "<a>text number %d with a longer body</a>", i);
	printf("%lu\n", digest_text(doc));
	return 0;
}
