/* Shape of systemd's format-table.c (d = reallocarray(t->display_map, n, sizeof(size_t))) and
 * coreutils' readtokens.c: an array allocated with malloc and grown with reallocarray as items
 * arrive. UNSAFE: reallocarray is libc realloc with an overflow check; with the first array in
 * collect_widths' arena, libc receives arena memory to reallocate. A wrong acceptance crashes in
 * reallocarray (ASan: attempting free on address which was not malloc()-ed). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t collect_widths(const char *const *cells, size_t n)
{
	size_t cap = 2, len = 0, widest = 0;
	size_t *w = malloc(cap * sizeof *w);
	for (size_t i = 0; i < n; i++) {
		if (len == cap) {
			size_t *nw = reallocarray(w, cap * 2, sizeof *w);
			if (!nw)
				break;
			w = nw;
			cap *= 2;
		}
		w[len++] = strlen(cells[i]);
	}
	for (size_t i = 0; i < len; i++)
		if (w[i] > widest)
			widest = w[i];
	free(w);
	return widest;
}

int main(void)
{
	const char *cells[] = {"UNIT", "LOAD", "ACTIVE", "SUB", "DESCRIPTION", "ok"};
	printf("widest column: %zu\n", collect_widths(cells, 6));
	return 0;
}
