/* Shape of caches that take ownership of an entry and free it when they cannot keep it (nginx's
 * ngx_http_file_cache entries, redis's LRU eviction on insert, git's object cache): the parser
 * makes an entry with a constructor, fills it with copies, and hands it to entry_finish, which
 * keeps the entry while the cache has room (an early return) and frees it otherwise. UNSAFE: the
 * "freed before every exit" exception for objects of unknown origin applies only when the callee
 * frees on every path; here the free is on the last line, outside any branch, but an early return
 * keeps the entry in a global. With the copies in
 * parse_pair's arena, the cache keeps released memory. A wrong acceptance prints freed memory in
 * dump_cache and frees it with libc free. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct entry {
	char *key;
	char *val;
};

static struct entry *cache[2];
static int ncache;

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
	if (ncache < 2 && e->val[0] != '\0') {
		cache[ncache++] = e;
		return;
	}
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

static void dump_cache(void)
{
	for (int i = 0; i < ncache; i++) {
		printf("%s = %s\n", cache[i]->key, cache[i]->val);
		entry_free(cache[i]);
	}
}

int main(void)
{
	parse_pair("a=1");
	parse_pair("b=");
	parse_pair("c=3");
	parse_pair("d=4");
	dump_cache();
	return 0;
}
