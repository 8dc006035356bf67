/* lighttpd's header-key handling keeps lower-cased copies; the copy routine (strdup plus
 * tolower) is declared in the rules as kind strdup. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *strdup_lower(const char *s)
{
	char *d = strdup(s);
	for (char *p = d; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return d;
}

static char *header_key(const char *line)
{
	char tmp[64];
	size_t n = strcspn(line, ":");
	snprintf(tmp, sizeof tmp, "%.*s", (int)n, line);
	return strdup_lower(tmp);
}

static void parse(const char *const *lines, int n)
{
	for (int i = 0; i < n; i++) {
		char *k = header_key(lines[i]);
		printf("key %s\n", k);
		free(k);
	}
}

int main(void)
{
	const char *h[] = {"Content-Type: text/html", "X-Forwarded-For: 1.2.3.4"};
	parse(h, 2);
	return 0;
}
