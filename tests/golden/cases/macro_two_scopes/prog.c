#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One temporary-buffer macro, used by two hotspots that allocate from two different scopes. */
#define NEWBUF(n) ((char *)malloc((n) + 1))
#define DROPBUF(b) free(b)

static char *upper(const char *s)
{
	size_t n = strlen(s);
	char *b = NEWBUF(n);
	for (size_t i = 0; i <= n; i++)
		b[i] = (char)(s[i] >= 'a' && s[i] <= 'z' ? s[i] - 32 : s[i]);
	return b;
}

static char *twice(const char *s)
{
	size_t n = strlen(s);
	char *b = NEWBUF(2 * n);
	memcpy(b, s, n);
	memcpy(b + n, s, n + 1);
	return b;
}

static void shout(const char *s)
{
	char *u = upper(s);
	puts(u);
	DROPBUF(u);
}

static void echo(const char *s)
{
	char *t = twice(s);
	puts(t);
	DROPBUF(t);
}

int main(void)
{
	for (int i = 0; i < 3; i++) {
		shout("hello");
		echo("ab");
	}
	return 0;
}
