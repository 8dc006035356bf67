#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Four threads build and sum word lists at once; each thread has its own stack of scope
 * arenas, and the outer scope (run_batch) nests the inner one (handle_line). */
struct word {
	char *text;
	struct word *next;
};

static struct word *word_new(const char *text, size_t len, struct word *next)
{
	struct word *w = malloc(sizeof(*w));
	w->text = strndup(text, len);
	w->next = next;
	return w;
}

static void words_free(struct word *w)
{
	while (w) {
		struct word *n = w->next;
		free(w->text);
		free(w);
		w = n;
	}
}

static size_t handle_line(const char *line, char *best, size_t cap)
{
	struct word *list = NULL;
	const char *p = line;
	while (*p) {
		while (*p == ' ')
			p++;
		const char *b = p;
		while (*p && *p != ' ')
			p++;
		if (p > b)
			list = word_new(b, (size_t)(p - b), list);
	}
	size_t total = 0;
	for (struct word *w = list; w; w = w->next) {
		total += strlen(w->text);
		if (strlen(w->text) > strlen(best))
			snprintf(best, cap, "%s", w->text);
	}
	words_free(list);
	return total;
}

/* The outer scope: `longest` words are allocated in it and outlive each line. */
static size_t run_batch(int id, char *out, size_t cap)
{
	static const char *lines[] = {"the quick brown fox", "jumps over", "a lazy dog",
	                              "arena allocation everywhere"};
	struct word *longest = NULL;
	size_t total = 0;
	for (int r = 0; r < 200; r++) {
		for (int i = 0; i < 4; i++) {
			char best[32] = "";
			total += handle_line(lines[(i + id) % 4], best, sizeof(best));
			if (!longest || strlen(best) > strlen(longest->text))
				longest = word_new(best, strlen(best), longest);
		}
	}
	snprintf(out, cap, "%s", longest ? longest->text : "");
	return total;
}

struct job {
	int id;
	size_t total;
	char longest[32];
};

static void *worker(void *arg)
{
	struct job *j = arg;
	j->total = run_batch(j->id, j->longest, sizeof(j->longest));
	return NULL;
}

int main(void)
{
	pthread_t th[4];
	struct job jobs[4];
	for (int i = 0; i < 4; i++) {
		jobs[i].id = i;
		pthread_create(&th[i], NULL, worker, &jobs[i]);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		printf("%d %zu %s\n", i, jobs[i].total, jobs[i].longest);
	}
	return 0;
}
