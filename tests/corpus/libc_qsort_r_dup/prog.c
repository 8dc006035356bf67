/* Shape of systemd's typesafe_qsort_r users (sort-util.h) and of sort -u style checks: the
 * comparator gets a context through qsort_r and records in it the first pair found equal, which
 * the caller reports after sorting. UNSAFE: qsort_r calls the comparator with pointers into the
 * array and the comparator keeps one in the context, which outlives sort_names; with the array
 * of copies in sort_names' arena, ctx.dup points into released memory. A wrong acceptance prints
 * freed memory in main. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sort_ctx {
	const char *dup;
	int compares;
};

static int cmp_names(const void *a, const void *b, void *userdata)
{
	struct sort_ctx *ctx = userdata;
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	int r = strcmp(x, y);
	ctx->compares++;
	if (r == 0 && !ctx->dup)
		ctx->dup = x;
	return r;
}

static void sort_names(const char *const *in, size_t n, struct sort_ctx *ctx, char *first,
                       size_t cap)
{
	char **v = malloc(n * sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = strdup(in[i]);
	qsort_r(v, n, sizeof *v, cmp_names, ctx);
	snprintf(first, cap, "%s", v[0]);
	for (size_t i = 0; i < n; i++)
		if (v[i] != ctx->dup)
			free(v[i]);
	free(v);
}

int main(void)
{
	const char *names[] = {"nginx", "redis", "apache", "redis", "lighttpd"};
	struct sort_ctx ctx = {NULL, 0};
	char first[32];
	sort_names(names, 5, &ctx, first, sizeof first);
	printf("first %s, duplicate %s\n", first, ctx.dup ? ctx.dup : "none");
	free((char *)ctx.dup);
	return 0;
}
