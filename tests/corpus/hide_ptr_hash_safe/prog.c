/* Shape of pointer-keyed hash sets (git's hashmap of object pointers, CPython-style id hashing):
 * a local table hashes object addresses, (uintptr_t)p >> 4, to find duplicates among pointers.
 * SAFE: the table itself is scratch memory of count_distinct's arena and the hashed addresses
 * are the caller's objects (never arena memory), so nothing of the arena is kept; a count leaves.
 * A tool that refuses it because an address became an integer index is over-cautious. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static int count_distinct(const void *const *objs, int n)
{
	const void **table = calloc(32, sizeof *table);
	int distinct = 0;
	for (int i = 0; i < n; i++) {
		size_t h = (size_t)(((uintptr_t)objs[i] >> 4) % 32);
		while (table[h] && table[h] != objs[i])
			h = (h + 1) % 32;
		if (!table[h]) {
			table[h] = objs[i];
			distinct++;
		}
	}
	free(table);
	return distinct;
}

int main(void)
{
	static int a, b, c;
	const void *objs[] = {&a, &b, &a, &c, &b, &a};
	printf("%d distinct\n", count_distinct(objs, 6));
	return 0;
}
