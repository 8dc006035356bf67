#include <stdio.h>
#include <stdlib.h>

#define CHECK(c)                                                                             \
	do {                                                                                 \
		if (!(c))                                                                    \
			return -1;                                                           \
	} while (0)

/* A return hidden in a macro: explicit style cannot free the arena there, so it refuses;
 * cleanup style handles it. */
static int positive_sum(const int *v, int n)
{
	int *copy = malloc(sizeof(int) * (size_t)n);
	int s = 0;
	for (int i = 0; i < n; i++) {
		copy[i] = v[i];
		CHECK(copy[i] >= 0);
		s += copy[i];
	}
	free(copy);
	return s;
}

int main(void)
{
	int a[] = {1, 2, 3}, b[] = {1, -2, 3};
	printf("%d %d\n", positive_sum(a, 3), positive_sum(b, 3));
	return 0;
}
