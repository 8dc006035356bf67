/*
 * esc: escape analysis of arena memory on struct ast, for `--lint`, for the rewriter's
 * refusals and for its one other question: does a `release` call free memory of the arena
 * (esc_check; docs/lint.md explains the rules to users). The only escape analysis of the tool.
 *
 * What is arena memory: the result of the runtime's allocation calls (the table of rules/
 * rtapi.h: roles RT_ALLOC and RT_CUR_ALLOC, the latter allocating from the innermost scope
 * arena, hook variants *_with and inline fast paths included), of a
 * function whose summary says it returns arena memory, and, in a hotspot being rewritten (or
 * linted as if rewritten), of every allocator-family call (rules.h). Each value carries one
 * origin: its allocation site (the node reported in the note) and its owner:
 *
 *   OWN     the arena is this function's: a local arena_t (cleanup attribute or not), a local
 *           handle from arena_create() that this function destroys, the arena a rewrite gives a
 *           hotspot, or a scope arena this function pushes (or is the hotspot `scope` of);
 *   SCOPE   the innermost scope arena, owned by some caller (arena_cur_*, hotspots whose entry
 *           names another `scope`): returning it is fine, keeping it in a global is not;
 *   PARAM   an arena the caller passed in (arena_t *a): the caller's business;
 *   FOREIGN any other arena (global, reached through a pointer): only heap-free applies.
 *
 * The walk is flow-sensitive along statement order over the structured AST: if/else and
 * switch arms are analysed from the same state and joined, loops twice (enough to carry a
 * value round the back edge of a may-analysis that only grows), break/continue/goto states are
 * routed to their targets, and return ends a path. Locations are local variables with a field
 * path ("s", "s.f", "a[]"), so locals are field-sensitive; elements of local arrays share one
 * location (weak updates), and the members of a union are one location. A value is tracked
 * through assignments, casts, pointer arithmetic, &p->f, ?:, comma, struct copies, integers
 * made from pointers (hidden: followed in locals, an escape wherever else they go), va_arg, the
 * cleanup functions of variables, and what the effects table says library functions do
 * (rules/effects.h: the result points into an argument, a pointer is stored through another,
 * bytes are copied). A pointer read out of arena memory may be memory of that arena; one read
 * out of memory no local names (p->next, words[0] of a malloc'd array) is arena memory, on some
 * paths, once the function has stored arena memory into such memory (`words[0] = p`).
 * A pointer to an object of unknown origin (a call's result its summary does not explain, or
 * one read out of such an object) is marked so: own-arena memory stored into that object is an
 * escape unless the object is freed before the function exits (docs/design.md).
 *
 * Default deny (docs/design.md): arena memory, or an object that may hold it, may reach only
 * operations whose effect the analysis knows: the runtime, the allocator family, a callee whose
 * body it has (its summary), a library function the effects table describes, and a call
 * through a pointer bound to every function of the sources whose address is taken with a
 * fitting arity. Anything else (a function without a body or an entry, a call through a
 * pointer nothing of the sources can be, an entry listed "unknown") is an escape
 * (arena-escape-unknown, esc_eff.c); so is a non-local exit while an arena is live
 * (arena-escape-nonlocal) and a pointer hidden in an integer or in copied bytes
 * (arena-escape-hidden).
 *
 * A store of scope memory into a file-scope static pointer (`g = p`) is pending, not a finding,
 * until the scope's owner returns: the global may hold it while the scope runs if it is
 * overwritten on every path first and no call that may copy it runs in between (esc_glob.c).
 *
 * Severity: a definite value reaching a sink outside any conditional branch is an error; a
 * value that points into the arena only on some paths (a join, an arm of ?:) or a sink inside
 * an if/switch arm or the right of && and || is a warning.
 *
 * Interprocedural part: per-function summaries keyed by the function's USR (so a callee in
 * another translation unit counts): which parameters the body keeps (stores into a global or
 * hands to a keeping callee or to what it does not know, with the first reason, for the
 * caller's message), stores through another parameter, frees with plain free() (and which it
 * frees on every path), returns (their value, or memory read from them); whether the result is
 * arena memory or static storage (an accessor); whether the body may leave its callers' frames
 * (longjmp); whether memory of a caller's scope escapes in it (the scope's check refuses then);
 * and which parameters receive arena memory
 * through them (`*out = p`: memory of a caller's scope or of an arena passed as a parameter;
 * memory of the body's own arena stored so is a finding in the body). At a call the last
 * makes the pointed-to object arena memory: `word_new(t, &w)` makes w memory of the scope
 * arena, the scope function's own, and passing `out` on records the same fact for the
 * caller's own parameter. Summaries only grow, so repeated rounds of
 * esc_summarize over all units reach a fixpoint. Functions without a body here are what the
 * effects table says, and unknown otherwise.
 *
 * Files: esc.c drives one function's walk (struct fa); esc_stmt.c and esc_expr.c walk
 * statements and expressions; esc_glob.c the pending stores into globals; esc_call.c applies the
 * runtime's table, the allocator family, callee summaries and calls through pointers; esc_eff.c
 * the effects table and default deny; esc_sink.c the sinks and the summary's records of them;
 * esc_sum.c keeps the summaries (esc_sumjson.c writes and reads them as JSON); esc_state.c the
 * values and locations; esc_rule.c the rule ids, texts and findings. They share esc_int.h, which
 * nothing else includes.
 *
 * Ownership: struct esc_sums owns its summaries (copies of USRs); esc_finding arrays own every
 * string in them and are released with esc_findings_free. Nothing here keeps a pointer into an
 * ast after a call returns, so asts may be freed at any time after their last call.
 */
