/* Shape of systemd's _cleanup_free_ (src/basic/alloc-util.h: freep(p) frees *(void **)p when the
 * variable goes out of scope), the house style of every systemd function that makes a scratch
 * copy. UNSAFE as rewritten today: strdup in count_fields becomes an arena allocation, but freep,
 * called by the compiler at scope exit, is not a call the rewrite sees, so it hands arena memory
 * to libc free; in the explicit style the arena is also released before the cleanup runs. A
 * wrong acceptance crashes in free (ASan: attempting free on address which was not malloc()-ed).
 * A rewrite that makes freep ownership-aware and releases the arena after it would be right. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline void freep(void *p)
{
	free(*(void **)p);
	*(void **)p = NULL;
}
#define _cleanup_free_ __attribute__((cleanup(freep)))

static int count_fields(const char *line, char sep)
{
	_cleanup_free_ char *copy = strdup(line);
	if (!copy)
		return -1;
	int n = 1;
	for (char *c = copy; *c; c++)
		if (*c == sep) {
			*c = '\0';
			n++;
		}
	if (n > 3)
		return 3;
	return n;
}

int main(void)
{
	printf("%d %d %d\n", count_fields("a:b:c", ':'), count_fields("x", ':'),
	       count_fields("1:2:3:4:5", ':'));
	return 0;
}
