/*
 * prof_model: prof_data's storage (see prof_model.h): interning, stacks, release.
 */
#include "prof_model.h"
#include "mem.h"

#include <stdlib.h>
#include <string.h>

const char *prof_intern(struct prof_data *d, const char *s, size_t n)
{
	return strmap_putb_dup(&d->strs, s, n, 0, NULL)->key;
}

void prof_add_stack(struct prof_data *d, const size_t *idx, size_t n, uint64_t allocs,
                    uint64_t bytes, double life)
{
	GROW(d->stacks, d->nstacks, d->stacks_cap);
	struct prof_stack *s = &d->stacks[d->nstacks++];
	s->first = d->nfidx;
	s->n = n;
	s->allocs = allocs;
	s->bytes = bytes;
	s->life = life;
	for (size_t i = 0; i < n; i++) {
		GROW(d->fidx, d->nfidx, d->fidx_cap);
		d->fidx[d->nfidx++] = idx[i];
	}
}

void prof_data_free(struct prof_data *d)
{
	free(d->frames);
	free(d->stacks);
	free(d->fidx);
	strmap_free_keys(&d->strs);
	memset(d, 0, sizeof(*d));
}
