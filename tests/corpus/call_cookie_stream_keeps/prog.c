/* A log stream made with fopencookie whose write function keeps every line in a ring (a daemon's
 * in-memory log, systemd-style "recent messages"); lines are copied with the program's string
 * duplicator. Requests print to that stream; the duplicator is a hotspot scoped to the request
 * handler. fprintf calls the cookie's write function inside the handler. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *ring[8];
static int nring;

static char *dupn(const char *s, size_t n)
{
	char *d = malloc(n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

static ssize_t log_write(void *cookie, const char *buf, size_t n)
{
	(void)cookie;
	if (nring < 8)
		ring[nring++] = dupn(buf, n);
	return (ssize_t)n;
}

static FILE *logf;

static int handle(const char *path)
{
	char *p = dupn(path, strlen(path));
	int len = (int)strlen(p);
	fprintf(logf, "GET %s len %d\n", p, len);
	fflush(logf);
	free(p);
	return len;
}

int main(void)
{
	cookie_io_functions_t io = {NULL, log_write, NULL, NULL};
	logf = fopencookie(NULL, "w", io);
	setvbuf(logf, NULL, _IONBF, 0);
	handle("/index.html");
	handle("/a/b");
	fclose(logf);
	for (int i = 0; i < nring; i++) {
		printf("%s", ring[i]);
		free(ring[i]);
	}
	return 0;
}
