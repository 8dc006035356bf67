/* Shape of busybox's xargs -0 and find -print0 readers: NUL-separated records read with
 * getdelim(&buf, &cap, '\0', f) into a buffer the reader allocated up front. UNSAFE: getdelim
 * grows its buffer with libc realloc; with the first buffer in longest_name's arena, realloc
 * receives arena memory. A wrong acceptance crashes inside getdelim (invalid realloc) as soon as
 * a record is longer than the first buffer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t longest_name(FILE *f, char *out, size_t outcap)
{
	size_t cap = 8, best = 0;
	char *buf = malloc(cap);
	ssize_t len;
	while ((len = getdelim(&buf, &cap, '\0', f)) > 0) {
		if ((size_t)len > best) {
			best = (size_t)len;
			snprintf(out, outcap, "%s", buf);
		}
	}
	free(buf);
	return best;
}

int main(void)
{
	static char input[] = "a.txt\0a/much/longer/path/name.c\0b\0";
	FILE *f = fmemopen(input, sizeof input - 1, "r");
	if (!f)
		return 1;
	char name[64];
	size_t n = longest_name(f, name, sizeof name);
	fclose(f);
	printf("longest %zu: %s\n", n, name);
	return 0;
}
