/* Shape of servers with a connection pool and a request pool (nginx's c->pool and r->pool,
 * Apache's pools): a token copier is used in both, and the request handler nests inside the
 * connection handler. Tokens copied while handling a request are used only by that request;
 * the connection's own tokens (the peer name) are copied before any request runs. SAFE: each
 * scope's memory is used only under that scope, so the arenas of both scopes are correct. A tool
 * that refuses a hotspot reached from nested scopes without a flow from inner to outer is
 * over-cautious. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *copy_token(const char *s)
{
	size_t n = strcspn(s, " \r\n");
	char *t = malloc(n + 1);
	memcpy(t, s, n);
	t[n] = '\0';
	return t;
}

static size_t handle_request(const char *line)
{
	char *method = copy_token(line);
	const char *sp = strchr(line, ' ');
	char *path = copy_token(sp ? sp + 1 : "");
	printf("  %s %s\n", method, path);
	size_t n = strlen(method) + strlen(path);
	free(path);
	free(method);
	return n;
}

static size_t handle_conn(const char *peer, const char *const *reqs, int n)
{
	char *who = copy_token(peer);
	printf("conn %s\n", who);
	size_t total = 0;
	for (int i = 0; i < n; i++)
		total += handle_request(reqs[i]);
	printf("conn %s done\n", who);
	free(who);
	return total;
}

int main(void)
{
	const char *reqs[] = {"GET /a HTTP/1.1", "POST /form HTTP/1.1"};
	printf("%zu\n", handle_conn("10.0.0.7 x", reqs, 2));
	return 0;
}
