/*
 * esc_int: the escape analysis' internals, shared by its files; nothing outside rewrite/esc*.c
 * includes this. See esc.h for what is analysed and why.
 *
 *  - struct taint is what the walk knows about one value: whether (and how surely) it points
 *    into arena memory and with which origin, which parameters it derives from (pder: the
 *    pointer value itself; preach: memory reachable from a parameter), whether it derives from
 *    a global, and whether it is the address of a local.
 *  - struct state maps locations (local decl + field path) to taints; absent means clean
 *    (esc_state.c).
 *  - struct fa is one function's walk (esc.c drives it): statements (esc_stmt.c) and
 *    expressions (esc_expr.c) update the state; calls (esc_call.c) apply the runtime's table,
 *    the rules and the callees' summaries; sinks report findings (esc_rule.c) when `report`,
 *    and fill the function's summary (esc_sum.c) when `summarize`.
 *
 * Every loop over the AST is bounded by the node array; recursion depth is capped (MAXDEPTH)
 * so that pathological inputs cannot exhaust the stack.
 *
 * Dependencies: esc files include ast.h, rules.h and rtapi.h (rules/), never plan or lint.
 */
#ifndef ARW_ESC_INT_H
#define ARW_ESC_INT_H

#include "ast.h"
#include "esc.h"
#include "strmap.h"

#include <stdint.h>
#include <string.h>

struct hotlist;
struct rules;

#define MAXDEPTH 1500
#define MAXP     32 /* parameters tracked per function */

enum { L_NONE, L_MAYBE, L_DEF };
enum { K_NONE, K_FOREIGN, K_PARAM, K_SCOPE, K_OWN };
#define ARENA_REWRITE (-2) /* the arena a rewrite gives the function */
#define ARENA_SCOPE   (-3) /* the scope arena this function owns */

struct taint {
	unsigned char level; /* L_*: points into arena memory */
	unsigned char kind;  /* K_*: the origin's owner */
	unsigned char stale; /* L_*: its arena was released */
	unsigned char glob;  /* derives from a global's value or address */
	int site;            /* allocation node, -1 */
	int arena;           /* K_OWN: arena identity; K_PARAM: parameter index */
	int rel;             /* node of the release that made it stale, -1 */
	uint32_t pder;       /* parameters whose pointer value this derives from */
	uint32_t preach;     /* parameters whose reachable memory this was read from */
	int local;           /* this is the address of (part of) that local decl, -1 */
	const char *sname;   /* K_SCOPE: the hotspot scope owning the arena, NULL: innermost */
	/* may point to an object of unknown origin and lifetime: a call's result that its
	 * summary does not explain (a fresh heap object, a registry's entry), or one read from
	 * such an object; own-arena memory stored into it may outlive the arena */
	unsigned char unk;
	int usite; /* unk: the call that made the object, -2 several or unknown */
};

struct ent {
	int decl;
	const char *path; /* interned: "" whole variable, ".f", "[]", ".f[].g" */
	struct taint t;
};

struct state {
	struct ent *v;
	size_t n, cap;
	int dead; /* no path reaches here */
};

enum { RA_NONE, RA_SCOPE, RA_PARAM };

struct sum {
	char *usr;
	uint32_t keep, keep_def, frees, ret;
	uint32_t into[MAXP]; /* into[j]: parameters stored through parameter j */
	unsigned char ret_arena, ret_arena_param;
	char *ret_scope; /* RA_SCOPE: the hotspot scope that owns it, NULL: innermost */
	/* out_arena[j] (RA_*): the body stores arena memory through parameter j (`*out = p`):
	 * of a caller's scope (out_scope[j]) or of the arena passed as parameter
	 * out_arena_param[j]; out_def: on every path. Memory of the body's own arena is not
	 * recorded: that store is an arena-escape-param finding in the body itself. */
	unsigned char out_arena[MAXP], out_arena_param[MAXP];
	char *out_scope[MAXP];
	uint32_t out_def;
	/* globals (USRs) that hold memory of scope glob_scope where the body returns (esc_glob.c)
	 */
	char **globs;
	size_t nglobs, globs_cap;
	char *glob_scope;
	int glob_copy;  /* a global's value may leave the body (stored, kept, returned) */
	int ret_unk;    /* the result may be an object of unknown origin (struct taint.unk) */
	uint32_t dies;  /* parameters whose object the body frees (free, the runtime's, callees) */
	int changed;    /* round in which it last changed, -1 never */
	int free_aware; /* its free/realloc become ownership-aware in the rewrite */
};

struct esc_sums {
	struct sum *v;
	size_t n, cap;
	struct strmap index; /* usr -> index into v */
	int round;
};

struct jump {
	const char *label; /* goto target, NULL for loop/switch accumulators */
	struct state st;
};

