/* Shape of busybox's bb_basename users and coreutils' base_name: the GNU basename() of a private
 * copy of the path names the item, and the list's teardown frees the name. GNU basename returns
 * a pointer into its argument (the copy itself when the path has no slash). UNSAFE: with the
 * copy in name_item's arena, the item's name points into memory released when name_item returns.
 * A wrong acceptance prints freed memory and frees arena memory with libc free. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct item {
	char *name;
	struct item *next;
};

static int name_item(struct item *it, const char *path)
{
	char *copy = strdup(path);
	char *name = basename(copy);
	if (name != copy) { /* keep only bare names: they own the copy */
		free(copy);
		return -1;
	}
	it->name = name;
	return 0;
}

int main(void)
{
	const char *paths[] = {"README", "src/main.c", "Makefile"};
	struct item *list = NULL;
	for (int i = 0; i < 3; i++) {
		struct item *it = calloc(1, sizeof *it);
		if (name_item(it, paths[i]) != 0) {
			free(it);
			continue;
		}
		it->next = list;
		list = it;
	}
	while (list) {
		struct item *next = list->next;
		printf("item %s\n", list->name);
		free(list->name);
		free(list);
		list = next;
	}
	return 0;
}
