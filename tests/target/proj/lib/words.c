#include "words.h"

#include <stdlib.h>

struct word *word_new(const char *text, int len, struct word *next)
{
	struct word *w = malloc(sizeof(*w));
	if (!w)
		abort();
	w->text = text;
	w->len = len;
	w->next = next;
	return w;
}

void words_free(struct word *w)
{
	while (w) {
		struct word *next = w->next;
		free(w);
		w = next;
	}
}
