/*
 * prof: `arena-rewrite --profile`, an allocation profile turned into a hotspot list.
 *
 * prof_main reads PROFILE, detects its format from the content (valgrind DHAT JSON, or folded
 * stacks), attributes each allocation to the innermost frame that is not an allocator (the rules'
 * allocator family and profile_allocators), ranks functions by allocation count, and prints the
 * hotspot list as JSON (CONTRACT section 3) on stdout. Errors (unreadable, unknown format,
 * malformed, empty, bad limits) fill `e` with ERR_INPUT and print nothing on stdout.
 */
#ifndef ARW_PROF_H
#define ARW_PROF_H

struct err;
struct rules;

struct prof_opts {
	const char *path;
	long top;         /* at most this many entries; <= 0 means the default (20) */
	double min_share; /* drop entries below this share of all allocations, in [0, 1] */
};

int prof_main(const struct prof_opts *o, const struct rules *r, struct err *e);

#endif
