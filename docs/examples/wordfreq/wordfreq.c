/*
 * wordfreq: prints the most frequent word of each input line.
 *
 * count_line() is the allocation hotspot: per line it builds a small hash table of
 * strdup'd words with malloc'd entries, then frees it all again. Every object dies when the
 * function returns, which is exactly the shape an arena serves.
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct entry {
	char *word;
	int count;
	struct entry *next;
};

#define NBUCKETS 64

static unsigned hash(const char *s)
{
	unsigned h = 5381;
	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h % NBUCKETS;
}

static int count_line(const char *line, char *best, size_t cap)
{
	struct entry *table[NBUCKETS] = {0};
	char *copy = strdup(line);
	int top = 0;
	if (!copy)
		return -1;
	for (char *w = strtok(copy, " \t\n"); w; w = strtok(NULL, " \t\n")) {
		for (char *c = w; *c; c++)
			*c = (char)tolower((unsigned char)*c);
		unsigned h = hash(w);
		struct entry *e;
		for (e = table[h]; e; e = e->next)
			if (!strcmp(e->word, w))
				break;
		if (!e) {
			e = malloc(sizeof(*e));
			if (!e)
				goto out;
			e->word = strdup(w);
			e->count = 0;
			e->next = table[h];
			table[h] = e;
		}
		if (++e->count > top) {
			top = e->count;
			snprintf(best, cap, "%s", e->word);
		}
	}
out:
	for (int i = 0; i < NBUCKETS; i++) {
		struct entry *e = table[i];
		while (e) {
			struct entry *next = e->next;
			free(e->word);
			free(e);
			e = next;
		}
	}
	free(copy);
	return top;
}

int main(int argc, char **argv)
{
	FILE *in = argc > 1 ? fopen(argv[1], "r") : stdin;
	char *line = NULL;
	size_t cap = 0;
	char best[64];
	if (!in) {
		perror(argv[1]);
		return 1;
	}
	while (getline(&line, &cap, in) > 0) {
		int n = count_line(line, best, sizeof(best));
		if (n > 0)
			printf("%s %d\n", best, n);
	}
	free(line);
	if (in != stdin)
		fclose(in);
	return 0;
}
