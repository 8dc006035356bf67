/*
 * prof: `arena-rewrite --profile`, an allocation profile turned into a hotspot list.
 *
 * prof_main reads PROFILE, detects its format from the content (valgrind DHAT JSON, or folded
 * stacks), attributes each allocation to the innermost frame that is not an allocator (the rules'
 * allocator family and profile_allocators), ranks functions by allocation count, and prints the
 * hotspot list as JSON (CONTRACT section 3) on stdout. Errors (unreadable, unknown format,
 * malformed, empty, bad limits) fill `e` with ERR_INPUT and print nothing on stdout.
 *
 * The second half of this header is internal to tool/prof*.c:
 *   prof.c         entry point, format detection, attribution, ranking, JSON output
 *   prof_dhat.c    valgrind DHAT reader (JSON through cJSON)
 *   prof_folded.c  folded-stack reader (`root;...;leaf COUNT` lines)
 *   prof_frame.c   one frame's text -> function, file, library flag (shared by both readers)
 *   prof_map.c     a small hash map used for interning and aggregation
 * Readers only turn a profile into prof_data (frames + stacks); every decision about which
 * frame is a hotspot is made in prof.c, so both formats are attributed by the same rule.
 */
#ifndef ARW_PROF_H
#define ARW_PROF_H

#include <stddef.h>
#include <stdint.h>

struct err;
struct rules;

struct prof_opts {
	const char *path;
	long top;         /* at most this many entries; 0: not given, the default (20); < 0 is
	                     refused (main.c refuses `--top 0` itself, as it alone can tell it
	                     from an absent --top) */
	double min_share; /* drop entries below this share of all allocations, in [0, 1] */
};

int prof_main(const struct prof_opts *o, const struct rules *r, struct err *e);

/* ---- internal to tool/prof*.c ---------------------------------------------------------- */

/*
 * pmap: open-addressing hash map from byte strings to a size_t. Each key is copied into its own
 * allocation, so `ent->key` stays valid (and can serve as an interned string) until pmap_free,
 * however much the table grows.
 */
struct pmap_ent {
	char *key; /* NUL-terminated copy of the key bytes; NULL: empty slot */
	size_t klen;
	size_t hash;
	size_t val;
};

struct pmap {
	struct pmap_ent *v;
	size_t cap, n; /* cap is 0 or a power of two */
};

/* Finds key, or inserts it with val 0 and sets *created (when non-NULL). */
struct pmap_ent *pmap_put(struct pmap *m, const void *key, size_t klen, int *created);
struct pmap_ent *pmap_get(const struct pmap *m, const void *key, size_t klen);
void pmap_free(struct pmap *m);

/*
 * One distinct frame of the profile. Strings are interned in prof_data.strs, so two frames name
 * the same function exactly when their `func` pointers are equal.
 */
struct prof_frame {
	const char *name; /* the symbol as written, address/offset/location removed ("malloc",
	                     "make_node.constprop.0", "operator new(unsigned long)", "???") */
	const char *func; /* `name` as a plain C identifier, clone suffix stripped; NULL when the
	                     frame is not a C function (C++, an address, "???", "[unknown]") */
	const char *file; /* source file as the profile spells it; NULL when unknown */
	int lib;          /* code of a shared library or the kernel without source: not the
	                     project's, and never a hotspot */
};

/* A stack sample: `n` frame indices at prof_data.fidx[first], innermost first. */
struct prof_stack {
	size_t first, n;
	uint64_t allocs; /* blocks allocated with this stack */
	uint64_t bytes;  /* bytes allocated (0 when the format has none) */
	double life;     /* summed lifetime of those blocks (when has_life) */
};

struct prof_data {
	const char *format; /* "dhat" or "folded" */
	int has_bytes, has_life;
	const char *life_unit; /* interned; NULL when unknown */
	struct prof_frame *frames;
	size_t nframes, frames_cap;
	struct prof_stack *stacks;
	size_t nstacks, stacks_cap;
	size_t *fidx;
	size_t nfidx, fidx_cap;
	struct pmap strs; /* interned strings */
};

void prof_data_free(struct prof_data *d);
const char *prof_intern(struct prof_data *d, const char *s, size_t n);
/* Parses one frame's text and appends it to d->frames; returns its index. `n` bytes at `s`. */
size_t prof_add_frame(struct prof_data *d, const char *s, size_t n);
/* Appends a stack whose frames (innermost first) are idx[0..n). */
void prof_add_stack(struct prof_data *d, const size_t *idx, size_t n, uint64_t allocs,
                    uint64_t bytes, double life);

/* Saturating sum: counts from a hostile profile must not wrap around. */
static inline uint64_t prof_add_sat(uint64_t a, uint64_t b)
{
	return a + b < a ? UINT64_MAX : a + b;
}

/* The readers: `text` is NUL-terminated, `len` bytes; `path` names the file in messages. */
int prof_read_dhat(struct prof_data *d, const char *text, size_t len, const char *path,
                   struct err *e);
int prof_read_folded(struct prof_data *d, const char *text, size_t len, const char *path,
                     struct err *e);
/* Whether the first content line of `text` has the shape of a folded stack line: 1 yes, 0 no,
 * -1 when there is no content line at all (only blanks and '#' comments). */
int prof_looks_folded(const char *text, size_t len);

#endif
