/* systemd's _cleanup_free_: a variable whose cleanup function frees what it holds when it goes
 * out of scope. In the hotspot the variable holds arena memory: the cleanup function is reached
 * (a call-graph edge), so its free becomes ownership-aware. With the cleanup exit style the
 * arena is declared first and released last, after every such cleanup: accepted. With the
 * explicit style the release is inserted before the return and the cleanup runs after it, on
 * released memory: refused [arena-use-after-free]. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void freep(char **p)
{
	free(*p);
}

#define _cleanup_free_ __attribute__((cleanup(freep)))

static size_t scratch(const char *s)
{
	_cleanup_free_ char *tmp = strdup(s); /* heap memory here: its own business */
	return strlen(tmp);
}

static int work(const char *t)
{
	_cleanup_free_ char *a = malloc(strlen(t) + 1);
	strcpy(a, t);
	int n = (int)strlen(a);
	{
		_cleanup_free_ char *b = malloc(strlen(t) + 2);
		strcpy(b, t);
		strcat(b, "!");
		n += (int)strlen(b);
	}
	return n + (int)scratch(t);
}

int main(void)
{
	int total = 0;
	for (int i = 0; i < 10; i++)
		total += work("hello");
	printf("%d\n", total);
	return 0;
}
