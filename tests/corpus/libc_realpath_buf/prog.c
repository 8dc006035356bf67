/* Shape of git's strbuf_realpath and coreutils' realpath(1): realpath(p, buf) with a buffer of
 * PATH_MAX bytes the caller allocated, and the result (buf itself) handed back to the caller,
 * who frees it. UNSAFE: realpath returns its second argument; with buf in canonical's arena the
 * returned path is released when canonical returns. A wrong acceptance prints freed memory and
 * passes arena memory to libc free. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *canonical(const char *path)
{
	char *buf = malloc(PATH_MAX);
	char *r = realpath(path, buf);
	if (!r)
		free(buf);
	return r;
}

int main(void)
{
	const char *paths[] = {"/usr/..", "/nonexistent/x", "/./"};
	for (int i = 0; i < 3; i++) {
		char *c = canonical(paths[i]);
		printf("%s -> %s\n", paths[i], c ? c : "(none)");
		free(c);
	}
	return 0;
}
