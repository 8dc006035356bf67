#include "app.h"
#include <stdlib.h>
#include <string.h>

/* The scope of name.c's hotspot, refused: keep() (keep.c, a third shard) keeps the scope's
 * memory. The verdict crosses units: name.c's rewrite is dropped with it. */
size_t run_job(const char *s)
{
	char *n = name_new(s);
	size_t len = strlen(n);
	keep(n);
	return len;
}
