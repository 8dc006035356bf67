/*
 * tear_int: what the teardown proof's files (tear.c, tear_field.c) share, and nothing outside
 * them includes. tear.c owns the walks that only free and the scope's allocation sites;
 * tear_field.c proves, field by field, that heap memory from elsewhere never reaches a walk.
 */
#ifndef ARW_TEAR_INT_H
#define ARW_TEAR_INT_H

struct ast;
struct fctx;
struct rules;
struct tear_tu;

/* The function a call names directly (a declaration of kind DK_FUNC), or -1. */
int tear_callee_decl(const struct ast *a, int call);
/* Whether function `name` may hand out heap memory the program frees (tear.c). */
int tear_gives_heap(const struct rules *r, const char *name);
/* The last child of node n, or -1. */
int tear_last_child(const struct ast *a, int n);
/* A call of a free-kind function (one argument) or of a walk that only frees. */
int tear_freeing_call(struct tear_tu **t, const struct ast *a, const struct rules *r, int call);

/*
 * Whether walk call `call` of c (a scope's function) frees only memory of the scope or
 * values nobody may free, though other allocations of the program hand out heap memory
 * (tear_field.c). arena[n]: call n's memory is the scope's (its own allocations, those of
 * its hotspots that the rewrite moves into it). The unit's other conditions (one unit, every
 * body converted, no allocator through a pointer) are the caller's.
 */
int tear_field_proves(struct fctx *c, const unsigned char *arena, int call);

#endif
