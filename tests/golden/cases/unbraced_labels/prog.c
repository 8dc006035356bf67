#include <stdio.h>
#include <stdlib.h>

/* Returns after case labels and labels that are not directly in a block: the release and the
 * return must stay one statement. */
static int pick(int k)
{
	char *p = malloc(4);
	switch (k)
	case 0:
		return 0;
	if (k > 5)
	out:
		return 1;
	free(p);
	if (k == 3)
		goto out;
	return 2;
}

int main(void)
{
	for (int k = 0; k < 8; k++)
		printf("%d ", pick(k));
	printf("\n");
	return 0;
}
