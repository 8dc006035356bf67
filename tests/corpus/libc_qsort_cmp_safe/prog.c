/* Shape of statistics helpers (redis's latency percentiles, coreutils' sort -n) that copy values
 * into a scratch array, qsort it with a comparator that only compares, and read one element.
 * SAFE: qsort calls the comparator with pointers into the array and the comparator keeps
 * nothing; the median leaves by value. A tool that refuses it does not know qsort's effect or
 * cannot see that the comparator only reads. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(const double *v, size_t n)
{
	double *tmp = malloc(n * sizeof *tmp);
	memcpy(tmp, v, n * sizeof *tmp);
	qsort(tmp, n, sizeof *tmp, cmp_double);
	double m = n % 2 ? tmp[n / 2] : (tmp[n / 2 - 1] + tmp[n / 2]) / 2;
	free(tmp);
	return m;
}

int main(void)
{
	double lat[] = {12.5, 3.0, 7.25, 100.0, 8.0, 9.5};
	printf("median %.3f\n", median(lat, 6));
	printf("median %.3f\n", median(lat, 5));
	return 0;
}
