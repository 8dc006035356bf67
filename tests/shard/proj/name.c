#include "app.h"
#include <stdlib.h>
#include <string.h>

/* A hotspot of the scope 'run_job' (runner.c, another shard): it is safe here, but its scope
 * is refused, so nothing may be written for it either. */
char *name_new(const char *s)
{
	char *p = malloc(strlen(s) + 1);
	strcpy(p, s);
	return p;
}
