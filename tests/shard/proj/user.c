#include "app.h"

/* The escape is only known from keep.c's summary: another unit, another shard. */
void use_keep(void)
{
	arena_t a = ARENA_INIT;
	char *p = arena_alloc(&a, 10);
	keep(p);
	arena_release(&a);
}

/* Escapes only keep.c's summaries show, fact by fact. */
void use_facts(jmp_buf *env)
{
	arena_t a = ARENA_INIT;
	char *p = arena_alloc(&a, 16);
	char *q = arena_alloc(&a, 8);
	(void)peek_header(p);
	drop_through(&q);
	bail(env);
	arena_release(&a);
}
