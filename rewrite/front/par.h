/*
 * par: runs fn(ctx, i) for i in [0, n) on up to `jobs` threads, each index exactly once, and
 * returns when all are done. Falls back to the calling thread when no thread can be started.
 * fn must not share mutable state between indices except through its own locking; callers
 * that need a deterministic result store per-index results and merge them in index order.
 *
 * Progress: once par_progress has named the run's units, every par_run over that many indices
 * reports each index done on stderr, "[12/340] src/parser.c": in place on a terminal, and only
 * once the run is a second old (PAR_PROGRESS_AUTO, never when stderr is not a terminal), or a
 * line each from the start (PAR_PROGRESS_ON, for logs). The lines go to stderr under par's
 * lock, so they never interleave; the in-place line is erased when par_run returns.
 */
#ifndef ARW_PAR_H
#define ARW_PAR_H

#include <stddef.h>

enum par_progress_mode { PAR_PROGRESS_AUTO, PAR_PROGRESS_ON, PAR_PROGRESS_OFF };

void par_run(size_t n, long jobs, void (*fn)(void *ctx, size_t i), void *ctx);
/* The number of cores online, the default for -j (1 when unknown, at most 256). */
long par_cores(void);
/* Names the units (borrowed until the last par_run) and starts the progress clock. */
void par_progress(enum par_progress_mode mode, const char *const *names, size_t n);

#endif
