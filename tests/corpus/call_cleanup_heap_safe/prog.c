/* Shape of systemd's _cleanup_free_ on memory libc allocates (path_make_absolute_cwd,
 * chase_symlinks results: _cleanup_free_ char *p = realpath(x, NULL)) next to scratch copies
 * the function makes itself. SAFE: the variable under cleanup(freep) only ever holds realpath's
 * result, heap memory from libc, so freep's free is right whatever the arena does and in either
 * exit style; the scratch copies die with resolve_all's arena. A tool that refuses every cleanup
 * attribute in a hotspot is over-cautious. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline void freep(void *p)
{
	free(*(void **)p);
}
#define _cleanup_free_ __attribute__((cleanup(freep)))

static size_t resolve_all(const char *const *paths, int n)
{
	size_t total = 0;
	for (int i = 0; i < n; i++) {
		_cleanup_free_ char *real = realpath(paths[i], NULL);
		if (!real)
			continue;
		char *upper = strdup(real);
		for (char *c = upper; *c; c++)
			if (*c >= 'a' && *c <= 'z')
				*c = (char)(*c - 'a' + 'A');
		printf("%s -> %s\n", paths[i], upper);
		total += strlen(upper);
		free(upper);
	}
	return total;
}

int main(void)
{
	const char *p[] = {"/usr/..", "/nonexistent-dir", "/usr/."};
	printf("%zu\n", resolve_all(p, 3));
	return 0;
}
