#define _GNU_SOURCE /* madvise */
/* heap: see heap.h. */
#include "heap.h"

#include <stdlib.h> /* defines __GLIBC__ under glibc */

#if defined(__GLIBC__) && defined(__linux__)
#include <malloc.h>
#include <stdint.h>
#include <sys/mman.h>

#define HEAP_STEP   ((size_t)64 << 20) /* the heap grows and is trimmed by this much at least */
#define HEAP_CHUNK  ((size_t)32 << 20) /* glibc's largest mmap threshold: blocks below it */
#define HEAP_NCHUNK 16                 /* the stretch marked for huge pages: 16 chunks */
#define HEAP_HUGE   ((uintptr_t)2 << 20)

void heap_tune(void)
{
	/* One arena: the parsing threads' memory is the main heap's too, so it is in the marked
	 * stretch (each thread's own arena would grow a page at a time, unmarked). */
	if (!mallopt(M_ARENA_MAX, 1) || !mallopt(M_TOP_PAD, (int)HEAP_STEP) ||
	    !mallopt(M_MMAP_THRESHOLD, (int)HEAP_CHUNK) ||
	    !mallopt(M_TRIM_THRESHOLD, (int)(HEAP_NCHUNK * HEAP_CHUNK + HEAP_STEP)))
		return;
	/* Grow the heap by the stretch, mark it, and give it back to malloc: blocks just below
	 * the mmap threshold come from the heap, one after the other. */
	void *blk[HEAP_NCHUNK];
	uintptr_t lo = UINTPTR_MAX, hi = 0;
	int n = 0;
	for (; n < HEAP_NCHUNK; n++) {
		uintptr_t p = (uintptr_t)(blk[n] = malloc(HEAP_CHUNK - 4096));
		if (!blk[n])
			break;
		lo = p < lo ? p : lo;
		hi = p + HEAP_CHUNK - 4096 > hi ? p + HEAP_CHUNK - 4096 : hi;
	}
	lo = (lo + HEAP_HUGE - 1) & ~(HEAP_HUGE - 1);
	hi &= ~(HEAP_HUGE - 1);
	if (n && hi > lo)
		madvise((void *)lo, hi - lo, MADV_HUGEPAGE); /* advice: failing changes nothing */
	while (n > 0)
		free(blk[--n]);
}
#else
void heap_tune(void)
{
}
#endif
