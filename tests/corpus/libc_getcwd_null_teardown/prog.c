/* Shape of directory walkers that record where they have been with getcwd(NULL, 0) (glibc's
 * extension allocating the result; busybox and coreutils call it through xgetcwd) and free the
 * record with a walk at the end. UNSAFE for a tool that thinks the walk frees only arena memory:
 * the record nodes are visit_dirs' arena memory, the paths are libc's, so compiling the teardown
 * out of the arena build leaks every path (LeakSanitizer in the arena build). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct visit {
	char *dir;
	struct visit *prev;
};

static void forget(struct visit *v)
{
	while (v) {
		struct visit *prev = v->prev;
		free(v->dir);
		free(v);
		v = prev;
	}
}

static size_t visit_dirs(const char *const *dirs, int n)
{
	struct visit *trail = NULL;
	size_t total = 0;
	for (int i = 0; i < n; i++) {
		if (chdir(dirs[i]) != 0)
			continue;
		struct visit *v = malloc(sizeof *v);
		v->dir = getcwd(NULL, 0);
		v->prev = trail;
		trail = v;
		total += strlen(v->dir);
	}
	forget(trail);
	return total;
}

int main(void)
{
	const char *dirs[] = {"/", "/usr", "/nonexistent-dir", "/"};
	printf("visited, %zu bytes of paths\n", visit_dirs(dirs, 4));
	return 0;
}