#ifndef ARW_ESC_H
#define ARW_ESC_H

#include <stddef.h>

struct ast;
struct rules;
struct hotlist;

enum esc_rule {
	ESC_RETURN,    /* arena-escape-return */
	ESC_GLOBAL,    /* arena-escape-global */
	ESC_PARAM,     /* arena-escape-param */
	ESC_CALL,      /* arena-escape-call */
	ESC_HEAP_FREE, /* arena-heap-free */
	ESC_UAF,       /* arena-use-after-free */
	ESC_UNKNOWN,   /* arena-escape-unknown */
	ESC_HIDDEN,    /* arena-escape-hidden */
	ESC_NONLOCAL,  /* arena-escape-nonlocal */
	ESC__NRULES
};

enum esc_severity { ESC_WARNING = 1, ESC_ERROR = 2 };

struct esc_pos {
	char *path; /* absolute */
	unsigned off, end_off;
	unsigned line, col, end_line, end_col; /* 1-based; end is exclusive */
};

struct esc_finding {
	enum esc_rule rule;
	int severity;      /* enum esc_severity */
	struct esc_pos at; /* the store, return, call or use */
	int has_alloc;
	struct esc_pos alloc; /* where the memory was allocated */
	char *function;       /* the function the finding is in */
	char *msg;
};

struct esc_list {
	struct esc_finding *v;
	size_t n, cap;
};

/* Per-function summaries of all units of a run. */
struct esc_sums;

struct esc_sums *esc_sums_new(void);
void esc_sums_free(struct esc_sums *s);

/*
 * One round of summaries over every function defined in `a` (hot: the hotspot list when
 * linting as if rewritten, else NULL). Round 0 visits every function; later rounds only those
 * calling a function whose summary changed in the previous round. Returns 1 when a summary
 * changed in this call. Call it for every unit with the same round number, then
 * esc_sums_next_round, until a round changes nothing.
 */
int esc_summarize(struct esc_sums *s, const struct ast *a, const struct rules *r,
                  const struct hotlist *hot);
void esc_sums_next_round(struct esc_sums *s);
/* Call for every unit before the first round: records the functions unit `a` defines (a call of
 * one is never an unknown operation, whatever the order of the walks) and those whose address
 * it takes (a call through a pointer may reach them). */
