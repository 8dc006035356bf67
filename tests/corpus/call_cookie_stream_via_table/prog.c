/* The log stream of call_cookie_stream_keeps, its functions picked from the program's own table
 * of sinks (a daemon choosing a "memory" or "null" log backend at start-up, as rsyslog's and
 * systemd-journald's outputs do): the write function reaches fopencookie as a pointer read from
 * the table, not by its name. The chosen sink keeps a copy of every line, made by the hotspot
 * inside the request handler's scope: UNSAFE unless refused. */
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

static ssize_t keep_write(void *cookie, const char *buf, size_t n)
{
	(void)cookie;
	if (nring < 8)
		ring[nring++] = dupn(buf, n);
	return (ssize_t)n;
}

static ssize_t null_write(void *cookie, const char *buf, size_t n)
{
	(void)cookie;
	(void)buf;
	return (ssize_t)n;
}

struct sink {
	const char *name;
	ssize_t (*write)(void *, const char *, size_t);
};

static const struct sink sinks[] = {{"memory", keep_write}, {"null", null_write}};

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

static FILE *open_log(const char *backend)
{
	cookie_io_functions_t io = {NULL, NULL, NULL, NULL};
	for (size_t i = 0; i < sizeof sinks / sizeof *sinks; i++)
		if (!strcmp(sinks[i].name, backend))
			io.write = sinks[i].write;
	return fopencookie(NULL, "w", io);
}

int main(void)
{
	logf = open_log("memory");
	if (!logf)
		return 1;
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
