#ifndef WORDS_H
#define WORDS_H

struct word {
	const char *text;
	int len;
	struct word *next;
};

struct word *word_new(const char *text, int len, struct word *next);
void words_free(struct word *w);
int count_words(const char *s);

#endif
