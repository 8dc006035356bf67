#include <stdio.h>
#include <stdlib.h>

static int squares(int n)
{
	int *v = malloc(sizeof(int) * (size_t)n);
	int s = 0;
	for (int i = 0; i < n; i++)
		s += v[i] = i * i;
	free(v);
	return s;
}

static int cubes(int n)
{
	int *v = malloc(sizeof(int) * (size_t)n);
	int s = 0;
	for (int i = 0; i < n; i++)
		s += v[i] = i * i * i;
	free(v);
	return s;
}

int main(void)
{
	printf("%d %d\n", squares(10), cubes(10));
	return 0;
}
