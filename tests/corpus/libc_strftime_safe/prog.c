/* Shape of redis's serverLogRaw and busybox's syslogd: a timestamp is made with gmtime_r and
 * strftime into a buffer, the message is assembled with snprintf, written out, and the buffers
 * dropped. SAFE: gmtime_r fills a caller's struct, strftime and snprintf write into the buffers;
 * nothing is kept. A tool that refuses it does not know these functions' effects. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static size_t log_line(time_t t, const char *level, const char *msg)
{
	struct tm tm;
	char *stamp = malloc(32);
	gmtime_r(&t, &tm);
	strftime(stamp, 32, "%d %b %Y %H:%M:%S", &tm);
	size_t n = strlen(stamp) + strlen(level) + strlen(msg) + 8;
	char *line = malloc(n);
	snprintf(line, n, "%s %s %s", stamp, level, msg);
	fputs(line, stdout);
	fputc('\n', stdout);
	size_t len = strlen(line);
	free(line);
	free(stamp);
	return len;
}

int main(void)
{
	size_t a = log_line((time_t)1700000000, "*", "Ready to accept connections");
	size_t b = log_line((time_t)1700000060, "#", "Background saving started");
	printf("%zu %zu\n", a, b);
	return 0;
}
