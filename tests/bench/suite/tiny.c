/*
 * A hotspot called 5 * 10^6 times with one to three small allocations per call, each with an
 * arena of its own (function-local): what a small arena costs against malloc + free.
 * usage: tiny [CALLS]; prints a checksum. -DHAND_ARENA: a buffer on the stack, bumped by hand.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "main.h"

struct pair {
	unsigned long a, b;
};

static unsigned long work(unsigned i)
{
#ifdef HAND_ARENA
	char buf[256], *bump = buf;
#define malloc(n) (void *)(bump += ((n) + 15) & ~(size_t)15, bump - (((n) + 15) & ~(size_t)15))
#define free(p)   ((void)(p))
#endif
	struct pair *p = malloc(sizeof(*p));
	unsigned long r;

	p->a = i;
	p->b = i * 3u;
	r = p->a ^ p->b;
	if (i % 3) {
		char *name = malloc(24);

		*put_uint(put_text(name, "k"), i) = '\0';
		r += strlen(name);
		if (i % 3 == 2) {
			unsigned *v = malloc(8 * sizeof(*v));

			for (unsigned k = 0; k < 8; k++)
				v[k] = i + k;
			r += v[i % 8];
			free(v);
		}
		free(name);
	}
	free(p);
	return r;
#ifdef HAND_ARENA
#undef malloc
#undef free
#endif
}

int main(int argc, char **argv)
{
	return bench_main(argc, argv, 5000000, work);
}
