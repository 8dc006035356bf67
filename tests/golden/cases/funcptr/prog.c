#include <stdio.h>
#include <stdlib.h>

typedef void *(*alloc_fn)(size_t);

/* The allocator's address is taken and called through a pointer: left alone, reported. */
static int through_pointer(int n)
{
	alloc_fn get = malloc;
	int *a = get(sizeof(int) * (size_t)n);
	int *b = malloc(sizeof(int) * (size_t)n);
	int s = 0;
	for (int i = 0; i < n; i++) {
		a[i] = i;
		b[i] = a[i] * 2;
		s += b[i];
	}
	free(a);
	free(b);
	return s;
}

int main(void)
{
	printf("%d\n", through_pointer(100));
	return 0;
}
