/*
 * Our own driver for the real-world cmark run. Each document is parsed, walked with an iterator,
 * rendered to HTML and freed inside handle_doc, the arena's scope; the hotspots are cmark's
 * xcalloc/xrealloc, which every allocation reaches through the cmark_mem table. main also parses
 * a document outside any scope, whose memory must keep coming from the heap.
 *
 * usage: arena_driver [-n N] FILE...   (each FILE handled N times, one line printed per FILE)
 * -DHAND_ARENA: the hand-written arena variant, a bump allocator given to cmark as its cmark_mem
 * (cmark_parser_new_with_mem; the renderer allocates with the document's cmark_mem).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmark.h"
#include "driver_common.h"
#ifdef HAND_ARENA
#include "hand_arena.h"
static cmark_mem hand_mem = {ha_calloc, ha_realloc, ha_free};
#endif

struct summary {
	unsigned long hash;
	size_t nodes, html_len;
};

static void walk(cmark_node *doc, struct summary *s)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev == CMARK_EVENT_ENTER)
			s->nodes++;
	}
	cmark_iter_free(it);
}

static void handle_doc(const char *text, size_t len, struct summary *s)
{
#ifdef HAND_ARENA
	cmark_parser *parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, &hand_mem);
	cmark_parser_feed(parser, text, len);
	cmark_node *doc = cmark_parser_finish(parser);
	walk(doc, s);
	char *html = cmark_render_html(doc, CMARK_OPT_DEFAULT); /* renders with the doc's mem */
#else
	cmark_node *doc = cmark_parse_document(text, len, CMARK_OPT_DEFAULT);
	walk(doc, s);
	char *html = cmark_render_html(doc, CMARK_OPT_DEFAULT);
#endif
	s->html_len = strlen(html);
	s->hash = 5381;
	for (const char *p = html; *p; p++)
		s->hash = s->hash * 33 + (unsigned char)*p;
#ifdef HAND_ARENA
	ha_reset();
#else
	free(html);
	cmark_node_free(doc);
#endif
}

int main(int argc, char **argv)
{
	int i, reps = rw_reps(argc, argv, &i);
	for (; i < argc; i++) {
		size_t len;
		char *text = rw_slurp(argv[i], &len);
		if (!text)
			continue;
		struct summary s = {0, 0, 0};
		for (int r = 0; r < reps; r++) {
			s.nodes = 0;
			handle_doc(text, len, &s);
		}
		printf("%s nodes=%zu html=%zu hash=%lx\n", rw_base(argv[i]), s.nodes, s.html_len,
		       s.hash);
		free(text);
	}
	char *lone = cmark_markdown_to_html("outside *any* scope", 19, CMARK_OPT_DEFAULT);
	printf("%s", lone);
	free(lone);
#ifdef HAND_ARENA
	ha_release();
#endif
	return 0;
}
