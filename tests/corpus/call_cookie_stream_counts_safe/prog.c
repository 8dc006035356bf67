/* A request log written to a fopencookie stream whose write function only counts the bytes and
 * lines it is given (a metrics sink, as in daemons that account their log volume): it keeps
 * nothing. Requests format into the stream inside the handler, which is the scope of the
 * string duplicator. The callback runs inside the scope but stores no pointer: accepted. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t nbytes, nlines;

static char *dupn(const char *s, size_t n)
{
	char *d = malloc(n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

static ssize_t count_write(void *cookie, const char *buf, size_t n)
{
	(void)cookie;
	nbytes += n;
	for (size_t i = 0; i < n; i++)
		nlines += buf[i] == '\n';
	return (ssize_t)n;
}

static FILE *logf;

static int handle(const char *path)
{
	char *p = dupn(path, strlen(path));
	char *q = dupn(p, strlen(p) / 2);
	int len = (int)strlen(p);
	fprintf(logf, "GET %s half %s len %d\n", p, q, len);
	fflush(logf);
	free(q);
	free(p);
	return len;
}

int main(void)
{
	cookie_io_functions_t io = {NULL, count_write, NULL, NULL};
	logf = fopencookie(NULL, "w", io);
	if (!logf)
		return 1;
	setvbuf(logf, NULL, _IONBF, 0);
	int total = handle("/index.html") + handle("/a/b/c");
	fclose(logf);
	printf("total %d, logged %zu bytes in %zu lines\n", total, nbytes, nlines);
	return 0;
}
