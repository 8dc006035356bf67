#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Takes ownership of a heap buffer from the caller and frees or grows it: the rewritten
 * free/realloc must hand heap memory to libc and leave arena memory alone. */
static size_t consume(char *owned, const char *extra)
{
	char *tmp = malloc(64);
	snprintf(tmp, 64, "%s+%s", owned, extra);
	size_t n = strlen(tmp);
	owned = realloc(owned, n + 1);
	memcpy(owned, tmp, n + 1);
	printf("%s\n", owned);
	free(owned);
	free(tmp);
	return n;
}

int main(void)
{
	char *s = malloc(8);
	strcpy(s, "heap");
	printf("%zu\n", consume(s, "arena"));
	return 0;
}
