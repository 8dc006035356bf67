#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Splits on commas with strndup, keeps a strdup copy, prints the fields reversed. */
static void print_reversed(const char *csv)
{
	char *copy = strdup(csv);
	char *fields[16];
	int n = 0;
	const char *p = copy;
	while (*p && n < 16) {
		const char *q = strchr(p, ',');
		size_t len = q ? (size_t)(q - p) : strlen(p);
		fields[n++] = strndup(p, len);
		p += len + (q != NULL);
	}
	for (int i = n - 1; i >= 0; i--) {
		printf("%s%s", fields[i], i ? "," : "\n");
		free(fields[i]);
	}
	free(copy);
}

int main(void)
{
	print_reversed("alpha,beta,gamma,delta");
	print_reversed("one");
	return 0;
}
