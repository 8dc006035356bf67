/* Shape of statistics snapshots (redis's INFO counters, nginx's stub_status): per-call scratch
 * records hold only numbers, and the latest one is copied into a global with memcpy. SAFE: the
 * bytes copied out of sample's arena are a struct of integers, so the global holds no pointer
 * into the arena. A tool that refuses every memcpy out of arena memory is over-cautious. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct stats {
	long requests;
	long bytes;
	int active;
};

static struct stats last;

static long sample(const long *sizes, int n)
{
	struct stats *s = calloc(1, sizeof *s);
	for (int i = 0; i < n; i++) {
		s->requests++;
		s->bytes += sizes[i];
		s->active += sizes[i] > 100;
	}
	memcpy(&last, s, sizeof last);
	long total = s->bytes;
	free(s);
	return total;
}

int main(void)
{
	long sizes[] = {40, 512, 99, 1024};
	long t = sample(sizes, 4);
	printf("total %ld: %ld requests, %ld bytes, %d large\n", t, last.requests, last.bytes,
	       last.active);
	return 0;
}
