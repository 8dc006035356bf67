/* A long scope that frees as it goes (issue 23): serve() handles a connection of messages, each
 * a buffer and a record freed before the next. The arena around serve() keeps them all until it
 * returns, so the rewrite adds a note naming the loop; a scope per message would not hold them.
 * handle_one() is a scope with no such loop: no note. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rec {
	unsigned id;
	struct rec *next;
};

static char *msg_new(unsigned i)
{
	char *m = malloc(32);

	snprintf(m, 32, "message %u", i);
	return m;
}

static struct rec *rec_new(unsigned id)
{
	struct rec *r = malloc(sizeof(*r));

	r->id = id;
	r->next = NULL;
	return r;
}

static void rec_drop(struct rec *r)
{
	free(r);
}

static unsigned long serve(unsigned n)
{
	unsigned long h = 5381;

	for (unsigned i = 0; i < n; i++) {
		char *m = msg_new(i);
		struct rec *r = rec_new(i);

		h = h * 33 + (unsigned char)m[8] + r->id;
		rec_drop(r);
		free(m);
	}
	return h;
}

static unsigned long handle_one(unsigned i)
{
	char *m = msg_new(i);
	unsigned long h = strlen(m);

	free(m);
	return h;
}

int main(void)
{
	printf("%lu %lu\n", serve(1000), handle_one(7));
	return 0;
}
