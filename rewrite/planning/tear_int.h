/*
 * tear_int: what tear.c (the proofs), tear_edit.c (their edits) and tear_callee.c (scopes'
 * callees) share. Each edit function writes the planned edits and the TEAR_REMOVED site of
 * statement n of c's function, under c->hot; the loop and the call return 0 (and write
 * nothing) when their shape cannot take the edit.
 *
 * struct tear_tu: a unit's memo of the proofs, made on first use (tear_tu_get), owned by the
 * unit's planning and freed by tear_tu_free.
 */
#ifndef ARW_TEAR_INT_H
#define ARW_TEAR_INT_H

#include "strmap.h"

struct ast;
struct fctx;
struct plan_opts;

struct tear_tu {
	/* USR -> whether the function only frees: 0 no, 1 yes, 2 being decided (assumed yes),
	 * 3 decided yes under an assumption (decide again) */
	struct strmap memo;
	struct strmap owned; /* USR -> own_walk's verdict, the same values as memo's */
	int depth;
	/* Per call-graph node: the one scope that reaches it (index into plan_opts.scopes), -1
	 * none, -3 several; outside[i]: a root or an address-taken function reaches it without
	 * passing a scope (it may run with no scope arena: arena_cur_* memory is heap there). */
	int *scope_of;
	unsigned char *outside;
};

struct tear_tu *tear_tu_get(struct tear_tu **t);
/* The function a call names directly (its decl), or -1 (through a pointer, not a function). */
int tear_callee_decl(const struct ast *a, int call);
/* Fills t->scope_of and t->outside from the call graph of o. */
void tear_scope_reach(struct tear_tu *t, const struct plan_opts *o);

int tear_remove_call(struct fctx *c, int call);
int tear_remove_loop(struct fctx *c, int loop);
void tear_remove_free(struct fctx *c, int call);

#endif
