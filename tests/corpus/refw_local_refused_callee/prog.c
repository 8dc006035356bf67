/* Shape of a helper-calling hotspot that keeps its result (a line cache: the last line is kept
 * in a global for the next call, busybox's and readline's history of one): cache_line is refused
 * (arena memory stored in a global), and it calls drop_line, whose free the rewrite would make
 * ownership-aware for it. The right output writes nothing: no other hotspot needs drop_line's
 * edit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *last_line;

static void drop_line(char *s)
{
	free(s);
}

static size_t cache_line(const char *s)
{
	char *copy = strdup(s);
	drop_line(last_line);
	last_line = copy;
	return strlen(copy);
}

int main(void)
{
	size_t n = cache_line("first") + cache_line("second line");
	printf("%zu %s\n", n, last_line);
	drop_line(last_line);
	return 0;
}
