/* Shape of per-line handlers that call a splitter returning two fresh strings through
 * out-parameters (busybox's parse_config token arrays, git's split_ident_line filling a struct on
 * the caller's stack): handle_line is the scope, split_pair allocates the pieces and hands them
 * back through pointers to handle_line's locals, which are used and dropped there. SAFE: the
 * out-parameters are locals of the scope; only a computed length leaves. A tool that refuses
 * out-parameters into the scope's own locals is over-cautious. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pair {
	char *key;
	char *value;
};

static int split_pair(const char *line, char **key, char **value)
{
	const char *eq = strchr(line, '=');
	if (!eq)
		return -1;
	*key = strndup(line, (size_t)(eq - line));
	*value = strdup(eq + 1);
	return 0;
}

static size_t handle_line(const char *line)
{
	struct pair p = {NULL, NULL};
	if (split_pair(line, &p.key, &p.value) != 0)
		return 0;
	printf("%s is %s\n", p.key, p.value);
	size_t n = strlen(p.key) + strlen(p.value);
	free(p.key);
	free(p.value);
	return n;
}

int main(void)
{
	size_t total =
	    handle_line("user=root") + handle_line("novalue") + handle_line("shell=/bin/sh");
	printf("%zu\n", total);
	return 0;
}
