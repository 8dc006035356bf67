/*
 * par: runs fn(ctx, i) for i in [0, n) on up to `jobs` threads, each index exactly once, and
 * returns when all are done. Falls back to the calling thread when no thread can be started.
 * fn must not share mutable state between indices except through its own locking; callers
 * that need a deterministic result store per-index results and merge them in index order.
 */
#ifndef ARW_PAR_H
#define ARW_PAR_H

#include <stddef.h>

void par_run(size_t n, long jobs, void (*fn)(void *ctx, size_t i), void *ctx);

#endif
