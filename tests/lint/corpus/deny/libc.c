/* Default deny, libc: arena memory handed to libc functions whose effect the old lists did not
 * know (results that alias an argument and are kept, heap-only functions, functions that keep
 * their argument), next to uses whose effect is known and harmless (no mark). Linted by
 * tests/lint/run_corpus.sh. */
#define _GNU_SOURCE
#include "arena_rt.h"
#include <limits.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

char *g_line;
char *g_token;
const char *g_found;
char *g_path;
char *g_when;
size_t g_size;

void keep_fgets_result(FILE *f)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *buf = arena_alloc(&a, 128);
	g_line = fgets(buf, 128, f); /* expect: arena-escape-global */
}

void keep_strsep_token(const char *s)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *copy = arena_strdup(&a, s);
	g_token = strsep(&copy, "="); /* expect: arena-escape-global */
}

void keep_memmem_hit(const char *s, size_t n)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *copy = arena_memdup(&a, s, n);
	g_found = memmem(copy, n, "\r\n", 2); /* expect: arena-escape-global */
}

char *return_realpath_buf(const char *p)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *buf = arena_alloc(&a, PATH_MAX);
	return realpath(p, buf); /* expect: arena-escape-return */
}

void keep_getcwd_buf(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *buf = arena_alloc(&a, 256);
	g_path = getcwd(buf, 256); /* expect: arena-escape-global */
}

void keep_ctime_r_buf(time_t t)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *buf = arena_alloc(&a, 32);
	g_when = ctime_r(&t, buf); /* expect: arena-escape-global */
}

void keep_strtol_end(const char *s, char **rest)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *copy = arena_strdup(&a, s);
	strtol(copy, rest, 10); /* expect: arena-escape-call */
}

const char *return_basename(const char *path)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *copy = arena_strdup(&a, path);
	return basename(copy); /* expect: arena-escape-return */
}

size_t getline_grows_arena_buffer(FILE *f)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	size_t cap = 16;
	char *line = arena_alloc(&a, cap);
	ssize_t n = getline(&line, &cap, f); /* expect: arena-heap-free */
	return n > 0 ? (size_t)n : 0;
}

size_t getdelim_grows_arena_buffer(FILE *f)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	size_t cap = 8;
	char *rec = arena_alloc(&a, cap);
	ssize_t n = getdelim(&rec, &cap, '\0', f); /* expect: arena-heap-free */
	return n > 0 ? (size_t)n : 0;
}

int reallocarray_of_arena_memory(int n)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	int *v = arena_alloc(&a, 4 * sizeof *v);
	int *w = reallocarray(v, (size_t)n, sizeof *v); /* expect: arena-heap-free */
	return w ? w[0] : 0;
}

void usable_size_of_arena_memory(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p = arena_alloc(&a, 40);
	g_size += malloc_usable_size(p); /* expect: arena-heap-free */
}

static ssize_t count_write(void *c, const char *buf, size_t n)
{
	(void)buf;
	*(size_t *)c += n;
	return (ssize_t)n;
}

FILE *cookie_kept_by_stream(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	size_t *count = arena_calloc(&a, 1, sizeof *count);
	cookie_io_functions_t io = {NULL, count_write, NULL, NULL};
	return fopencookie(count, "w", io); /* expect: arena-escape-call */
}

struct sort_ctx {
	const char *dup;
};

static int cmp_keep_dup(const void *x, const void *y, void *ud)
{
	const char *s = *(char *const *)x, *t = *(char *const *)y;
	int r = strcmp(s, t);
	if (r == 0)
		((struct sort_ctx *)ud)->dup = s;
	return r;
}

void comparator_keeps_element(const char *const *in, size_t n, struct sort_ctx *ctx)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char **v = arena_alloc(&a, n * sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = arena_strdup(&a, in[i]);
	qsort_r(v, n, sizeof *v, cmp_keep_dup, ctx); /* expect: arena-escape-call */
}

void pointer_written_to_pipe(int fd)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *job = arena_strdup(&a, "job");
	if (write(fd, &job, sizeof job) < 0) /* expect: arena-escape-hidden */
		perror("write");
}

/* Known effects, nothing kept: no finding. */
static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

long harmless_libc_uses(const char *s, FILE *f)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *copy = arena_strdup(&a, s);
	char *end;
	long v = strtol(copy, &end, 10);
	char *buf = arena_alloc(&a, 64);
	snprintf(buf, 64, "%ld|%s", v, end);
	if (fgets(buf, 64, f) != NULL)
		v += (long)strlen(buf);
	char **w = arena_alloc(&a, 2 * sizeof *w);
	w[0] = copy;
	w[1] = buf;
	qsort(w, 2, sizeof *w, cmp_str);
	char *hit = memmem(copy, strlen(copy), "x", 1);
	return v + (hit ? 1 : 0) + (long)strlen(w[0]);
}
