/* Shape of curl's curl_easy_setopt(handle, CURLOPT_PRIVATE, ptr) (lib/setopt.c: Curl_vsetopt
 * reads the pointer with va_arg and keeps it in data->set.private_data), read back later with
 * curl_easy_getinfo(CURLINFO_PRIVATE). UNSAFE: the pointer travels through '...' and is kept by
 * the callee's va_arg; with the per-transfer state in start_transfer's arena, the handle keeps the
 * address of memory released when start_transfer returns. A wrong acceptance reads freed memory
 * when main finishes the transfer, then frees it with libc free. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum opt { OPT_URL = 1, OPT_PRIVATE = 2, OPT_TIMEOUT = 3 };

struct handle {
	const char *url;
	void *private_data;
	long timeout;
};

static int setopt(struct handle *h, enum opt o, ...)
{
	va_list ap;
	va_start(ap, o);
	switch (o) {
	case OPT_URL:
		h->url = va_arg(ap, const char *);
		break;
	case OPT_PRIVATE:
		h->private_data = va_arg(ap, void *);
		break;
	case OPT_TIMEOUT:
		h->timeout = va_arg(ap, long);
		break;
	}
	va_end(ap);
	return 0;
}

struct transfer {
	char name[24];
	int attempt;
};

static void start_transfer(struct handle *h, const char *url, int attempt)
{
	struct transfer *t = malloc(sizeof *t);
	snprintf(t->name, sizeof t->name, "job-%d", attempt);
	t->attempt = attempt;
	setopt(h, OPT_URL, url);
	setopt(h, OPT_TIMEOUT, 30L);
	setopt(h, OPT_PRIVATE, (void *)t);
}

int main(void)
{
	struct handle h;
	memset(&h, 0, sizeof h);
	start_transfer(&h, "http://example.invalid/", 3);
	struct transfer *t = h.private_data;
	printf("%s attempt %d url %s timeout %ld\n", t->name, t->attempt, h.url, h.timeout);
	free(t);
	return 0;
}
