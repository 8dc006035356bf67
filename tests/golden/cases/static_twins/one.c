#include <stdlib.h>
#include <string.h>

int one_len(const char *s);

static int helper(const char *s)
{
	char *c = malloc(strlen(s) + 1);
	strcpy(c, s);
	int n = (int)strlen(c);
	free(c);
	return n;
}

int one_len(const char *s)
{
	return helper(s);
}
