/* Shape of line loops that prime getline's buffer instead of starting from NULL (coreutils'
 * readlinebuffer users and many CLI tools allocate the first 128 bytes themselves): getline
 * grows the buffer with libc realloc when a line does not fit. UNSAFE: getline reallocates the
 * buffer it is given; with the primed buffer in count_words' arena, libc realloc receives arena
 * memory. A wrong acceptance crashes in realloc (ASan: attempting free on address which was not
 * malloc()-ed). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int count_words(FILE *f)
{
	size_t cap = 16;
	char *line = malloc(cap);
	int words = 0;
	while (getline(&line, &cap, f) > 0) {
		for (char *t = strtok(line, " \n"); t; t = strtok(NULL, " \n"))
			words++;
	}
	free(line);
	return words;
}

int main(void)
{
	static char input[] = "a short line\n"
	                      "a much longer line that does not fit in sixteen bytes at all\n"
	                      "end\n";
	FILE *f = fmemopen(input, strlen(input), "r");
	if (!f)
		return 1;
	printf("%d words\n", count_words(f));
	fclose(f);
	return 0;
}
