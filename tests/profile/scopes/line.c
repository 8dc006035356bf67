/* Generated-code shape: flex and bison write #line directives, so a profile names the grammar
 * file (scan.l) for functions the sources define in this file. --profile finds them by name
 * and leaves the file key out of its list, which --hotspots then accepts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#line 10 "scan.l"
static char *scratch(const char *s)
{
	char *p = malloc(strlen(s) + 1);
	strcpy(p, s);
	return p;
}
#line 17 "line.c"

static size_t work(int i)
{
	char buf[32];
	snprintf(buf, sizeof buf, "token-%d", i);
	char *t = scratch(buf);
	size_t n = strlen(t);
	free(t);
	return n;
}

int main(void)
{
	size_t sum = 0;
	for (int i = 0; i < 20000; i++)
		sum += work(i);
	printf("%zu\n", sum);
	return 0;
}
