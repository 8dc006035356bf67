/* Shape of builder objects obtained from a constructor and destroyed in the same function
 * (git's strbuf with strbuf_release, curl's curl_slist built and curl_slist_free_all'd, redis's
 * sds-based query builders): a fresh heap builder from builder_new() holds pointers to the
 * function's scratch strings while the query is assembled, and builder_free() frees it and the
 * parts before every return. SAFE: the object that holds arena pointers is freed before the arena,
 * on every path, and keeps nothing elsewhere; the result leaves as a length. A tool that refuses
 * stores into a fresh object that dies in the function is over-cautious. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct builder {
	char *parts[8];
	int n;
};

static struct builder *builder_new(void)
{
	return calloc(1, sizeof(struct builder));
}

static void builder_free(struct builder *b)
{
	for (int i = 0; i < b->n; i++)
		free(b->parts[i]);
	free(b);
}

static size_t build_query(const char *table, const char *const *cols, int n)
{
	struct builder *b = builder_new();
	if (!b)
		return 0;
	for (int i = 0; i < n && i < 8; i++) {
		char *q = malloc(strlen(cols[i]) + 3);
		sprintf(q, "\"%s\"", cols[i]);
		b->parts[b->n++] = q;
	}
	size_t len = (size_t)printf("SELECT ");
	for (int i = 0; i < b->n; i++)
		len += (size_t)printf("%s%s", i ? ", " : "", b->parts[i]);
	len += (size_t)printf(" FROM %s\n", table);
	builder_free(b);
	return len;
}

int main(void)
{
	const char *cols[] = {"id", "name"};
	printf("%zu\n", build_query("users", cols, 2));
	return 0;
}
