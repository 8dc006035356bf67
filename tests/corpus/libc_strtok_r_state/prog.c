/* Shape of tokenizers that keep strtok_r's save pointer in an object so that tokens can be pulled
 * one call at a time (shell word splitters, busybox's config tokenizer state): the first call
 * copies the line and tokenizes it, later calls go on from the saved position, and the end
 * frees the copy, which is the first token. UNSAFE: strtok_r stores a pointer into its string
 * through its third argument; with the copy in tok_start's arena, the saved position points into
 * memory released when tok_start returns. A wrong acceptance reads freed memory in tok_next. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tokenizer {
	char *save;
	char *first;
};

static const char *tok_start(struct tokenizer *t, const char *line)
{
	char *copy = strdup(line);
	const char *tok = strtok_r(copy, " ", &t->save);
	return tok;
}

static const char *tok_next(struct tokenizer *t)
{
	return strtok_r(NULL, " ", &t->save);
}

int main(void)
{
	struct tokenizer t = {NULL, NULL};
	const char *tok = tok_start(&t, "set   mode  fast");
	char *copy = (char *)tok;
	while (tok) {
		printf("token '%s'\n", tok);
		tok = tok_next(&t);
	}
	free(copy);
	return 0;
}
