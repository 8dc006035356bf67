/* Shape of text utilities with several entry points over one splitter and one release function
 * (wc's counters and a longest-line finder sharing a tokenizer, coreutils' fmt helpers):
 * word_count and longest_word are both hotspots, both copy the text, split the copy with
 * split_words and release with words_free. SAFE: each keeps nothing, and words_free's free is
 * ownership-aware for both. A tool that refuses one because the other reaches the same callees is
 * over-cautious. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct words {
	char **v;
	int n;
};

static void split_words(struct words *w, char *buf)
{
	w->v = malloc((strlen(buf) / 2 + 1) * sizeof *w->v);
	w->n = 0;
	for (char *t = strtok(buf, " "); t; t = strtok(NULL, " "))
		w->v[w->n++] = t;
}

static void words_free(struct words *w, char *buf)
{
	free(w->v);
	free(buf);
}

static int word_count(const char *s)
{
	struct words w;
	char *buf = strdup(s);
	split_words(&w, buf);
	int n = w.n;
	words_free(&w, buf);
	return n;
}

static size_t longest_word(const char *s, char *out, size_t cap)
{
	struct words w;
	char *buf = strdup(s);
	split_words(&w, buf);
	size_t best = 0;
	for (int i = 0; i < w.n; i++)
		if (strlen(w.v[i]) > best) {
			best = strlen(w.v[i]);
			snprintf(out, cap, "%s", w.v[i]);
		}
	words_free(&w, buf);
	return best;
}

int main(void)
{
	char out[32];
	const char *s = "arena allocation makes parsers fast";
	printf("%d words\n", word_count(s));
	printf("%zu %s\n", longest_word(s, out, sizeof out), out);
	return 0;
}
