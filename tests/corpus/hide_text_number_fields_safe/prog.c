/* Idiom: a request line split into fields whose numbers are parsed with strtoul/sscanf/atoi
 * (lighttpd's request parser, mawk's split + strtod): the numbers are kept in globals after the
 * request, the text they came from dies with it. The text holds digits, never a pointer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long total_len;
static int last_status;

static char *field_dup(const char *s, size_t n)
{
	char *p = malloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static void handle(const char *line)
{
	const char *sp = strchr(line, ' ');
	char *code = field_dup(line, (size_t)(sp - line));
	char *len = field_dup(sp + 1, strlen(sp + 1));
	char buf[32];
	snprintf(buf, sizeof buf, "%s", len);
	last_status = atoi(code);
	total_len += strtoul(buf, NULL, 10);
	unsigned extra = 0;
	if (sscanf(len, "%u", &extra) == 1)
		total_len += extra;
	free(len);
	free(code);
}

int main(void)
{
	handle("200 1024");
	handle("404 12");
	printf("%d %lu\n", last_status, total_len);
	return 0;
}
