/* git's wrapper.c: xmallocz(n) allocates n+1 bytes and writes the NUL at p[n], so callers copy
 * exactly n bytes and use the result as a string. The rules file declares it as kind malloc. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *xmallocz(size_t size)
{
	char *p = malloc(size + 1);
	if (!p)
		abort();
	p[size] = 0;
	return p;
}

static char *xmemdupz(const void *data, size_t len)
{
	return memcpy(xmallocz(len), data, len);
}

static int count_fields(const char *line)
{
	int n = 0;
	const char *p = line;
	while (*p) {
		size_t len = strcspn(p, ":");
		char *field = xmemdupz(p, len);
		printf("field %d '%s'\n", n++, field);
		free(field);
		p += len;
		if (*p == ':')
			p++;
	}
	return n;
}

int main(void)
{
	printf("%d\n", count_fields("root:x:0:0:root:/root:/bin/bash"));
	return 0;
}
