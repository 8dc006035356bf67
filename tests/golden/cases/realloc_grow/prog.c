#include <stdio.h>
#include <stdlib.h>

/* A growing array: realloc in a loop, doubling. */
static long sum_squares(int n)
{
	size_t cap = 1, len = 0;
	long *v = malloc(cap * sizeof(*v));
	if (!v)
		return -1;
	for (int i = 0; i < n; i++) {
		if (len == cap) {
			long *nv = realloc(v, 2 * cap * sizeof(*v));
			if (!nv) {
				free(v);
				return -1;
			}
			v = nv;
			cap *= 2;
		}
		v[len++] = (long)i * i;
	}
	long s = 0;
	for (size_t i = 0; i < len; i++)
		s += v[i];
	free(v);
	return s;
}

int main(void)
{
	printf("%ld %ld\n", sum_squares(1000), sum_squares(100000));
	return 0;
}
