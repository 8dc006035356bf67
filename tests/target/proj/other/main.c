#include <stdio.h>
#include <stdlib.h>

/* Another program's function of the same name as the library's: never the hotspot of app1. */
static int *word_new(int n)
{
	int *v = malloc(sizeof(int) * (size_t)n);
	for (int i = 0; i < n; i++)
		v[i] = i;
	return v;
}

static int other_sum(int n)
{
	int *v = word_new(n);
	int s = 0;
	for (int i = 0; i < n; i++)
		s += v[i];
	free(v);
	return s;
}

int main(void)
{
	printf("%d\n", other_sum(10));
	return 0;
}