struct ctl {
	struct state brk, cont;
	int is_switch;
	struct state entry; /* switch: state at the switch, joined at each case */
	int has_default;
};

/* Own-arena memory stored into the object call `usite` made (fa_sink_unknown): a finding at the
 * function's exits unless that object is freed first. */
struct hold {
	int usite, node, sev;
	struct taint t; /* what was stored */
	char *msg;
};

/* A pending store of scope memory into global g (esc_glob.c). */
struct pend {
	int g, node, sev;
	const char *by; /* the callee that stored it, NULL: a store here */
};

struct fa {
	const struct ast *a;
	const struct rules *r;
	const struct esc_sums *sums;
	int fn, body, file;
	const char *fname;
	/* hotspot context: allocator-family calls are arena allocations */
	int hot;
	const char *scope;            /* the hotspot's scope (NULL: fn itself) */
	const unsigned char *sitemap; /* rewriter: explicit sites, indexed by node - fn */
	const unsigned char *askmap;  /* rewriter: expressions asked about, by node - fn */
	unsigned char *derived;       /* by node - fn: an asked one pointed into a site's memory */
	int pushes;                   /* fn pushes a local arena: scope memory is its own */
	int scope_fn;                 /* fn is a scope: the rewrite makes it push one */
	int free_aware;               /* fn's free/realloc will be ownership-aware */
	int joins;                    /* fn joins threads: a thread it starts may end in time */
	int *destroyed;               /* local handles fn passes to arena_destroy */
	size_t ndestroyed, destroyed_cap;
	int params[MAXP];
	int nparams;
	/* walk */
	struct state st;
	/* Arena memory stored into memory no local names (a heap or arena array, another object):
	 * a load through a pointer may yield it (`words[0] = p; g = words[0];`). One value for
	 * the whole walk from the first such store on, so aliases of the object count too. */
	struct taint mem;
	struct pend *pend;
	size_t npend, pend_cap;
	struct hold *holds;
	size_t nholds, holds_cap;
	int cond;
	int depth;
	struct ctl *ctl;
	size_t nctl, ctl_cap;
	struct jump *gotos;
	size_t ngotos, gotos_cap;
	char **paths; /* interned paths, owned */
	size_t npaths, paths_cap;
	/* outputs */
	int report;
	struct esc_list *out;
	int summarize;
	struct sum sum;
};

enum { LV_UNKNOWN, LV_LOCAL, LV_GLOBAL, LV_THROUGH };

struct lval {
	int kind;
	int decl;         /* LOCAL, GLOBAL */
	const char *path; /* LOCAL */
	int weak;         /* LOCAL: an element of an array: other elements stay */
	int ptr;          /* THROUGH: the pointer expression dereferenced */
};

/* The value of no interest: no arena memory, no parameter, no global, no local. */
static const struct taint taint_clean = {0, 0, 0, 0, -1, 0, -1, 0, 0, -1, NULL, 0, -2};

static inline int taint_empty(const struct taint *t)
{
	return !t->level && !t->glob && !t->pder && !t->preach && t->local < 0 && !t->unk;
}

static inline const char *root_path(void)
{
	return "";
}

static inline int is_op(const struct ast_node *x, const char *op)
{
	return x->op && !strcmp(x->op, op);
}

static inline int last_child(const struct ast *a, int n)
{
	int last = -1;
	for (int c = ast_first(a, n); c >= 0; c = ast_next(a, c))
		last = c;
	return last;
}

static inline int strip(const struct ast *a, int n)
{
	return n < 0 ? -1 : ast_strip(a, n);
}

/* esc_state.c: values and the location map */
/* Union of two values that are both present (pointer arithmetic, initialisers). */
struct taint taint_merge(struct taint a, struct taint b);
/* Join of the values of two paths (if/else, ?:): "definite" only when both are. */
struct taint taint_join(struct taint a, struct taint b);
void state_free(struct state *s);
struct state state_copy(const struct state *s);
struct ent *state_find(const struct state *s, int decl, const char *path);
/* Whether `pre` is `path` or a path prefix of it ("s.f" of "s.f.g" and "s.f[]", not "s.fg"). */
int state_path_prefix(const char *pre, const char *path);
/* The joined value of location (decl, path): entries for it and its enclosing objects, and,
 * when `whole` (a struct or array used as one value), the entries inside it. */
struct taint state_get(const struct state *s, int decl, const char *path, int whole);
void state_put(struct state *s, int decl, const char *path, struct taint t);
/* Drops the entries at and inside (decl, path). */
void state_kill(struct state *s, int decl, const char *path);
/* Joins b into a (path join); a dead side contributes nothing. */
void state_join(struct state *a, const struct state *b);
const char *fa_intern(struct fa *f, const char *s);
const char *fa_path_add(struct fa *f, const char *base, const char *field);

