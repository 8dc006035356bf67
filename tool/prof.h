/*
 * prof: `arena-rewrite --profile`, an allocation profile turned into a hotspot list.
 *
 * prof_main reads PROFILE, detects its format from the content (valgrind DHAT JSON, or folded
 * stacks), attributes each allocation to the innermost frame that is not an allocator (the rules'
 * allocator family and profile_allocators), ranks functions by allocation count, and prints the
 * hotspot list as JSON (docs/hotspots.md) on stdout. Errors (unreadable, unknown format,
 * malformed, empty, bad limits) fill `e` with ERR_INPUT and print nothing on stdout.
 *
 * The files, each layer including only the ones below it (no include cycle):
 *   prof.c         this entry point: format detection, attribution, ranking, JSON output
 *   prof_read.h    the readers: prof_dhat.c (valgrind DHAT JSON through cJSON) and
 *                  prof_folded.c (`root;...;leaf COUNT` lines)
 *   prof_model.h   what readers fill: prof_data (frames + stacks), in prof_model.c, and
 *                  prof_frame.c (one frame's text -> function, file, library flag)
 * Readers only turn a profile into prof_data; every decision about which frame is a hotspot is
 * made in prof.c, so both formats are attributed by the same rule.
 */
#ifndef ARW_PROF_H
#define ARW_PROF_H

#include <stddef.h>
#include <stdint.h>

struct cmdlist;
struct err;
struct rules;

struct prof_opts {
	const char *path;
	long top;         /* at most this many entries; 0: not given, the default (20); < 0 is
	                     refused (main.c refuses `--top 0` itself, as it alone can tell it
	                     from an absent --top) */
	double min_share; /* drop entries below this share of all allocations, in [0, 1] */
	/* The program's sources (SOURCEs, -p DIR, "--"): when given, every entry is checked by
	 * the rewrite's analysis before it is shown (prof_check.h). NULL or empty: not checked. */
	const struct cmdlist *units;
	long jobs;
	const char *program; /* --program MAIN.c (absolute), or NULL */
};

int prof_main(const struct prof_opts *o, const struct rules *r, struct err *e);

#endif
