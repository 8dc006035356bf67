#include "store.h"

#include <stdio.h>

int tool_count(const char *s);

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		char *c = store_dup(argv[i]);
		printf("%d\n", tool_count(c));
		store_free(c);
	}
	return 0;
}
