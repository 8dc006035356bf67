/*
 * Our own driver for the real-world libyaml run. Each file is loaded into a document tree,
 * walked, and dumped back to YAML text inside handle_doc, the arena's scope. libyaml allocates
 * through yaml_malloc/yaml_realloc/yaml_strdup, and grows its token strings, stacks and queues
 * through out-parameters (yaml_string_extend(&start, &pointer, &end) reallocs *start): the
 * hotspots are the three wrappers. main also loads a document outside any scope.
 *
 * usage: arena_driver [-n N] FILE...   (each FILE handled N times, one line printed per FILE)
 * libyaml has no allocator hook, so there is no hand-written arena variant.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "driver_common.h"

struct summary {
	unsigned long hash;
	size_t nodes, out_len, docs;
};

static void walk(yaml_document_t *doc, struct summary *s)
{
	for (yaml_node_t *n = doc->nodes.start; n < doc->nodes.top; n++) {
		s->nodes++;
		if (n->type == YAML_SCALAR_NODE)
			for (size_t i = 0; i < n->data.scalar.length; i++)
				s->hash = s->hash * 33 + n->data.scalar.value[i];
	}
}

/* Loads every document of the text, walks it and dumps it; 0 on a parse or emit error. */
static int handle_doc(const char *text, size_t len, struct summary *s)
{
	static unsigned char out[1 << 20];
	size_t written = 0;
	yaml_parser_t parser;
	yaml_emitter_t emitter;
	yaml_document_t doc;
	int ok = 1;

	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	yaml_emitter_initialize(&emitter);
	yaml_emitter_set_output_string(&emitter, out, sizeof(out), &written);
	yaml_emitter_open(&emitter);
	for (;;) {
		if (!yaml_parser_load(&parser, &doc)) {
			ok = 0;
			break;
		}
		if (!yaml_document_get_root_node(&doc)) {
			yaml_document_delete(&doc);
			break;
		}
		s->docs++;
		walk(&doc, s);
		if (!yaml_emitter_dump(&emitter, &doc)) { /* deletes the document */
			ok = 0;
			break;
		}
	}
	yaml_emitter_close(&emitter);
	yaml_emitter_flush(&emitter);
	yaml_emitter_delete(&emitter);
	yaml_parser_delete(&parser);
	s->out_len = written;
	for (size_t i = 0; i < written; i++)
		s->hash = s->hash * 33 + out[i];
	return ok;
}

int main(int argc, char **argv)
{
	int i, reps = rw_reps(argc, argv, &i);
	for (; i < argc; i++) {
		size_t len;
		char *text = rw_slurp(argv[i], &len);
		if (!text)
			continue;
		struct summary s;
		int ok = 1;
		for (int r = 0; r < reps; r++) {
			memset(&s, 0, sizeof(s));
			s.hash = 5381;
			ok = handle_doc(text, len, &s);
		}
		printf("%s ok=%d docs=%zu nodes=%zu out=%zu hash=%lx\n", rw_base(argv[i]), ok,
		       s.docs, s.nodes, s.out_len, s.hash);
		free(text);
	}
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)"outside: [any, scope]", 21);
	if (yaml_parser_load(&parser, &doc)) {
		yaml_node_t *root = yaml_document_get_root_node(&doc);
		printf("outside: root type %d\n", root ? (int)root->type : -1);
		yaml_document_delete(&doc);
	}
	yaml_parser_delete(&parser);
	return 0;
}
