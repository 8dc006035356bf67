/* A per-request server (issue 22): handle_request parses a request's headers into a list
 * (header_new) kept until the response is made, and builds the response in a buffer that
 * reply frees itself. The headers' lifetime is bounded by handle_request; reply needs no
 * scope (its own arena). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct header {
	char *name, *value;
	struct header *next;
};

static struct header *header_new(const char *line, size_t n)
{
	struct header *h = malloc(sizeof *h);
	if (!h)
		abort();
	const char *colon = memchr(line, ':', n);
	size_t k = colon ? (size_t)(colon - line) : n;
	h->name = strndup(line, k);
	h->value = strndup(colon ? colon + 1 : "", colon ? n - k - 1 : 0);
	if (!h->name || !h->value)
		abort();
	h->next = NULL;
	return h;
}

static size_t reply(const struct header *hs)
{
	size_t cap = 16, len = 0;
	char *buf = malloc(cap);
	if (!buf)
		abort();
	for (; hs; hs = hs->next) {
		size_t need = strlen(hs->name) + strlen(hs->value) + 3;
		while (len + need >= cap) {
			char *nb = realloc(buf, cap *= 2);
			if (!nb)
				abort();
			buf = nb;
		}
		len += (size_t)sprintf(buf + len, "%s=%s;", hs->name, hs->value);
	}
	size_t out = len + (size_t)buf[0];
	free(buf);
	return out;
}

static size_t handle_request(const char *req)
{
	struct header *list = NULL, **tail = &list;
	for (const char *p = req; *p;) {
		size_t n = strcspn(p, "\n");
		*tail = header_new(p, n);
		tail = &(*tail)->next;
		p += n + (p[n] == '\n');
	}
	size_t r = reply(list);
	while (list) {
		struct header *next = list->next;
		free(list->name);
		free(list->value);
		free(list);
		list = next;
	}
	return r;
}

static size_t serve(int requests)
{
	size_t total = 0;
	for (int i = 0; i < requests; i++)
		total += handle_request(
		    "Host:example\nAccept:*/*\nUser-Agent:t\nX-Id:42\nConnection:close");
	return total;
}

int main(int argc, char **argv)
{
	printf("%zu\n", serve(argc > 1 ? atoi(argv[1]) : 200));
	return 0;
}
