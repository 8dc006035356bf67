#include "app.h"

/* The escape is only known from keep.c's summary: another unit, another shard. */
void use_keep(void)
{
	arena_t a = ARENA_INIT;
	char *p = arena_alloc(&a, 10);
	keep(p);
	arena_release(&a);
}
