/* Shape of systemd's _cleanup_ guards (a log-on-exit or unref-on-exit guard such as
 * _cleanup_(sd_bus_error_free), next to _cleanup_free_ scratch buffers): the label buffer is
 * freed by freep at scope exit, and a guard declared after it prints a summary that reads the
 * label when the block is left (cleanups run in reverse order of declaration: the guard first).
 * In the cleanup style a rewrite that follows the cleanup calls is SAFE: freep becomes
 * ownership-aware and the arena, declared first, is released last. In the explicit style the
 * rewrite inserts the arena's release before each return, and the guard then reads released
 * memory: UNSAFE unless the release is placed after the cleanups (verdict.explicit). A wrong
 * acceptance hands arena memory to libc free in freep, or reads released memory in the guard. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline void freep(void *p)
{
	free(*(void **)p);
}
#define _cleanup_free_ __attribute__((cleanup(freep)))

struct summary {
	const char *label;
	int count;
};

static void print_summary(struct summary *s)
{
	if (s->label)
		printf("%s: %d\n", s->label, s->count);
}

static int summarize(const char *const *words, int n)
{
	_cleanup_free_ char *label = malloc(32);
	__attribute__((cleanup(print_summary))) struct summary s = {NULL, 0};
	if (!label)
		return -1;
	snprintf(label, 32, "words of %d", n);
	s.label = label;
	for (int i = 0; i < n; i++)
		s.count += (int)strlen(words[i]);
	if (s.count == 0)
		return 0;
	return s.count;
}

int main(void)
{
	const char *w[] = {"alpha", "be", "gam"};
	printf("total %d\n", summarize(w, 3));
	printf("total %d\n", summarize(w, 0));
	return 0;
}
