/*
 * prof_cost: the estimates of prof_cost.h.
 */
#include "prof_cost.h"

#include <stdint.h>

static int member(const struct prof_frame *f, const char *const *funcs, const char *const *files,
                  size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (f->func == funcs[k] && (!files[k] || f->file == files[k]))
			return 1;
	return 0;
}

/* Whether a frame above position `at` of the stack is the scope's. */
static int beneath(const struct prof_data *d, const struct prof_stack *s, size_t at,
                   const char *scope)
{
	if (!scope)
		return 1;
	for (size_t j = at + 1; j < s->n; j++)
		if (d->frames[d->fidx[s->first + j]].func == scope)
			return 1;
	return 0;
}

int prof_held(const struct prof_data *d, struct prof_attr sa, const char *const *funcs,
              const char *const *files, size_t n, const char *scope, struct prof_held *out)
{
	out->bytes = 0;
	out->longest = 0;
	out->held = 0;
	if (!d->has_life || !(d->t_end > 0))
		return -1;
	for (size_t si = 0; si < d->nstacks; si++) {
		const struct prof_stack *s = &d->stacks[si];
		size_t at = sa.at[si];
		if (at == SIZE_MAX || !s->allocs ||
		    !member(&d->frames[d->fidx[s->first + at]], funcs, files, n) ||
		    !beneath(d, s, at, scope))
			continue;
		out->bytes = prof_add_sat(out->bytes, s->bytes);
		double mean = s->life / (double)s->allocs;
		if (mean > out->longest)
			out->longest = mean;
	}
	double frac = out->longest / d->t_end;
	out->held = (double)out->bytes * (frac < 1 ? frac : 1);
	return 0;
}
