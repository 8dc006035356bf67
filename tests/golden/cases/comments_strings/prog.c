#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* malloc( in a comment: not a call. free(x) neither. */
static int count_calls(const char *text)
{
	const char *needle = "malloc(";  /* a string holding malloc( */
	char *copy = malloc(strlen(text) + 1); // malloc( again, in a line comment
	int n = 0;
	strcpy(copy, text);
	for (const char *p = copy; (p = strstr(p, needle)); p++)
		n++;
	printf("free(copy) is %s\n", "free(copy)");
	free(copy); /* free( */
	return n;
}

int main(void)
{
	printf("%d\n", count_calls("x = malloc(3); y = malloc(4); free(x);"));
	return 0;
}
