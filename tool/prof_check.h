/*
 * prof_check: --profile's suggestions proven by the rewrite's own analysis before they are
 * shown (issue 22, items 1 and 2; internal to tool/prof*.c).
 *
 * Each candidate is a hotspot with its scope chain: the callers that could hold its arena,
 * innermost first (main and thread start functions are never in it). A round writes the
 * candidates still in play as a hotspot list, each at its current level (level -1: its own
 * arena, no scope; level k: chain[k]), and asks rewrite_verdicts for the verdict of each, as
 * a rewrite of the same sources would give it. A candidate refused on its own account (its
 * record, or its scope's) moves one level out; past the end of its chain it is refused for
 * good with the first line of the analysis' reason. A candidate with nothing the rewrite can
 * change, or defined in none of the sources, is refused at once. Rounds repeat until one
 * changes nothing, so the list left is exactly what one rewrite accepts, all together (the
 * analysis denies by default: accepted means safe).
 *
 * So the scope chosen is the innermost caller after whose return none of the hotspot's memory
 * is reachable, as far as the analysis can prove it: the lifetime-bounding function, never a
 * function inside a callback loop whose results outlive it.
 *
 * A candidate with nothing to change that calls an allocator wrapper the rules do not know
 * (found in the source: a tail call `return malloc(n);` at -O2 leaves no frame for it, so the
 * profile names its callers) is refused with the rule to add.
 *
 * Ownership: candidates borrow func, file and chain from the caller; `why` and `via` are
 * malloc'd here and freed by prof_check_free.
 */
#ifndef ARW_PROF_CHECK_H
#define ARW_PROF_CHECK_H

#include <stddef.h>

struct cmdlist;
struct err;
struct rules;

#define PROF_LEVEL_REFUSED (-2)

struct prof_cand {
	const char *func, *file;
	const char **chain; /* innermost first */
	size_t nchain;
	int level;  /* -1 own arena, k: chain[k], PROF_LEVEL_REFUSED */
	char *why;  /* when refused: one line */
	int nsites; /* call sites the accepted rewrite changes */
	int rounds; /* analysis runs it took part in */
	/* What the sources show (rewrite_verdict): the kind it is a wrapper of, the first
	 * wrapper it calls (malloc'd) and that one's kind; RK__COUNT and NULL: none. */
	int wrapper, via_kind;
	char *via;
};

/* 0, or -1 with e set (the sources do not parse; a rule does not fit them). */
int prof_check(const struct cmdlist *units, const char *program, const struct rules *r, long jobs,
               struct prof_cand *c, size_t n, struct err *e);
void prof_check_free(struct prof_cand *c, size_t n);

#endif
