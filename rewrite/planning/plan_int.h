/*
 * plan_int: what the planner's files (plan*.c, and the teardown's tear*.c) share, the planning
 * stage's one internal header: nothing outside rewrite/planning/ includes it. struct fctx is the
 * state of planning one function: plan_function in plan.c owns it from start to end; plan_exits
 * adds to its edits and refusal reasons.
 */
#ifndef ARW_PLAN_INT_H
#define ARW_PLAN_INT_H

#include "plan.h"
#include "rules.h"
#include "sbuf.h"
#include "strmap.h"

#include <stddef.h>

struct ast;
struct ast_file;
struct tuctx;
struct tear_tu;

/*
 * How a call names its allocator. A hook field, or a project's own wrapper (a `name` rule for a
 * function the program defines), may stand for an allocator the program installs at run time:
 * what the call becomes keeps it as the fallback (plan.c).
 */
enum call_via { VIA_LIBC, VIA_WRAPPER, VIA_FIELD };

/* Per-function planning state. */
struct fctx {
	const struct ast *a;
	const struct plan_opts *o;
	struct plan *p;
	struct tuctx *tu;
	struct tear_tu **tear;    /* the unit's teardown facts (tear.h), made on first use */
	int hot, fn, body, file;  /* hot: the tag of the edits (see struct role) */
	int site;                 /* the hotspot index its sites are reported under, or -2 */
	int shared_frees;         /* scope memory may reach its frees: keep them if refused */
	int need;                 /* PLAN_TAG_SET of the arenas live in it, or -2 without one */
	enum rule_style style;    /* what allocator calls become */
	int scope;                /* this function owns a scope arena: pushed at entry */
	const int *hots, *groups; /* the role's hotspot entries and their scope groups */
	size_t nhots;
	char *release; /* the statement that frees the arena at an exit */
	const char *text;
	size_t len;
	char unit[16];  /* one indentation level of this file */
	char *arena;    /* name of the arena variable */
	char *ret;      /* name of the return temporary */
	int has_arena;  /* the function already declares one (a previous run) */
	int need_arena; /* some allocation was rewritten */
	int nrewritten;
	struct sbuf why;     /* refusal reasons */
	struct sbuf escapes; /* returned arena memory: a refusal, or a warning under --force */
	/* a scope's findings: the callees named at the calls that made the memory, one per line
	 * (blame_all: some finding has no such call; plan_func.blame) */
	struct sbuf blame;
	int blame_all;
	int *returns;
	size_t nreturns, returns_cap;
	int *releases; /* calls of `release` rule functions */
	size_t nreleases, releases_cap;
	int *release_args;         /* their arguments, or -1 */
	unsigned char *from_arena; /* release_args[i] points into memory of allocs (esc_check) */
	int *allocs;               /* calls that allocate from the arena after the rewrite */
	size_t nallocs, allocs_cap;
};

/* An edit of file `file` of the unit under tag `tag`, weak or not (struct plan_edit). */
void plan_add_file_edit(struct fctx *c, int tag, int file, size_t begin, size_t end,
                        const char *text, int weak);
/* plan_macro.c: the call spelled by a project macro's body, rewritten in its definition or
 * recorded as left alone with a reason that names the macro: 1; 0 when the caller's own
 * reason stands. rv is how rtapi_call is asked, tag that of an ownership-aware form. */
int plan_macro_call(struct fctx *c, int call, const char *name, enum rule_kind kind, int rv,
                    int tag);
/* plan_macro.c: records, for an allocation spelled by a project macro, the scopes that may be
 * live where it is expanded (struct plan_muse). */
void plan_macro_uses(struct fctx *c, int call, enum rule_kind kind);
/* An edit of the function's file under its tag (c->hot). */
void plan_add_edit(struct fctx *c, size_t begin, size_t end, const char *text, int seq);
/* Whitespace only, never C syntax: the start of the line holding off; whether only blanks
 * precede off on it; those blanks (malloc'd). */
size_t plan_line_begin(const char *t, size_t off);
int plan_own_line(const char *t, size_t off);
char *plan_indent_at(const char *t, size_t off);
/* A site of the function's file under tag `tag` (a removal, a drop). */
void plan_add_tagged_site(struct fctx *c, int tag, int node, const char *callee, const char *repl,
                          const char *reason);
/* Whether call n may return memory of the scope named `scope`. */
int plan_returns_scope_memory(const struct fctx *c, int n, const char *scope);
/* Where a body's braces are, from the file's raw tokens (`{` or `<%`, `}` or `%>`): just after
 * the opening one (close = 0), or at the closing one (close = 1); (size_t)-1 when the body's
 * first or last token is no brace of the file (a body spelled by a macro). */
size_t plan_brace(const struct fctx *c, int body, int close);
/* The release before every return and at the end of the body (explicit exit style). */
void plan_exits(struct fctx *c);
/* plan.c: records the hash of the text a file's edit offsets refer to, once per file; plans
 * the runtime's include in a file, before offset limit. */
void plan_note_text(struct plan *p, const char *path, const struct ast_file *f);
void plan_add_include(struct plan *p, const struct ast *a, int file, unsigned limit);
/* plan_addr.c: the address-taken free and realloc of unit a (plan_opts.addr_frees). */
void plan_addr_frees(struct plan *p, const struct ast *a, const struct plan_opts *o);

/*
 * The teardown (tear.h): what tear.c (the proofs), tear_edit.c (their edits) and tear_callee.c
 * (scopes' callees) share. Each edit function writes the planned edits and the TEAR_REMOVED
 * site of statement n of c's function, under c->hot; the loop and the call return 0 (and write
 * nothing) when their shape cannot take the edit.
 *
 * struct tear_tu: a unit's memo of the proofs, made on first use (tear_tu_get), owned by the
 * unit's planning and freed by tear_tu_free.
 */
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

/*
 * tear_field.c: a scope's teardown proven dead field by field, though the program allocates
 * heap memory elsewhere (tear_field.c's header says what is proven and what refuses it). tear.c
 * asks it for a walk call that the whole-program proof could not take only because other
 * allocations hand out heap memory. Nothing is kept between calls; arena belongs to the caller.
 *
 * Whether walk call `call` of c (a scope's function; the walk only frees, tear.h) frees only
 * memory of the scope or values nobody may free. arena[n]: call n's memory is the scope's
 * (its own allocations, those of its hotspots that the rewrite moves into it). The unit's
 * other conditions (one unit, every body converted, no allocator through a pointer) are the
 * caller's.
 */
int tear_field_proves(struct fctx *c, const unsigned char *arena, int call);

#endif
