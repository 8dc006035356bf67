/* p85 with the integer kept in a local before the return. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dup_str(const char *s)
{
	char *p = malloc(strlen(s) + 1);
	strcpy(p, s);
	return p;
}

static uintptr_t open_handle(const char *name)
{
	char *p = dup_str(name);
	uintptr_t h = (uintptr_t)p;
	printf("open %s\n", p);
	return h;
}

int main(void)
{
	uintptr_t h = open_handle("res0");
	printf("handle -> %s\n", (char *)h);
	free((char *)h);
	return 0;
}
