/* Shape of nginx's and curl's header scans: a lower-cased copy of a message is searched with
 * memmem for every occurrence of a marker. SAFE: memmem's results point into the copy and only
 * advance a local cursor; a count leaves. A tool that refuses it does not know that memmem keeps
 * nothing. */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int count_markers(const char *msg, const char *marker)
{
	size_t n = strlen(msg), m = strlen(marker);
	char *low = malloc(n + 1);
	for (size_t i = 0; i <= n; i++)
		low[i] = (char)tolower((unsigned char)msg[i]);
	int count = 0;
	const char *p = low;
	while ((p = memmem(p, n - (size_t)(p - low), marker, m)) != NULL) {
		count++;
		p += m;
	}
	free(low);
	return count;
}

int main(void)
{
	const char *msg = "Set-Cookie: a=1\r\nset-cookie: b=2\r\nHost: x\r\nSET-COOKIE: c=3\r\n";
	printf("%d cookies\n", count_markers(msg, "set-cookie:"));
	return 0;
}
