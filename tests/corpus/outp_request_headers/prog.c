/* Shape of HTTP servers that parse headers into the request object the connection owns (nginx's
 * ngx_http_process_request_headers filling r->headers_in, libevent's evhttp_parse_headers): the
 * header pass is the scope a profile suggests, an intermediate fill_field picks the field and
 * the allocating helper writes the copy through the field's address. UNSAFE: the request
 * outlives read_headers, so the copies are released when read_headers returns while the request
 * still points to them. A wrong acceptance reads freed arena memory when main serves the request,
 * then frees it with libc free. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct request {
	char *host;
	char *agent;
	int nheaders;
};

static void dup_value(const char *v, char **out)
{
	size_t len = strcspn(v, "\r\n");
	char *s = malloc(len + 1);
	memcpy(s, v, len);
	s[len] = '\0';
	*out = s;
}

static void fill_field(struct request *r, const char *line)
{
	char **field = NULL;
	if (strncasecmp(line, "Host:", 5) == 0)
		field = &r->host;
	else if (strncasecmp(line, "User-Agent:", 11) == 0)
		field = &r->agent;
	if (field) {
		const char *v = strchr(line, ':') + 1;
		while (*v == ' ')
			v++;
		dup_value(v, field);
	}
	r->nheaders++;
}

static int read_headers(struct request *r, const char *const *lines, int n)
{
	for (int i = 0; i < n; i++)
		fill_field(r, lines[i]);
	return r->nheaders;
}

int main(void)
{
	const char *lines[] = {"Host: example.org\r\n", "Accept: */*\r\n",
	                       "User-Agent: curl/7.88\r\n"};
	struct request r = {NULL, NULL, 0};
	read_headers(&r, lines, 3);
	printf("%d headers, host %s, agent %s\n", r.nheaders, r.host, r.agent);
	free(r.host);
	free(r.agent);
	return 0;
}
