/* Shape of growth macros (git's ALLOC_GROW and REALLOC_ARRAY, lua's luaM_reallocvector, busybox's
 * xrealloc_vector) written around realloc: collect allocates its array with malloc and grows it
 * with GROW. UNSAFE as rewritten today: the malloc becomes an arena allocation, but the realloc
 * inside the macro expansion is left alone without a refusal, so libc realloc receives arena
 * memory. A wrong acceptance crashes in realloc (ASan: attempting free on address which was not
 * malloc()-ed). */
#include <stdio.h>
#include <stdlib.h>

#define GROW(p, nr, alloc)                                                                         \
	do {                                                                                       \
		if ((nr) >= (alloc)) {                                                             \
			(alloc) = (alloc)*2 + 1;                                                   \
			(p) = realloc((p), (alloc) * sizeof(*(p)));                                \
		}                                                                                  \
	} while (0)

static long collect(int n)
{
	size_t nr = 0, alloc = 2;
	int *v = malloc(alloc * sizeof *v);
	for (int i = 0; i < n; i++) {
		GROW(v, nr, alloc);
		v[nr++] = i * i;
	}
	long sum = 0;
	for (size_t i = 0; i < nr; i++)
		sum += v[i];
	free(v);
	return sum;
}

int main(void)
{
	printf("%ld\n", collect(20));
	return 0;
}
