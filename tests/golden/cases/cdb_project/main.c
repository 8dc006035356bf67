#include <stdio.h>
#include "tree.h"

int main(void)
{
	TREE_KEY k[] = {50, 20, 70, 10, 30, 60, 80};
	printf("%ld\n", tree_sum(k, 7));
	return 0;
}
