/* Shape of debug allocators that redefine free for the whole file (#define free(p)
 * dbg_free(p, __LINE__), as in leak-tracking builds of SQLite's memdebug, curl's memdebug.h with
 * CURLDEBUG, and many projects' debug headers), dbg_free counting and calling the real free as
 * (free)(p). UNSAFE as rewritten today: join_path's allocation becomes arena memory but its
 * release is spelled through the macro and reaches libc free in dbg_free, neither rewritten nor
 * refused. A wrong acceptance crashes in free (ASan: attempting free on address which was not
 * malloc()-ed). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int frees;

static void dbg_free(void *p, int line)
{
	if (p)
		frees++;
	(void)line;
	(free)(p);
}
#define free(p) dbg_free(p, __LINE__)

static size_t join_path(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);
	snprintf(p, n, "%s/%s", dir, name);
	printf("%s\n", p);
	size_t len = strlen(p);
	free(p);
	return len;
}

int main(void)
{
	size_t total = join_path("/etc", "hosts") + join_path("/usr/lib", "os-release");
	printf("%zu bytes, %d frees\n", total, frees);
	return 0;
}
