/*
 * tear_field: a scope's teardown proven dead field by field, though the program allocates heap
 * memory elsewhere (tear_field.c's header says what is proven and what refuses it). tear.c
 * asks it for a walk call that the whole-program proof could not take only because other
 * allocations hand out heap memory.
 *
 * Ownership: nothing is kept between calls; arena belongs to the caller.
 */
#ifndef ARW_TEAR_FIELD_H
#define ARW_TEAR_FIELD_H

struct fctx;

/*
 * Whether walk call `call` of c (a scope's function; the walk only frees, tear.h) frees only
 * memory of the scope or values nobody may free. arena[n]: call n's memory is the scope's
 * (its own allocations, those of its hotspots that the rewrite moves into it). The unit's
 * other conditions (one unit, every body converted, no allocator through a pointer) are the
 * caller's.
 */
int tear_field_proves(struct fctx *c, const unsigned char *arena, int call);

#endif
