/* Shape of resumable number scanners (lua's lexer reading numerals, redis's string2ll callers)
 * that keep only a cursor, strtol's end pointer, and the count of bytes consumed; the owner
 * frees the buffer from the cursor minus what was consumed, the sds idiom of freeing from a
 * pointer and an offset. UNSAFE: strtol stores a pointer into its string argument through its
 * end pointer; with the copy in scan_numbers' arena, the cursor points into memory released when
 * scan_numbers returns. A wrong acceptance reads freed memory in main and frees arena memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct scanner {
	char *pos;   /* where scanning stopped */
	size_t used; /* bytes consumed before pos */
	long total;
};

static void scan_numbers(const char *text, struct scanner *sc)
{
	char *copy = strdup(text);
	for (char *c = copy; *c; c++)
		if (*c == ',')
			*c = ' ';
	char *p = copy;
	char *end;
	for (;;) {
		long v = strtol(p, &end, 10);
		if (end == p)
			break;
		sc->total += v;
		p = end;
	}
	sc->used = (size_t)(end - copy);
	sc->pos = end;
}

int main(void)
{
	struct scanner sc = {NULL, 0, 0};
	scan_numbers("10,20, 30 rest of line", &sc);
	printf("total %ld, stopped at '%s' after %zu bytes\n", sc.total, sc.pos, sc.used);
	free(sc.pos - sc.used);
	return 0;
}
