#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pair {
	long a, b;
};

/* The return values read arena memory: they must be computed before the arena goes. */
static long sum_pairs(int n)
{
	struct pair *v = calloc((size_t)n, sizeof(*v));
	if (!v)
		return -1;
	for (int i = 0; i < n; i++) {
		v[i].a = i;
		v[i].b = 2 * i;
	}
	long total = 0;
	for (int i = 0; i < n; i++)
		total += v[i].a + v[i].b;
	if (n > 3)
		return total + v[n - 1].b;
	return v[0].a + total;
}

static size_t longest(const char *const *words, int n)
{
	char *buf = malloc(256);
	if (!buf)
		return 0;
	buf[0] = '\0';
	for (int i = 0; i < n; i++)
		if (strlen(words[i]) > strlen(buf))
			strcpy(buf, words[i]);
	return strlen(buf);
}

int main(void)
{
	const char *w[] = {"arena", "allocation", "go"};
	printf("%ld %ld %zu\n", sum_pairs(10), sum_pairs(2), longest(w, 3));
	return 0;
}
