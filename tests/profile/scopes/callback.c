/* A callback parser (issue 22): parse_stream makes one value per word and hands it to the
 * caller's on_word, which keeps it; handle_doc frees the document's values at its end. An
 * arena in parse_stream would be freed while the values are still in use: the lifetime-bounding
 * function is handle_doc. remember keeps each document's first word in a table that lives as
 * long as the program: no scope can hold it, and the suggestion is refused. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct value {
	int kind;
	size_t len;
	char *text;
	struct value *next;
};

typedef void (*word_fn)(struct value *v, void *ctx);

static struct value *value_alloc(int kind, const char *s, size_t n)
{
	struct value *v = malloc(sizeof *v);
	if (!v)
		abort();
	v->kind = kind;
	v->len = n;
	v->text = malloc(n + 1);
	if (!v->text)
		abort();
	memcpy(v->text, s, n);
	v->text[n] = 0;
	v->next = NULL;
	return v;
}

static void parse_stream(const char *s, word_fn on_word, void *ctx)
{
	while (*s) {
		while (*s == ' ')
			s++;
		size_t n = strcspn(s, " ");
		if (n)
			on_word(value_alloc(s[0] >= '0' && s[0] <= '9', s, n), ctx);
		s += n;
	}
}

struct doc {
	struct value *head;
	size_t count;
};

static void keep(struct value *v, void *ctx)
{
	struct doc *d = ctx;
	v->next = d->head;
	d->head = v;
	d->count++;
}

static char *seen[64];
static size_t nseen;

static void remember(const char *word, size_t n)
{
	if (nseen < sizeof seen / sizeof *seen)
		seen[nseen++] = strndup(word, n);
}

static size_t handle_doc(const char *text)
{
	struct doc d = {NULL, 0};
	parse_stream(text, keep, &d);
	if (d.head)
		remember(d.head->text, d.head->len);
	size_t sum = 0;
	for (struct value *v = d.head; v; v = v->next)
		sum += v->len + (size_t)v->kind;
	while (d.head) {
		struct value *n = d.head->next;
		free(d.head->text);
		free(d.head);
		d.head = n;
	}
	return sum;
}

int main(int argc, char **argv)
{
	int docs = argc > 1 ? atoi(argv[1]) : 200;
	const char *text = "alpha 12 beta 345 gamma delta 6 epsilon zeta 78 eta theta";
	size_t total = 0;
	for (int i = 0; i < docs; i++)
		total += handle_doc(text);
	printf("%zu %zu\n", total, nseen);
	while (nseen)
		free(seen[--nseen]);
	return 0;
}
