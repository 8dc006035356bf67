/*
 * prof_model: what a profile reader produces and prof.c attributes (internal to tool/prof*.c).
 *
 * prof_data holds the distinct frames of a profile and its stack samples; readers fill it
 * through prof_add_frame (prof_frame.c parses the frame's text) and prof_add_stack, and intern
 * every string with prof_intern. This layer knows nothing of formats or of attribution: readers
 * (prof_read.h) and prof.c sit on top of it.
 *
 * Ownership: prof_data owns frames, stacks, frame indices and interned strings; prof_data_free
 * releases them all. Interned strings stay valid until then, and two equal strings are the same
 * pointer.
 */
#ifndef ARW_PROF_MODEL_H
#define ARW_PROF_MODEL_H

#include "strmap.h"

#include <stddef.h>
#include <stdint.h>

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
	double t_end;          /* the run's length in life_unit (DHAT "te"); 0 when unknown */
	uint64_t peak_bytes;   /* bytes live at the run's peak (DHAT: the sum of "gb") */
	int has_peak;
	struct prof_frame *frames;
	size_t nframes, frames_cap;
	struct prof_stack *stacks;
	size_t nstacks, stacks_cap;
	size_t *fidx;
	size_t nfidx, fidx_cap;
	struct strmap strs; /* interned strings (keys owned: strmap_putb_dup) */
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

#endif
