#include <stdio.h>
#include <stdlib.h>

/* Tab-indented, with a one-line if and nested loops. */
static int triangle(int n)
{
	int *row = malloc(sizeof(int) * (size_t)(n + 1));
	int total = 0;
	if (!row) return -1;
	for (int i = 0; i <= n; i++) {
		row[i] = 1;
		for (int j = i - 1; j > 0; j--)
			row[j] += row[j - 1];
		if (i == n)
			for (int j = 0; j <= n; j++)
				total += row[j];
	}
	free(row);
	return total;
}

int main(void)
{
	printf("%d %d\n", triangle(10), triangle(20));
	return 0;
}
