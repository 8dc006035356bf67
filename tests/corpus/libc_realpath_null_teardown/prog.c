/* Shape of du/find-style deduplication of paths (coreutils' canonicalize users, git's
 * real_pathdup): each name is resolved with realpath(name, NULL), which mallocs the result, kept
 * in a list node, and the list is torn down at the end with a loop that frees each path and
 * node. UNSAFE for a tool that thinks the loop frees only arena memory: the nodes come from
 * count_unique's arena but the paths come from libc, so compiling the loop out of the arena build
 * leaks every path (LeakSanitizer in the arena build). The loop must stay. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ent {
	char *path;
	struct ent *next;
};

static int count_unique(const char *const *names, int n)
{
	struct ent *head = NULL;
	int count = 0;
	for (int i = 0; i < n; i++) {
		char *rp = realpath(names[i], NULL);
		if (!rp)
			continue;
		struct ent *e;
		for (e = head; e; e = e->next)
			if (strcmp(e->path, rp) == 0)
				break;
		if (e) {
			free(rp);
			continue;
		}
		e = malloc(sizeof *e);
		e->path = rp;
		e->next = head;
		head = e;
		count++;
	}
	while (head) {
		struct ent *next = head->next;
		free(head->path);
		free(head);
		head = next;
	}
	return count;
}

int main(void)
{
	const char *names[] = {"/", "/usr/..", "/tmp", "/tmp/.", "/nonexistent-dir/x"};
	printf("%d unique\n", count_unique(names, 5));
	return 0;
}
