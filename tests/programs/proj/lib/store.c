#include "store.h"

#include <stdlib.h>
#include <string.h>

char *store_dup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);
	if (!p)
		report_oom();
	memcpy(p, s, n);
	return p;
}

void store_free(char *p)
{
	free(p);
}
