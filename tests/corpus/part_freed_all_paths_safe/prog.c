/* Shape of the same parser as part_cache_or_free with a consumer that never keeps the entry
 * (a validating pass that reports and drops: git's config callbacks that only check values,
 * nginx's directive handlers that only log): entry_finish prints and frees the entry on every
 * path. SAFE: the object of unknown origin that holds arena pointers dies before parse_pair
 * returns on every path, so nothing keeps the arena's memory. A tool that refuses it does not
 * credit a callee that frees on every path. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct entry {
	char *key;
	char *val;
};

static struct entry *entry_new(void)
{
	return calloc(1, sizeof(struct entry));
}

static void entry_free(struct entry *e)
{
	free(e->key);
	free(e->val);
	free(e);
}

static void entry_finish(struct entry *e)
{
	if (e->val[0] == '\0') {
		printf("%s: empty\n", e->key);
		entry_free(e);
		return;
	}
	printf("%s = %s\n", e->key, e->val);
	entry_free(e);
}

static void parse_pair(const char *line)
{
	const char *eq = strchr(line, '=');
	if (!eq)
		return;
	struct entry *e = entry_new();
	e->key = strndup(line, (size_t)(eq - line));
	e->val = strdup(eq + 1);
	entry_finish(e);
}

int main(void)
{
	parse_pair("a=1");
	parse_pair("b=");
	parse_pair("novalue");
	return 0;
}