/* esc_rule.c: positions and findings */
void esc_line_col(const struct ast_file *fl, unsigned off, unsigned *line, unsigned *col);
void fa_report(struct fa *f, enum esc_rule rule, int sev, int node, const struct taint *t,
               const char *msg);
int fa_severity(const struct fa *f, const struct taint *t);
const char *fa_param_name(const struct fa *f, uint32_t mask);
/* A text naming the runtime's functions as "{free}", "{clone}"...: the names from its table
 * (rtapi.h); malloc'd. esc_text_with puts `head` before it. */
char *esc_text(const char *tmpl);
char *esc_text_with(const char *head, const char *tmpl);

/* esc_call.c: calls, origins and sinks */
/* The arena an expression like `&a`, `h`, `&s.arena` or `a` (a parameter) designates. */
void fa_arena_of(struct fa *f, int e, unsigned char *kind, int *id);
struct taint taint_origin(unsigned char kind, int arena, int site);
/* Memory of the innermost scope arena, as seen from this function. */
struct taint fa_scope_origin(struct fa *f, const char *scope, int site);
void fa_sink_global(struct fa *f, const struct taint *t, int node, const char *what);
void fa_sink_return(struct fa *f, const struct taint *t, int node);
/* A store through a pointer to local `decl` (`*&x = v`, a callee filling `&x`): a weak update
 * of the whole variable. */
void fa_add_to_local(struct fa *f, int decl, struct taint v);
/* Summary: arena memory t stored through the parameters in mask (`*out = p`, `out->f = p`).
 * Only a caller's scope memory and a parameter arena's memory are recorded (see struct sum). */
void fa_sum_out(struct fa *f, uint32_t mask, const struct taint *t);
/* Own-arena memory t stored into the object pt points to, of unknown origin (by callee `by`,
 * NULL: here): pending until that object is freed (fa_hold_freed) or a finding at the exits
 * (fa_hold_exit). */
void fa_sink_unknown(struct fa *f, const struct taint *pt, const struct taint *t, int node,
                     const char *by);
/* The object t points to is freed here (not in a branch): its pending stores are no escape. */
void fa_hold_freed(struct fa *f, const struct taint *t);
void fa_hold_exit(struct fa *f);
int fa_is_site(struct fa *f, int call);
struct taint fa_eval_call(struct fa *f, int n);

/* esc_expr.c: expressions */
struct lval fa_lvalue(struct fa *f, int n);
/* Store value t (of expression rhs, or -1) into lvalue lv at node `at`. */
void fa_store(struct fa *f, const struct lval *lv, struct taint t, int rhs, int at);
/* Value t stored through a pointer with value pt: arena memory kept for later loads (f->mem)
 * unless pt only addresses a local, whose location the state follows itself. */
void fa_mem_store(struct fa *f, const struct taint *pt, const struct taint *t);
struct taint fa_eval(struct fa *f, int n);

/* esc_glob.c: globals holding scope memory while the scope runs */
/* A store of t into global g (lhs: the assignment's left side): 1 when it is pending. */
int fa_glob_store(struct fa *f, int g, int lhs, const struct taint *t, int node);
struct taint fa_glob_read(struct fa *f, int g);
/* Where the function returns: pending stores are findings (own scope) or summary facts. */
void fa_glob_exit(struct fa *f);
/* Whether a call may copy a global elsewhere (fdecl < 0: through a pointer; s: its summary). */
int fa_glob_unsafe_call(struct fa *f, int fdecl, const struct sum *s, const int *argn, int nargs);
/* Every pending store is a finding now. */
void fa_glob_flush(struct fa *f);
/* The globals the callee left holding scope memory are pending here. */
void fa_glob_apply(struct fa *f, const struct sum *s, int call, const char *callee,
                   const struct taint *site);

/* esc_stmt.c: statements */
void fa_exec(struct fa *f, int n);
void fa_ctl_pop(struct fa *f);

/* esc_sum.c: summaries */
const struct sum *sums_find(const struct esc_sums *s, const char *usr);
struct sum *sums_get(struct esc_sums *s, const char *usr);

/* esc.c: one function's walk */
int fa_func_body(const struct ast *a, int fn);
/* Is this a function whose body we analyse? (defined here, not in a system header, not the
 * runtime's own inline functions) */
int fa_analysable(const struct ast *a, int n);
void fa_init(struct fa *f, const struct ast *a, int fn, const struct rules *r,
             const struct esc_sums *sums);
void fa_free(struct fa *f);
void fa_run(struct fa *f);
void fa_set_hot(struct fa *f, const struct hotlist *hot);

#endif
