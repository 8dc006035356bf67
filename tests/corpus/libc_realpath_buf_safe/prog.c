/* Shape of git's and coreutils' path comparisons: both paths resolved with realpath(p, buf) into
 * PATH_MAX buffers the function allocates, compared, and dropped. SAFE: realpath's result is its
 * buffer, used only for the comparison inside same_file; nothing keeps it. A tool that refuses
 * it does not know that realpath(p, buf) only writes buf and returns it. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int same_file(const char *a, const char *b)
{
	char *ra = malloc(PATH_MAX);
	char *rb = malloc(PATH_MAX);
	int same = realpath(a, ra) && realpath(b, rb) && strcmp(ra, rb) == 0;
	free(rb);
	free(ra);
	return same;
}

int main(void)
{
	printf("%d %d %d\n", same_file("/usr/..", "/"), same_file("/usr", "/tmp"),
	       same_file("/nonexistent-dir", "/"));
	return 0;
}
