/* Shape of busybox's xrealloc_getcwd_or_warn (libbb/xgetcwd.c): grow a buffer by 64 bytes until
 * getcwd(buf, size) fits, and keep what getcwd returned (the buffer) in the shell's state; the
 * state's owner frees it. UNSAFE: getcwd returns its first argument; with the buffer grown in
 * save_cwd's arena, st.cwd points into memory released when save_cwd returns. A wrong acceptance
 * reads freed memory and gives arena memory to libc free. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

struct shell_state {
	char *cwd;
	int depth;
};

static int save_cwd(struct shell_state *st)
{
	size_t path_max = 0;
	char *cwd = NULL;
	char *ret;
	for (;;) {
		path_max += 64;
		cwd = realloc(cwd, path_max);
		ret = getcwd(cwd, path_max);
		if (ret)
			break;
		if (errno != ERANGE) {
			free(cwd);
			return -1;
		}
	}
	st->cwd = ret;
	st->depth++;
	return 0;
}

int main(void)
{
	struct shell_state st = {NULL, 0};
	if (chdir("/") != 0)
		return 1;
	if (save_cwd(&st) == 0)
		printf("cwd %s depth %d\n", st.cwd, st.depth);
	free(st.cwd);
	return 0;
}
