#include <stdlib.h>
#include <string.h>

int two_len(const char *s);

static int helper(const char *s)
{
	char *c = malloc(strlen(s) + 2);
	strcpy(c, s);
	strcat(c, "!");
	int n = (int)strlen(c);
	free(c);
	return n;
}

int two_len(const char *s)
{
	return helper(s);
}
