/*
 * model: the program one run looks at, built once and read by both modes (rewrite.h for
 * --hotspots, lint.h for --lint).
 *
 * What it holds: the translation units (model_units turns the command line into them), one
 * struct ast per unit, the hotspot list's distinct scope functions, the call graph across
 * units with the functions reachable from a scope (only when some hotspot names a scope) and
 * the escape summaries of every function to a fixpoint (esc.h).
 *
 * Data path of model_build: every unit is parsed exactly once, on `jobs` threads. Which bodies
 * are converted is decided before parsing: with one unit and no scope, those that can touch
 * arena memory (cx_parse_related: the hotspots, bodies naming arena_ functions, their kin);
 * with several units or a scope, every body, because a body one unit skips may be the callee
 * or caller another unit needs, and the call graph of a scope must see every call. Then, in
 * one thread and in unit order: every hotspot and scope must be defined in some unit (the
 * "defined in none of the N source file(s)" error is made here only); the rules must fit the
 * sources (rulecheck.h: the one place a rule is checked against the code); the call graph and the
 * scopes' reach (whose functions get ownership-aware frees, marked in the summaries); the
 * summaries, rounds over all units until nothing changes. Nothing depends on -j.
 *
 * With ARENA_REWRITE_STATS set in the environment, model_free writes one line to stderr:
 * "arena-rewrite: stats: units U, parses P, bodies all|selected, peak rss K kB" (for tests and
 * benchmarks; never on by default).
 *
 * Programs: a compile database often holds several programs (a library's tests and tools). The
 * model records which units define `main` and, without --target, which units form each main's
 * program (progs.h: the units its references need, transitively); with opts.program, every unit
 * outside that program is left out, so a rewrite never edits another program's code
 * (docs/rewrite.md, "Programs"). Without it every unit is analysed as one program, and
 * rewrite_run says so when there are several mains, naming each hotspot's programs.
 *
 * Ownership: the model owns its asts, graph, reach and summaries; model_free releases them.
 * It borrows `units`, `hot` and `rules`, which must outlive it. A consumer done with a unit's
 * ast may give it back early with model_drop (the summaries keep no pointer into an ast).
 */
#ifndef ARW_MODEL_H
#define ARW_MODEL_H

#include <stddef.h>
#include <stdio.h>

#include "cg.h"
#include "front.h"
#include "progs.h"

struct ast;
struct cmdlist;
struct err;
struct esc_sums;
struct hotlist;
struct model;
struct rules;

/* Where the units of a run come from: the command line's SOURCEs, -p DIR, after "--". */
struct model_src {
	char *const *sources;
	size_t nsources;
	const char *build_dir; /* NULL: none given */
	char *const *cargs;    /* compiler arguments after "--" */
	size_t ncargs;
	int have_cargs; /* "--" was given (even with nothing after it) */
};

struct model_opts {
	const struct rules *rules;
	const struct hotlist *hot; /* NULL: no hotspot list (a lint of hand-written code) */
	long jobs;
	enum par_progress_mode progress; /* the progress line of every par_run over the units */
	/*
	 * A shard's model (summ.h): the cross-unit facts of the whole run come from `given`,
	 * called once the units are parsed, which fills the call graph and the summaries; the
	 * definitions check, the graph's construction and the summaries' rounds are then skipped.
	 * all_bodies: convert every body whatever the number of units, as the whole run did.
	 */
	int (*given)(void *ctx, struct model *m, struct err *e);
	void *given_ctx;
	int all_bodies;
	/* NULL, or hot->n flags filled when some entry is defined nowhere (the build still
	 * fails): MODEL_UNDEF_FUNC its function, MODEL_UNDEF_SCOPE its scope. --profile's check
	 * drops those entries and runs again. */
	unsigned char *undefined;
	/* --program MAIN.c (absolute), or NULL: the units outside the program of MAIN.c's `main`
	 * (progs.h: another program's `main`, or nothing of that program references them) are
	 * left out (parsed, then given back as empty asts): nothing of them is analysed or
	 * edited. */
	const char *program;
	const char *target; /* --target NAME, or NULL: named where a hotspot is defined nowhere */
};

#define MODEL_UNDEF_FUNC  1
#define MODEL_UNDEF_SCOPE 2

struct model {
	const struct cmdlist *units;
	const struct model_opts *o;
	struct ast **asts; /* asts[u] for units->v[u]; NULL once dropped */
	size_t n;
	/* Distinct scope functions naming another function's arena: scope group hot->n + k. */
	const char **scopes;
	size_t nscopes;
	/* The name a function must have to be scope k: scopes[k], or "" (no function's) once every
	 * entry allocating from it is switched off (hot.h): the analysis and the plan read this,
	 * messages and reports the names. */
	const char **scope_fn;
	struct cg cg;         /* empty without a hotspot list */
	unsigned char *reach; /* cg.n entries: reachable from some scope; NULL without scopes */
	/*
	 * cg.n entries: which hotspot with its own arena reaches the function through calls made
	 * while its arena is live: -1 none, h the only one, -3 several. Their free and realloc
	 * become ownership-aware like a scope's reach (the invariant in docs/design.md). NULL
	 * without a hotspot list.
	 */
	int *reach_local;
	/* Some reached call goes through a pointer that may hold libc's free or realloc (its
	 * address is taken in the sources): every such address becomes the ownership-aware
	 * function (plan_opts.addr_frees); the own-arena hotspot label (as reach_local) and
	 * whether some scope reaches such a call. */
	int addr_frees, addr_free_local, addr_free_scoped;
	/* For every function of the graph, the arenas that may be live while it runs (its own, a
	 * scope's whose calls reach it, an own-arena hotspot's that calls it): an edit made only
	 * for them goes when they are all refused. Empty without a hotspot list. */
	struct cg_sets sets;
	struct esc_sums *sums;
	size_t nparses;
	int all_bodies;    /* every body was converted */
	char **unit_names; /* the units' paths as the progress line shows them (par.h) */
	/* The units that define `main` (programs), as unit indexes, kept ones only; and how many
	 * were left out by opts.program, and how many units without a main it left out (none of
	 * its units references them). */
	size_t *mains;
	size_t nmains, nleft_out, nleft_units;
	/* Without --target, each main's program (progs.h: its units, without link information);
	 * empty with one unit or no main. `program`: the one opts.program kept, else -1. */
	struct progs progs;
	int program;
};

/* The translation units and their compiler arguments (cmd.h): appends to *units. */
int model_units(const struct model_src *src, struct cmdlist *units, struct err *e);
/*
 * Parses, checks and analyses (see above). 0, or -1 with e set (bad input: a unit does not
 * parse, a hotspot or scope is defined nowhere); either way model_free releases m.
 */
int model_build(struct model *m, const struct cmdlist *units, const struct model_opts *o,
                struct err *e);
void model_drop(struct model *m, size_t u);
void model_free(struct model *m);

/*
 * Scoped hotspots that code outside every scope also calls (their allocations there come from
 * the heap): calls fn(ctx, f, root) for each such definition, cg.v[f], with the root function
 * (nothing in the sources calls it) it is reached from, cg.v[root], in graph order.
 */
void model_outside(const struct model *m, void (*fn)(void *ctx, int f, int root), void *ctx);

/* --dump-ast (a debugging aid): every unit parsed in full, its nodes printed on out. */
int model_dump(const struct cmdlist *units, FILE *out, struct err *e);
/* "clang version ..." of the libclang the engine parses with; static storage. */
const char *model_libclang_version(void);

#endif
