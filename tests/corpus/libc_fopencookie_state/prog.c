/* Shape of the glibc manual's fopencookie example (a stream over a memory buffer) as libraries
 * use it to wrap their own sinks in a FILE: the cookie is allocated by the opener, kept by the
 * stream, and freed by the close function when the caller fcloses the FILE. UNSAFE: fopencookie
 * keeps its cookie argument for the life of the stream; with the cookie in open_counter's arena,
 * every later write and the close read and free released memory. A wrong acceptance is a use
 * after free at the first fprintf in main and a libc free of arena memory at fclose. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct counter {
	size_t bytes;
	size_t lines;
};

static ssize_t counter_write(void *c, const char *buf, size_t size)
{
	struct counter *cnt = c;
	cnt->bytes += size;
	for (size_t i = 0; i < size; i++)
		cnt->lines += buf[i] == '\n';
	return (ssize_t)size;
}

static int counter_close(void *c)
{
	struct counter *cnt = c;
	printf("closed after %zu bytes, %zu lines\n", cnt->bytes, cnt->lines);
	free(cnt);
	return 0;
}

static FILE *open_counter(void)
{
	struct counter *c = calloc(1, sizeof *c);
	cookie_io_functions_t io = {NULL, counter_write, NULL, counter_close};
	FILE *f = fopencookie(c, "w", io);
	if (!f)
		free(c);
	return f;
}

int main(void)
{
	FILE *f = open_counter();
	if (!f)
		return 1;
	fprintf(f, "first line\n");
	fprintf(f, "second %d\n", 2);
	fclose(f);
	return 0;
}
