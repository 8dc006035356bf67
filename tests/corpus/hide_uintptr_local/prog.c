/* p26 narrowed: the pointer converted to uintptr_t in a local, then the local stored. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uintptr_t cell;

static char *dup_str(const char *s)
{
	char *p = malloc(strlen(s) + 1);
	strcpy(p, s);
	return p;
}

static void set_value(const char *s)
{
	char *p = dup_str(s);
	uintptr_t v = (uintptr_t)p;
	cell = v;
	printf("set %s\n", p);
}

int main(void)
{
	set_value("plain");
	char *p = (char *)cell;
	printf("cell %s\n", p);
	return 0;
}
