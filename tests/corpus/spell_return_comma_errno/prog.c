/* Idiom: `return errno = ERANGE, -1;` (BSD/musl libc style error returns). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *new_buf(size_t n) { return malloc(n); }

static int parse_num(const char *s)
{
	char *b = new_buf(strlen(s) + 1);
	strcpy(b, s);
	long v = strtol(b, NULL, 10);
	free(b);
	if (v > 1000)
		return errno = ERANGE, -1;
	return (int)v;
}

int main(void)
{
	printf("%d\n", parse_num("12"));
	int r = parse_num("5000");
	printf("%d %s\n", r, errno == ERANGE ? "ERANGE" : "ok");
	return 0;
}
