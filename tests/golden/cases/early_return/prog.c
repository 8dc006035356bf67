#include <stdio.h>
#include <stdlib.h>

struct item {
	int key;
	struct item *next;
};

/* Counts distinct keys; early returns in unbraced ifs, else branches and loops. */
static int count_distinct(const int *keys, int n)
{
	struct item *seen = NULL;
	int count = 0;
	if (n <= 0)
		return 0;
	for (int i = 0; i < n; i++) {
		struct item *it;
		for (it = seen; it; it = it->next)
			if (it->key == keys[i])
				break;
		if (it)
			continue;
		it = malloc(sizeof(*it));
		if (!it)
			return -1;
		it->key = keys[i];
		it->next = seen;
		seen = it;
		count++;
		if (count > 1000) return -2;
		else if (count > 500)
			return -3;
		while (count > 100000)
			return -4;
	}
	return count;
}

int main(void)
{
	int keys[] = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5};
	printf("%d\n", count_distinct(keys, 11));
	printf("%d\n", count_distinct(keys, 0));
	printf("%d\n", count_distinct(keys, 4));
	return 0;
}
