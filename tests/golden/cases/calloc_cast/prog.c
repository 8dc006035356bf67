#include <stdio.h>
#include <stdlib.h>

typedef struct {
	int row, col;
	double v;
} cell;

static double trace(int n)
{
	cell **rows = (cell **)calloc((size_t)n, sizeof(cell *));
	double t = 0;
	for (int i = 0; i < n; i++) {
		rows[i] = (cell *) calloc((size_t)n, sizeof(cell));
		for (int j = 0; j < n; j++)
			rows[i][j] = (cell){i, j, i == j ? 1.5 * i : 0.0};
	}
	for (int i = 0; i < n; i++)
		t += rows[i][i].v;
	for (int i = 0; i < n; i++)
		free(rows[i]);
	free(rows);
	return t;
}

int main(void)
{
	printf("%.1f\n", trace(50));
	return 0;
}
