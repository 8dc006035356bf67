#include "words.h"

/* Splits s at spaces into a list, counts it and frees it: the list lives as long as the call. */
int count_words(const char *s)
{
	struct word *list = 0;
	int n = 0;
	while (*s) {
		while (*s == ' ')
			s++;
		const char *start = s;
		while (*s && *s != ' ')
			s++;
		if (s > start)
			list = word_new(start, (int)(s - start), list);
	}
	for (struct word *w = list; w; w = w->next)
		n++;
	words_free(list);
	return n;
}
