#include <stdlib.h>

/* A library unit no program references: part of neither. */
char *extra_buffer(void)
{
	return malloc(16);
}