void esc_sums_prepare(struct esc_sums *s, const struct ast *a, const struct rules *r);
/* Then, for every unit when the sources call dlsym (esc_sums_by_name): the functions `a`
 * defines with external linkage, which dlsym may find by name, count as address-taken
 * functions of any type that library code may call. */
int esc_sums_by_name(const struct esc_sums *s);
void esc_sums_prepare_by_name(struct esc_sums *s, const struct ast *a);
/* Marks a function (by USR) whose free()/realloc() calls a scoped rewrite makes
 * ownership-aware (it is reachable from a hotspot's scope): they are no arena-heap-free. */
void esc_sums_set_free_aware(struct esc_sums *s, const char *usr);
/*
 * The summaries as a JSON array, for the summaries file of a sharded run (summ.h), and back:
 * esc_sums_from_json adds arr's entries to s, -1 when one is malformed or repeated (the caller
 * names the file). esc_sumjson.c.
 */
struct cJSON;
struct cJSON *esc_sums_json(const struct esc_sums *s);
int esc_sums_from_json(struct esc_sums *s, const struct cJSON *arr);
/* The functions whose address the sources take (calls through pointers bind them), as JSON
 * and back; -1 when malformed or repeated. */
struct cJSON *esc_addr_json(const struct esc_sums *s);
int esc_addr_from_json(struct esc_sums *s, const struct cJSON *arr);

/* Appends the findings of every function defined in `a` (not in system headers). */
void esc_lint_unit(const struct ast *a, const struct rules *r, const struct hotlist *hot,
                   const struct esc_sums *s, struct esc_list *out);

/*
 * For the rewriter: the findings in function `fn` (an AK_FUNC definition node) when the calls
 * sites[0..nsites) become arena allocations. scope == NULL: the arena is fn's own (returns
 * escape); else the name of the hotspot's scope function (returns are fine, globals are not).
 * sums may be NULL (only the effects table is known about callees); a site that
 * calls a function with a summary (a scoped hotspot, or a function returning its memory) gets
 * that summary too (arguments kept, out-parameters filled). The rewriter passes the summaries
 * of the whole run. Returns the number of findings; *out is a malloc'd array (NULL when none)
 * for esc_findings_free. Reads sums only: calls may run on several threads at once.
 */
size_t esc_check_function(const struct ast *a, int fn, const int *sites, size_t nsites,
                          const char *scope, const struct rules *r, const struct esc_sums *sums,
                          struct esc_finding **out);

/*
 * esc_check_function with questions: for each expression ask[i] of fn, derives[i] tells
 * whether its value points into memory of the sites on some path that reaches it (the
 * rewriter drops a `release` call of such memory: the arena frees it). The caller owns both
 * arrays (nask entries each).
 */
struct esc_check {
	const int *sites;
	size_t nsites;
	const char *scope;
	const int *ask;
	size_t nask;
	unsigned char *derives;
	int scope_fn; /* fn is a scope: the rewrite makes it push its own arena */
	/* the rewrite releases fn's arena before each return (--exit-style=explicit): a cleanup
	 * attribute that runs after it must not meet the arena's memory */
	int explicit_exits;
};
size_t esc_check(const struct ast *a, int fn, struct esc_check *q, const struct rules *r,
                 const struct esc_sums *sums, struct esc_finding **out);

void esc_finding_free(struct esc_finding *f);
void esc_findings_free(struct esc_finding *v, size_t n);
void esc_list_free(struct esc_list *l);

const char *esc_rule_id(enum esc_rule r);
/* One line and a paragraph about the rule, for SARIF's rule metadata and --help-like text. */
const char *esc_rule_short(enum esc_rule r);
const char *esc_rule_full(enum esc_rule r);
const char *esc_rule_help(enum esc_rule r);
/* ESC__NRULES when the id is unknown. */
enum esc_rule esc_rule_from_id(const char *id, size_t len);

#endif
