/* sort by address for a stable identity order (GLib g_direct_equal / qsort of pointers by
 * address), only indices leave (SAFE). */
#include <stdio.h>
#include <stdlib.h>
struct ev { int fd; };
static struct ev *make_ev(int fd) { struct ev *e = malloc(sizeof *e); e->fd = fd; return e; }
static int by_addr(const void *a, const void *b) { const struct ev *x = *(struct ev *const *)a, *y = *(struct ev *const *)b; return (x > y) - (x < y); }
static int order(int n)
{
	struct ev *v[8];
	for (int i = 0; i < n; i++) v[i] = make_ev(i);
	qsort(v, n, sizeof v[0], by_addr);
	int s = 0;
	for (int i = 0; i < n; i++) { s += v[i]->fd; free(v[i]); }
	return s;
}
int main(void) { printf("%d\n", order(5)); return 0; }
