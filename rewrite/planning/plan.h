/*
 * plan: the rewrite of hotspot functions, planned as edits before anything is written.
 *
 * Data path: for each translation unit, plan_tu finds the hotspot definitions in its ast, and
 * records per hotspot the edits (callee renames, the arena declaration, releases at exits),
 * the call sites rewritten or skipped with their reason, and refusals. Results of all units
 * are merged (plan_merge) in a fixed order so output does not depend on -j. plan_finish then
 * drops the edits of refused hotspots, adds the runtime's include once per edited file, and
 * produces one edit_set per file. Nothing in this module writes files.
 *
 * A function defined in a header is seen by every unit that includes it; its edits are planned
 * identically each time and merged by edit_apply, and its sites are deduplicated here.
 *
 * Ownership: struct plan owns everything it holds; plan_free releases it.
 */
#ifndef ARW_PLAN_H
#define ARW_PLAN_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

struct ast;
struct err;
struct hotlist;
struct rules;
struct edit_set;
struct esc_sums;

enum exit_style { EXIT_CLEANUP, EXIT_EXPLICIT };

struct cg;
struct cg_sets;
struct plan_ix;

struct plan_opts {
	enum exit_style style;
	int force;
	const struct rules *rules;
	const struct hotlist *hot;
	/*
	 * Cross-function scopes, from the program model (model.h); all empty when no hotspot
	 * names a scope. scopes[k] is the k-th distinct scope function, its group id
	 * hot->n + k; reach[i] marks the call-graph nodes reachable from some scope, whose free
	 * and realloc become ownership-aware.
	 */
	const char *const *scopes;
	size_t nscopes;
	const struct cg *cg;
	const unsigned char *reach;
	/*
	 * Escape summaries of every function of the run (esc.h), computed by the model before
	 * planning with the hotspot list, so a refusal sees callees in any unit (a helper that
	 * keeps its argument, stores scope memory through an out-parameter). Read-only while
	 * plan_tu runs on several threads. NULL: only the effects table is known about
	 * callees.
	 */
	const struct esc_sums *sums;
	/*
	 * The invariant (docs/design.md): reach_local[i], for call-graph node i, is the own-arena
	 * hotspot whose calls reach it (-1 none, -3 several): its free and realloc become
	 * ownership-aware, dropped with that hotspot's refusal. addr_frees: libc's free or realloc
	 * may be called through a pointer while arena memory is live, so every place that takes
	 * its address names the ownership-aware function instead. Where that place cannot be
	 * edited (inside a macro expansion), the arenas that may reach it are refused:
	 * addr_free_local is the own-arena hotspot whose indirect calls reach it (-1 none, -3
	 * several), addr_free_scoped whether some scope's do.
	 */
	const int *reach_local;
	int addr_frees, addr_free_local, addr_free_scoped;
	/* The run is one unit: its ast is the whole program (tear.h proves teardown dead). */
	int one_unit;
	/* The arenas that may be live in each function of cg (model.h): the ownership-aware
	 * frees and resizes of a function are needed by those arenas only. NULL: none. */
	const struct cg_sets *sets;
};

struct plan_site {
	int hot;    /* hotspot index, scope group (>= number of hotspots), or -2: reachable code */
	int tag;    /* the tag of its edits: applied unless plan_tag_refused */
	char *file; /* absolute */
	unsigned off, line, col;
	char *callee;
	char *replacement; /* NULL when skipped */
	char *reason;      /* why skipped, NULL when rewritten */
};

struct plan_edit {
	int hot; /* -1: belongs to the file (the include) */
	char *file;
	size_t begin, end;
	char *text;
	int seq;
	/* an ownership-aware form written in a macro's definition: dropped where an accepted
	 * edit that is not weak (the scope-aware form) replaces the same text (plan_macro.c) */
	int weak;
};

/* An expansion of a project macro's allocation in a planned function (plan_macro.c): `hot`
 * asks for the macro's scope-aware definition (else -1), or scope group `group` may be live
 * there and hotspot entry `need` (-1: none) is what the escape analysis judged it as. */
struct plan_muse {
	char *key;   /* the definition: "file:offset" */
	char *macro; /* its name */
	char *dfile; /* the definition's file and line */
	unsigned dline;
	char *file; /* the expansion */
	unsigned off, line, col;
	char *fn; /* the function expanding it */
	int hot, need, group;
};

