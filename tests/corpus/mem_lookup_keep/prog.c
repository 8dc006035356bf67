/* Shape of lookups that return an entry of a table the function built (git's string_list_lookup,
 * busybox's find_applet_by_name over a parsed table, nginx's ngx_hash_find): load_aliases parses
 * alias lines into a list, looks up the default alias, and keeps its expansion in a global for
 * later commands; the list's other entries are freed. UNSAFE: the expansion is a pointer read
 * out of load_aliases' arena memory through the lookup's result, which is not followed, so the
 * store into the global is not seen. A wrong acceptance prints freed memory in main and frees it
 * with libc free. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct alias {
	char *name;
	char *expansion;
	struct alias *next;
};

static char *default_cmd;

static struct alias *alias_find(struct alias *l, const char *name)
{
	for (; l; l = l->next)
		if (strcmp(l->name, name) == 0)
			return l;
	return NULL;
}

static int load_aliases(const char *const *lines, int n)
{
	struct alias *list = NULL;
	for (int i = 0; i < n; i++) {
		const char *eq = strchr(lines[i], '=');
		if (!eq)
			continue;
		struct alias *a = malloc(sizeof *a);
		a->name = strndup(lines[i], (size_t)(eq - lines[i]));
		a->expansion = strdup(eq + 1);
		a->next = list;
		list = a;
	}
	struct alias *d = alias_find(list, "default");
	char *keep = d ? d->expansion : NULL;
	int count = 0;
	while (list) {
		struct alias *next = list->next;
		if (list->expansion != keep)
			free(list->expansion);
		free(list->name);
		free(list);
		list = next;
		count++;
	}
	free(default_cmd);
	default_cmd = keep;
	return count;
}

int main(void)
{
	const char *lines[] = {"ll=ls -l", "default=status --short", "co=checkout"};
	printf("%d aliases\n", load_aliases(lines, 3));
	printf("default: %s\n", default_cmd ? default_cmd : "(none)");
	free(default_cmd);
	return 0;
}
