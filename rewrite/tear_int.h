/*
 * tear_int: what tear.c (the proofs) and tear_edit.c (their edits) share. Each edit function
 * writes the planned edits and the TEAR_REMOVED site of statement n of c's function, under
 * c->hot; the loop and the call return 0 (and write nothing) when their shape cannot take
 * the edit.
 */
#ifndef ARW_TEAR_INT_H
#define ARW_TEAR_INT_H

struct fctx;

int tear_remove_call(struct fctx *c, int call);
int tear_remove_loop(struct fctx *c, int loop);
void tear_remove_free(struct fctx *c, int call);

#endif
