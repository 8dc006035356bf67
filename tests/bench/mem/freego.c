/*
 * A long scope that frees as it goes: serve() handles one connection of 100,000 messages; each
 * message is a buffer of 100 to 600 bytes and three small records, all freed once the message
 * is handled. The original program's live memory stays under a few KiB; an arena around the
 * connection holds every message until the connection ends (ARENA_STATS=1 says so). The shape
 * where an arena's price is real: see docs/scopes.md, "Memory". usage: freego [CONNS].
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "main.h"

struct rec {
	unsigned id, len;
	struct rec *next;
};

static char *msg_new(unsigned i, size_t *n)
{
	char *m;

	*n = 100 + (i * 7919u) % 500;
	m = malloc(*n);
	for (size_t k = 0; k < *n; k++)
		m[k] = (char)('a' + (i + k) % 26);
	return m;
}

static struct rec *rec_new(unsigned id, unsigned len, struct rec *next)
{
	struct rec *r = malloc(sizeof(*r));

	r->id = id;
	r->len = len;
	r->next = next;
	return r;
}

static unsigned long serve(unsigned conn)
{
	unsigned long h = 5381;

	for (unsigned i = 0; i < 100000; i++) {
		size_t n;
		char *m = msg_new(i + conn, &n);
		struct rec *r = NULL;

		for (unsigned k = 0; k < 3; k++)
			r = rec_new(i * 3 + k, (unsigned)(n >> k), r);
		for (struct rec *q = r; q; q = q->next)
			h = h * 33 + q->id + (unsigned char)m[q->len - 1];
		while (r) {
			struct rec *next = r->next;

			free(r);
			r = next;
		}
		free(m);
	}
	return h;
}

int main(int argc, char **argv)
{
	return bench_main(argc, argv, 3, serve);
}
