/* Shape of a config reader that splits "key=value" in a private copy and hands the copy's pieces
 * to the caller, which frees the first one (the copy) when done: busybox's parse_config and
 * util-style key/value splitting with strsep (strsep returns its string argument, so the first
 * token is the copy itself). UNSAFE: strsep's result aliases the copy; with the copy in the
 * arena of parse_line, kv.key and kv.val point into memory freed when parse_line returns.
 * A wrong acceptance reads freed arena memory in main (use after free) and hands arena memory
 * to libc free. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct kv {
	char *key;
	char *val;
};

static int parse_line(const char *line, struct kv *out)
{
	char *copy = strdup(line);
	char *rest = copy;
	char *key = strsep(&rest, "=");
	char *val = strsep(&rest, "\n");
	if (!val) {
		free(copy);
		return -1;
	}
	out->key = key;
	out->val = val;
	return 0;
}

int main(void)
{
	const char *lines[] = {"name=arena\n", "broken line", "mode=fast\n"};
	for (int i = 0; i < 3; i++) {
		struct kv kv;
		if (parse_line(lines[i], &kv) == 0) {
			printf("%s -> %s\n", kv.key, kv.val);
			free(kv.key);
		} else
			printf("skipped: %s\n", lines[i]);
	}
	return 0;
}
