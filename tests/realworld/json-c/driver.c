/*
 * Our own driver for the real-world json-c run. Each document is parsed with a tokener, walked,
 * serialised through json-c's realloc-grown printbuf in two styles, and released with
 * json_object_put inside handle_doc, the arena's scope. Four threads run the same work at once,
 * each with its own arena (the scope's arena stack is per thread); their results must agree.
 * main also builds a document outside any scope, whose memory must keep coming from the heap.
 *
 * usage: arena_driver [-n N] FILE...   (each FILE handled N times per thread)
 * json-c has no allocator hook, so there is no hand-written arena variant.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "driver_common.h"

#define THREADS 4

struct summary {
	unsigned long hash;
	size_t nodes, plain_len, pretty_len;
};

static void walk(struct json_object *o, struct summary *s)
{
	s->nodes++;
	switch (json_object_get_type(o)) {
	case json_type_object: {
		json_object_object_foreach(o, key, val)
		{
			for (const char *p = key; *p; p++)
				s->hash = s->hash * 33 + (unsigned char)*p;
			walk(val, s);
		}
		break;
	}
	case json_type_array:
		for (size_t i = 0; i < json_object_array_length(o); i++)
			walk(json_object_array_get_idx(o, i), s);
		break;
	default:
		break;
	}
}

static void handle_doc(const char *text, struct summary *s)
{
	struct json_tokener *tok = json_tokener_new();
	struct json_object *root = json_tokener_parse_ex(tok, text, (int)strlen(text));
	json_tokener_free(tok);
	if (!root)
		return;
	walk(root, s);
	const char *plain = json_object_to_json_string_ext(root, JSON_C_TO_STRING_PLAIN);
	s->plain_len = strlen(plain);
	for (const char *p = plain; *p; p++)
		s->hash = s->hash * 33 + (unsigned char)*p;
	s->pretty_len = strlen(json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY));
	json_object_put(root);
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
	printf("%s nodes=%zu plain=%zu pretty=%zu hash=%lx\n", name, s->nodes, s->plain_len,
	       s->pretty_len, s->hash);
}

int main(int argc, char **argv)
{
	rw_threaded_main(argc, argv, THREADS, handle, sizeof(struct summary), print);
	struct json_object *lone = json_object_new_object();
	json_object_object_add(lone, "outside", json_object_new_int(42));
	printf("%s\n", json_object_to_json_string(lone));
	json_object_put(lone);
	return 0;
}
