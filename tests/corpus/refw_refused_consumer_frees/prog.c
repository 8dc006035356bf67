/* Ownership passed down to a consumer that frees (a tokenizer handing each token to the parser's
 * consume function, which keeps a copy of keywords in a global table and frees the token). A
 * profile lists both functions as hotspots: the consumer is refused (its keyword copy goes to a
 * global), the tokenizer is accepted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *keywords[8];
static int nkeywords;

static void consume_token(char *tok)
{
	if (strcmp(tok, "if") == 0 || strcmp(tok, "while") == 0)
		keywords[nkeywords++] = strdup(tok);
	free(tok);
}

static int tokenize(const char *line)
{
	int n = 0;
	while (*line) {
		size_t len = strcspn(line, " ");
		if (len) {
			char *tok = malloc(len + 1);
			memcpy(tok, line, len);
			tok[len] = '\0';
			consume_token(tok);
			n++;
		}
		line += len + (line[len] == ' ');
	}
	return n;
}

int main(void)
{
	printf("%d tokens\n", tokenize("if x while y do z"));
	for (int i = 0; i < nkeywords; i++) {
		printf("keyword %s\n", keywords[i]);
		free(keywords[i]);
	}
	return 0;
}
