/* Shape of redis's string2ll and busybox's xatoi callers: a private copy of a comma-separated
 * field list is parsed with strtol, whose end pointer only walks the copy. SAFE: the end pointer
 * stays in a local of sum_csv and the copy dies with sum_csv's arena; only numbers leave. A tool
 * that refuses it does not know that strtol keeps nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long sum_csv(const char *text, int *fields)
{
	char *copy = strdup(text);
	char *p = copy, *end;
	long sum = 0;
	*fields = 0;
	while (*p) {
		long v = strtol(p, &end, 10);
		if (end == p)
			break;
		sum += v;
		(*fields)++;
		p = end;
		if (*p == ',')
			p++;
	}
	free(copy);
	return sum;
}

int main(void)
{
	int n;
	long s = sum_csv("12,-4,30,1000", &n);
	printf("%d fields, sum %ld\n", n, s);
	s = sum_csv("7,x,9", &n);
	printf("%d fields, sum %ld\n", n, s);
	return 0;
}
