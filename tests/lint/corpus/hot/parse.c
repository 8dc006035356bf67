/* Linted with --hotspots hot.json: the allocation calls of the hotspots are treated as if
 * rewritten onto an arena; the findings are on these original lines. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct item {
	int v;
	char *word;
	struct item *next;
};

static char *config_path;
static struct item *all_items;

void release_words(char **words, int n);
void destroy_item(struct item *it);

struct item *build_list(int n)
{
	struct item *head = NULL;
	for (int i = 0; i < n; i++) {
		struct item *x = malloc(sizeof *x);
		x->v = i;
		x->next = head;
		head = x;
	}
	return head; /* expect warning: arena-escape-return */
}

void load_config(const char *dir)
{
	char *p = malloc(strlen(dir) + 16);
	sprintf(p, "%s/app.conf", dir);
	config_path = p; /* expect: arena-escape-global */
}

int split_words(const char *text, char **out, int max)
{
	int n = 0;
	char *copy = strdup(text);
	/* strtok keeps copy, which the original never frees: a later strtok(NULL) reads it */
	for (char *w = strtok(copy, " "); w && n < max; w = strtok(NULL, " ")) /* expect: arena-escape-call */
		out[n++] = w; /* expect: arena-escape-param */
	return n;
}

int count_words(const char *text)
{
	char *copy = strdup(text);
	int n = 0;
	for (char *w = strtok(copy, " "); w; w = strtok(NULL, " "))
		n++;
	free(copy);
	return n;
}

void intern_all(const char **words, int n)
{
	for (int i = 0; i < n; i++) {
		struct item *it = calloc(1, sizeof *it);
		it->word = strdup(words[i]);
		it->next = all_items;
		all_items = it; /* expect: arena-escape-global */
	}
}

static void *logger(void *arg)
{
	puts(arg);
	return NULL;
}

void spawn_logger(const char *msg)
{
	char *copy = strdup(msg);
	pthread_t t;
	pthread_create(&t, NULL, logger, copy); /* expect: arena-escape-call */
	pthread_detach(t);
}

void make_pair(struct item **a, struct item **b)
{
	struct item *x = malloc(sizeof *x);
	struct item *y = malloc(sizeof *y);
	x->next = y;
	y->next = NULL;
	*a = x; /* expect: arena-escape-param */
	*b = y; /* expect: arena-escape-param */
}

void give_to_helper(void)
{
	struct item *it = malloc(sizeof *it);
	it->word = NULL;
	destroy_item(it); /* safe: a teardown of the arena, made ownership-aware */
}

void destroy_item(struct item *it)
{
	free(it->word);
	free(it);
}

/* ---- safe in a rewrite ---- */

int parse_number(const char *s)
{
	char *copy = strdup(s);
	int v = atoi(copy);
	free(copy);
	return v;
}

size_t render(char *out, size_t cap, int v)
{
	char *tmp = malloc(64);
	snprintf(tmp, 64, "<%d>", v);
	size_t n = strlen(tmp);
	if (n >= cap)
		n = cap - 1;
	memcpy(out, tmp, n);
	out[n] = '\0';
	free(tmp);
	return n;
}

char *grow_buffer(char *buf, size_t n)
{
	char *scratch = malloc(n);
	memset(scratch, 0, n);
	free(scratch);
	return buf;
}

/* Not a hotspot: plain heap code is none of the lint's business. */
char *not_a_hotspot(void)
{
	char *p = malloc(8);
	return p;
}