struct plan_func {
	int hot;   /* hotspot index or scope group */
	int group; /* for a hotspot allocating from a caller's scope: that scope's group, else -1 */
	int alias; /* the tag this definition's edits carry */
	char *file;
	unsigned off, line;
	int refused;
	/* A refusal found outside the definition (an allocator's address taken where it cannot be
	 * edited): it refuses every record of `hot`, whatever theirs say. */
	int veto;
	char *why; /* refusal message(s), NULL when accepted */
	/* a refused scope's record whose every reason is memory a call in it made: the names of
	 * those callees, one per line (which hotspots it refuses for their own memory), or NULL */
	char *blame;
	char *warn; /* escapes accepted under --force, or NULL */
	/* a scope none of whose hotspots moves an allocation onto its arena: nothing is written
	 * for it (no later round plans it: rewrite.c), and that is no refusal */
	int idle;
	int nrewritten;
	/* a scope's record: the line of a loop of it that takes scope memory and frees memory
	 * each iteration, which the arena holds until the scope returns (a note), else 0 */
	unsigned frees_early;
};

struct plan {
	struct plan_site *sites;
	size_t nsites, sites_cap;
	struct plan_edit *edits;
	size_t nedits, edits_cap;
	struct plan_func *funcs;
	size_t nfuncs, funcs_cap;
	/* per file: where the runtime's include goes, or nothing when already included */
	struct plan_edit *incs;
	size_t nincs, incs_cap;
	/* per edited file: fs_hash of the text its offsets refer to (what libclang parsed); 0
	 * when two units parsed different texts. The write phase compares it with what it reads. */
	struct plan_text {
		char *file;
		uint64_t hash;
	} * texts;
	size_t ntexts, texts_cap;
	/* An index of the records (planmerge.c), brought up to date by plan_merge and plan_finish;
	 * the queries use it when it is, and scan the records otherwise. */
	struct plan_ix *ix;
	const struct cg_sets *sets; /* plan_opts.sets, for PLAN_TAG_SET */
	struct plan_muse *muses;    /* macro-spelled allocations (plan_macro.c) */
	size_t nmuses, muses_cap;
	/* by scope group: a hotspot of it leaves an allocation on the heap, so the release calls
	 * dropped for it (PLAN_TAG_NEEDS) are kept: the walk may free that memory (rewrite.c) */
	unsigned char *heap_left;
	size_t nheap_left;
};

int plan_tu(struct plan *p, const struct ast *a, const struct plan_opts *o, struct err *e);
/* Moves src's records into dst (src is left empty), skipping duplicates. Costs the size of src:
 * duplicates are found through dst's index. */
void plan_merge(struct plan *dst, struct plan *src);
/* Append copies of a record and of a site of an earlier round (rewrite.c), so the last
 * round's plan still tells of entries switched off since; a record accepted then is refused
 * with reason `why` when why is not NULL. */
void plan_keep_record(struct plan *dst, const struct plan_func *f, const char *why);
void plan_keep_site(struct plan *dst, const struct plan_site *s);

/* After every unit is merged: refuses the hotspots whose macro-spelled allocations cannot be
 * made scope-aware in the macro's definition (plan_macro.c). */
void plan_macro_resolve(struct plan *p, const struct plan_opts *o);
void plan_muse_clear(struct plan_muse *u);
/* Whether hotspot or scope group h is refused: one of its records is, or the scope group one
 * of them allocates from. (Every hotspot is defined somewhere: the model checked it.) */
int plan_refused(const struct plan *p, int h);
/*
 * Whether the edits tagged t are dropped: every record carrying that tag refused. Tag -2 is
 * never dropped (ownership-aware frees); PLAN_TAG_NEEDS(g) marks edits that are right only when
 * every allocation of scope group g comes from its arena (a release call dropped in the scope):
 * they are dropped when the group or any hotspot allocating from it is refused.
 */
#define PLAN_TAG_NEEDS(g) (-3 - (g))
/*
 * PLAN_TAG_SET(k) marks edits that arena set k of the model needs (plan_opts.sets: an
 * ownership-aware free in a function those arenas reach): dropped when every arena of the set
 * is refused, kept while one is accepted, whichever function's record is refused.
 */
#define PLAN_TAG_SET(k)    (INT_MIN + (k))
#define PLAN_TAG_IS_SET(t) ((t) < INT_MIN / 2)
int plan_tag_refused(const struct plan *p, int t);
/* Per-file edit sets of the accepted hotspots, sorted by path. */
size_t plan_finish(struct plan *p, struct edit_set **out);
void plan_free(struct plan *p);

/* The end of a skipped site's reason (plan_macro.c) when a project macro spells the allocation
 * in a hotspot with its own arena: with a caller's scope, the macro's definition would be
 * rewritten (--profile moves such a candidate's scope out instead of refusing it). */
#define PLAN_MACRO_NEEDS_SCOPE                                                                     \
	"is made scope-aware only for a hotspot allocating from a caller's scope"

#endif
