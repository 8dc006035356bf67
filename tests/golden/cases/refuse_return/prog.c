#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Returns memory it allocated: with a function-local arena that would be a use after free,
 * so the tool refuses (exit 1) and writes nothing. */
static char *greet(const char *name)
{
	char *s = malloc(strlen(name) + 7);
	strcpy(s, "hello ");
	strcat(s, name);
	char *alias = s;
	return alias;
}

int main(void)
{
	char *g = greet("arena");
	printf("%s\n", g);
	free(g);
	return 0;
}
