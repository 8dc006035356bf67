#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A growable string spelled by macros, in the manner of discount's cstring.h: EXPAND grows
 * it with realloc, DELETE frees it. */
#define STRING(type) struct { type *text; int size, alloc; }
#define T(x) (x).text
#define S(x) (x).size
#define CREATE(x) (T(x) = 0, S(x) = (x).alloc = 0)
#define EXPAND(x) (*((S(x) < (x).alloc ? 0 : (T(x) = realloc(T(x), sizeof T(x)[0] * ((x).alloc += 16)), 0)), &T(x)[S(x)++]))
#define DELETE(x) ((x).alloc ? (free(T(x)), S(x) = (x).alloc = 0) : (S(x) = 0))

typedef STRING(char) Cstring;

/* The hotspot: keeps the digits of a line, reversed, and prints them. */
static void digits(const char *s)
{
	Cstring v;
	CREATE(v);
	for (size_t i = strlen(s); i-- > 0;)
		if (s[i] >= '0' && s[i] <= '9')
			EXPAND(v) = s[i];
	EXPAND(v) = '\0';
	puts(T(v));
	DELETE(v);
}

static void handle(const char *line)
{
	digits(line);
}

int main(void)
{
	/* outside every scope: the same macro, the heap as before */
	Cstring w;
	CREATE(w);
	for (int i = 0; i < 40; i++)
		EXPAND(w) = (char)('a' + i % 26);
	EXPAND(w) = '\0';
	for (int i = 0; i < 3; i++)
		handle("a1b2c3d4e5f6g7h8i9j0 and 12345678901234567890");
	puts(T(w));
	DELETE(w);
	return 0;
}
