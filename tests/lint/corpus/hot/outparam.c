/* Scoped hotspots that hand their allocation back through an out-parameter: the memory is the
 * scope function's arena there, so the scope function must not let it escape either. */
#include <stdlib.h>
#include <string.h>

static char *word_kept;

static void word_new(const char *t, char **out)
{
	*out = strdup(t);
}

/* The reproducer of the review: the scope stores its arena's memory in the caller's slot. */
static void words_handle(const char *t, char **longest)
{
	char *w;
	word_new(t, &w);
	*longest = w; /* expect: arena-escape-param */
}

static void label_new(const char *t, char **out)
{
	*out = strdup(t);
}

/* Between scope and hotspot: scope memory, fine to pass on, not to keep. */
static void label_make(const char *t, char **out)
{
	label_new(t, out);
}

static void label_keep(const char *t)
{
	char *w;
	label_new(t, &w);
	word_kept = w; /* expect: arena-escape-global */
}

static void labels_run(const char *t, char **res)
{
	char *w;
	label_make(t, &w);
	label_keep(t);
	*res = w; /* expect: arena-escape-param */
}

static void tok_new(const char *t, char **out)
{
	*out = strdup(t);
}

/* Safe: the scope only measures and copies out. */
static size_t tok_len(const char *t, char *buf, size_t cap)
{
	char *w;
	tok_new(t, &w);
	strncpy(buf, w, cap);
	return strlen(w);
}

int outparam_main(void)
{
	char *l = NULL, *m = NULL;
	char buf[8];
	words_handle("x", &l);
	labels_run("y", &m);
	free(l);
	free(m);
	return (int)tok_len("z", buf, sizeof buf);
}
