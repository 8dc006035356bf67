#include "words.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	char *joined = calloc(1, 1);
	size_t len = 0;
	for (int i = 1; i < argc; i++) {
		joined = realloc(joined, len + strlen(argv[i]) + 2);
		len += (size_t)sprintf(joined + len, "%s ", argv[i]);
	}
	printf("%d\n", count_words(joined));
	free(joined);
	return 0;
}
