/* Shape of a config loader with includes (an `@file` item loads another spec, as m4's and
 * many rc readers' include does): the outermost load setjmps a file-scope `static jmp_buf`,
 * and the checker longjmps to it from any depth. UNSAFE once load is a scope: load is
 * recursive, so a jump from an included spec lands in the outer activation and skips the
 * inner one, whose arena is never released (it stays the current arena for what the outer one
 * allocates next). One setter is not enough: the setter must never be active twice. */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static jmp_buf bail;

static char *name_dup(const char *s, size_t n)
{
	char *d = malloc(n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

static void check(const char *s, size_t n)
{
	if (memchr(s, '!', n))
		longjmp(bail, 1);
}

static int load(const char *spec, int depth);

static int load_items(const char *spec, int depth)
{
	int total = 0;
	while (*spec) {
		size_t n = strcspn(spec, ",");
		if (spec[0] == '@' && depth == 0) {
			total += load("in!ner", depth + 1);
		} else {
			check(spec, n);
			char *item = name_dup(spec, n);
			printf("%*s%s\n", depth * 2, "", item);
			total += (int)n;
			free(item);
		}
		spec += n + (spec[n] == ',');
	}
	return total;
}

static int load(const char *spec, int depth)
{
	if (depth == 0 && setjmp(bail)) {
		char *msg = name_dup("bad spec", 8);
		printf("%s\n", msg);
		free(msg);
		return -1;
	}
	return load_items(spec, depth);
}

int main(void)
{
	printf("%d\n", load("a,bb", 0));
	printf("%d\n", load("a,@x,c", 0));
	return 0;
}
