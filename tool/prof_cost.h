/*
 * prof_cost: what an arena would save and hold, estimated from the profile (internal to
 * tool/prof*.c; the model is docs/profiling.md, section 5).
 *
 * Time: every block an arena serves saves the difference between a malloc/free pair and an
 * arena's bump allocation, PROF_PAIR_SAVED instructions (measured with callgrind, see
 * docs/profiling.md); against the run's length (DHAT's "te") that is the share of the run the
 * rewrite can save at most.
 *
 * Memory: an arena frees nothing before its scope returns, so while the scope runs it holds
 * every byte allocated beneath it. A scope the analysis accepted outlives every block
 * allocated beneath it, so the longest mean lifetime among those blocks' stacks is a lower
 * bound of one call's length. With allocation spread evenly over the run, one call holds
 * bytes x longest / te (at most all the bytes): the estimate of the arena's peak. It is
 * compared with the original's peak live bytes (DHAT: the sum of "gb"); a scope that would
 * hold more than PROF_HOLD_FACTOR times them is flagged.
 *
 * Ownership: everything borrows from prof_data; interned strings compare by pointer.
 */
#ifndef ARW_PROF_COST_H
#define ARW_PROF_COST_H

#include "prof_model.h"

#include <stddef.h>
#include <stdint.h>

#define PROF_PAIR_SAVED  120 /* instructions saved per block (malloc+free less a bump) */
#define PROF_HOLD_FACTOR 1.3 /* held at the peak / the original's peak live bytes: flagged */

/* Where each stack's blocks went: at[si] is the hotspot frame's position in stack si, or
 * SIZE_MAX for an unattributed stack. */
struct prof_attr {
	const size_t *at;
};

struct prof_held {
	uint64_t bytes; /* allocated beneath the scope by the group's hotspots */
	double longest; /* longest mean block lifetime among their stacks */
	double held;    /* the estimate of the arena's peak */
};

/* The estimate for the hotspots funcs[0..n) (interned names; files[k] NULL: any) allocating
 * from the arena of `scope` (interned; NULL: each its own arena). 0, or -1 when the profile
 * has no lifetimes or no run length. */
int prof_held(const struct prof_data *d, struct prof_attr sa, const char *const *funcs,
              const char *const *files, size_t n, const char *scope, struct prof_held *out);

#endif
