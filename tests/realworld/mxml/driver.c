/*
 * Our own driver for the real-world Mini-XML run. Each document is loaded into a tree, walked,
 * saved back to a string and deleted inside handle_doc, the arena's scope. Mini-XML keeps its
 * settings in thread-local data (pthread keys) and reads character data into a buffer that
 * mxml_add_char grows through pointers to it (&buffer, &bufsize). Two threads run the same work
 * at once, each with its own arena; their results must agree. main also loads a document outside
 * any scope.
 *
 * usage: arena_driver [-n N] FILE...   (each FILE handled N times per thread)
 * Mini-XML has no allocator hook, so there is no hand-written arena variant.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mxml.h"
#include "driver_common.h"

#define THREADS 2

struct summary {
	unsigned long hash;
	size_t nodes, out_len;
};

static void handle_doc(const char *text, struct summary *s)
{
	mxml_node_t *tree = mxmlLoadString(NULL, text, MXML_OPAQUE_CALLBACK);
	if (!tree)
		return;
	for (mxml_node_t *n = tree; n; n = mxmlWalkNext(n, tree, MXML_DESCEND)) {
		s->nodes++;
		const char *e = mxmlGetElement(n);
		for (const char *p = e ? e : ""; *p; p++)
			s->hash = s->hash * 33 + (unsigned char)*p;
	}
	char *out = mxmlSaveAllocString(tree, MXML_NO_CALLBACK);
	if (out) {
		s->out_len = strlen(out);
		for (const char *p = out; *p; p++)
			s->hash = s->hash * 33 + (unsigned char)*p;
	}
	free(out);
	mxmlDelete(tree);
}

static void handle(const char *text, void *summary)
{
	struct summary *s = summary;
	s->hash = 5381;
	handle_doc(text, s);
}

static void print(const char *name, const void *summary)
{
	const struct summary *s = summary;
	printf("%s nodes=%zu out=%zu hash=%lx\n", name, s->nodes, s->out_len, s->hash);
}

int main(int argc, char **argv)
{
	rw_threaded_main(argc, argv, THREADS, handle, sizeof(struct summary), print);
	mxml_node_t *lone =
	    mxmlLoadString(NULL, "<outside><any>scope</any></outside>", MXML_OPAQUE_CALLBACK);
	char *p = mxmlSaveAllocString(lone, MXML_NO_CALLBACK);
	printf("%s", p);
	free(p);
	mxmlDelete(lone);
	return 0;
}
