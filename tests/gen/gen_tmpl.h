/*
 * gen_tmpl: the program generator's random numbers and its template expander.
 *
 * Determinism is the whole point: a seed must reproduce a failing program byte for byte on any
 * machine, so the generator never reads the clock, the environment or libc's rand(); every
 * choice comes from one splitmix64 stream (struct gt_rng) owned by the caller.
 *
 * A template is C text with three substitutions, chosen so that they never occur in the C the
 * templates contain:
 *   '@'         the instance suffix (the module's position in the program), so two modules
 *               never clash on a name;
 *   '$0'..'$9'  the instance's parameters, small integers drawn once per instance;
 *   a line that begins with "{X}" is kept only when flag X (A-Z) is set, "{!X}" only when it
 *               is not; the prefix itself is dropped. Flags are how one template carries both
 *               the safe shape and the deliberate escape.
 * A line that begins with "#include" is not expanded where it stands: gt_includes writes it,
 * so that the program includes every header at its top, before any code that uses it (as real
 * programs do, and as arena-rewrite expects of an "arena_rt.h" it finds already included).
 * The expander writes to a FILE the caller owns and never allocates.
 */
#ifndef GEN_TMPL_H
#define GEN_TMPL_H

#include <stdint.h>
#include <stdio.h>

struct gt_rng {
	uint64_t state;
};

/* One module instance's substitutions. */
struct gt_inst {
	int suffix;
	int param[10];
	unsigned flags; /* bit (c - 'A') for flag c */
};

void gt_seed(struct gt_rng *r, uint64_t seed);
uint64_t gt_next(struct gt_rng *r);
/* A number in [lo, hi]. */
int gt_range(struct gt_rng *r, int lo, int hi);
/* 1 with probability pct/100. */
int gt_chance(struct gt_rng *r, int pct);

int gt_flag(const struct gt_inst *in, char flag);
/* Writes tmpl expanded for `in` to out, its "#include" lines left out. */
void gt_expand(FILE *out, const char *tmpl, const struct gt_inst *in);
/* Writes tmpl's "#include" lines (unconditional, nothing to substitute) to out. */
void gt_includes(FILE *out, const char *tmpl);
/* Expands a short name ("node_new_@") into buf. */
void gt_name(char *buf, size_t size, const char *tmpl, const struct gt_inst *in);

#endif
