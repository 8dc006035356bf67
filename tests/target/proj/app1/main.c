#include "words.h"

#include <stdio.h>

void greet(const char *who);

int main(void)
{
	/* one word made outside count_words: the note names the program */
	struct word *title = word_new("app1", 4, 0);
	greet(title->text);
	words_free(title);
	printf("%d\n", count_words("the quick brown fox"));
	printf("%d\n", count_words("  jumps over  the lazy dog "));
	return 0;
}
