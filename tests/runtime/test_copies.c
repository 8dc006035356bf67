/*
 * Unit tests of the functions a rule kind maps to that keep the program's own: arena_memdupz and
 * arena_cur_memdupz (kind memdup: n bytes, NULs included, and a NUL after them), and the *_with
 * variants that keep a program's wrapper or hook as the fallback (arena_cur_strdup_with and the
 * other copies of a scope, arena_alloc_with and the others of an arena of the caller's). Built in
 * bump and malloc mode, with and without ASan+UBSan: in malloc mode an untracked arena is the
 * original program, so the fallback runs there as it would have without the rewrite.
 */
#include "arena_rt.h"
#include "check.h"

#include <stdlib.h>
#include <string.h>

#ifdef ARENA_USE_MALLOC
#define MALLOC_MODE 1
#else
#define MALLOC_MODE 0
#endif

static int hook_calls;

/* The program's own copies (what a wrapper over an installed allocator would make). */
static void *hook_memdupz(const void *p, size_t n)
{
	char *q = malloc(n + 1);
	hook_calls++;
	memcpy(q, p, n);
	q[n] = '\0';
	return q;
}

static char *hook_strdupz(const char *s, size_t n)
{
	return hook_memdupz(s, n);
}

static char *hook_strndup(const char *s, size_t n)
{
	size_t len = 0;
	while (len < n && s[len])
		len++;
	return hook_memdupz(s, len);
}

static char *hook_strdup(const char *s)
{
	return hook_memdupz(s, strlen(s));
}

static void *hook_malloc(size_t n)
{
	hook_calls++;
	return malloc(n);
}

static void *hook_calloc(size_t n, size_t size)
{
	hook_calls++;
	return calloc(n, size);
}

static void *hook_realloc(void *p, size_t n)
{
	hook_calls++;
	return realloc(p, n);
}

static const char bytes[] = "ab\0cd\0"; /* 6 bytes and the literal's NUL */

static void test_memdupz(void)
{
	arena_t a = ARENA_INIT;
	char *p = arena_memdupz(&a, bytes, 6), *e = arena_memdupz(&a, bytes, 0);
	CHECK(p && !memcmp(p, bytes, 6) && p[6] == '\0' && arena_owns(&a, p));
	CHECK(e && e[0] == '\0');
	CHECK(!arena_memdupz(&a, bytes, SIZE_MAX));
	arena_release(&a);
	/* no scope: libc's heap, freed by free */
	p = arena_cur_memdupz(bytes, 6);
	CHECK(p && !memcmp(p, bytes, 6) && p[6] == '\0' && !arena_owner(p));
	free(p);
	arena_push(&a);
	p = arena_cur_memdupz(bytes, 5);
	CHECK(p && !memcmp(p, bytes, 5) && p[5] == '\0' && arena_owns(&a, p));
	arena_scope_end(&a);
}

/* Outside every scope the fallback makes every copy; its memory is no arena's. */
static void test_outside(void)
{
	hook_calls = 0;
	char *s = arena_cur_strdup_with(hook_strdup, "text");
	char *n = arena_cur_strndup_with(hook_strndup, "text", 2);
	void *m = arena_cur_memdupz_with(hook_memdupz, bytes, 6);
	char *c = arena_cur_strdupz_with(hook_strdupz, bytes, 4);
	CHECK(hook_calls == 4 && !arena_owner(s) && !arena_owner(n) && !arena_owner(m));
	CHECK(!strcmp(s, "text") && !strcmp(n, "te") && !memcmp(m, bytes, 7) &&
	      !memcmp(c, bytes, 4) && c[4] == '\0');
	free(s);
	free(n);
	free(m);
	free(c);
}

/* In a scope the scope's arena makes them; in malloc mode an untracked scope is the original
 * program, and the fallback still does. */
static void scope_with(arena_t *s, int want_hook)
{
	hook_calls = 0;
	arena_push(s);
	char *t = arena_cur_strdup_with(hook_strdup, "text");
	char *n = arena_cur_strndup_with(hook_strndup, "text", 2);
	char *z = arena_cur_strndup_with(hook_strndup, bytes, 6);
	void *m = arena_cur_memdupz_with(hook_memdupz, bytes, 6);
	char *c = arena_cur_strdupz_with(hook_strdupz, bytes, 4);
	CHECK(!strcmp(t, "text") && !strcmp(n, "te") && !strcmp(z, "ab"));
	CHECK(!memcmp(m, bytes, 7) && !memcmp(c, bytes, 4) && c[4] == '\0');
	CHECK(hook_calls == (want_hook ? 5 : 0));
	CHECK((arena_owns(s, t) && arena_owns(s, m) && arena_owns(s, c)) == !want_hook);
	if (want_hook) {
		free(t);
		free(n);
		free(z);
		free(m);
		free(c);
	}
	arena_scope_end(s);
}

/* An arena of the caller's serves every call; in malloc mode an untracked one is the original
 * program, and the fallback serves them all. A pointer no arena owns goes to the fallback's
 * realloc in both modes. */
static void local_with(arena_t *a, int want_hook)
{
	hook_calls = 0;
	char *m = arena_alloc_with(a, hook_malloc, 16),
	     *z = arena_calloc_with(a, hook_calloc, 4, 4);
	char *r = arena_realloc_with(a, hook_realloc, NULL, 8);
	char *t = arena_strdup_with(a, hook_strdup, "text");
	char *n = arena_strndup_with(a, hook_strndup, bytes, 6);
	void *d = arena_memdupz_with(a, hook_memdupz, bytes, 6);
	char *c = arena_strdupz_with(a, hook_strdupz, bytes, 4);
	CHECK(m && z && r && !z[15] && !strcmp(t, "text") && !strcmp(n, "ab"));
	CHECK(!memcmp(d, bytes, 7) && !memcmp(c, bytes, 4) && c[4] == '\0');
	CHECK(hook_calls == (want_hook ? 7 : 0));
	CHECK((arena_owns(a, m) && arena_owns(a, z) && arena_owns(a, d)) == !want_hook);
	memcpy(r, "grow", 5);
	r = arena_realloc_with(a, hook_realloc, r, 4096);
	CHECK(r && !strcmp(r, "grow") && hook_calls == (want_hook ? 8 : 0));
	char *h = malloc(8); /* the program's own heap block: its realloc, in both modes */
	h = arena_realloc_with(a, hook_realloc, h, 64);
	CHECK(h && !arena_owner(h) && hook_calls == (want_hook ? 9 : 1));
	free(h);
	if (want_hook) {
		void *v[] = {m, z, r, t, n, d, c};
		for (size_t i = 0; i < sizeof(v) / sizeof(*v); i++)
			free(v[i]);
	}
	arena_release(a);
}

int main(void)
{
	test_memdupz();
	test_outside();
	arena_t s = ARENA_INIT, u = ARENA_INIT_UNTRACKED;
	scope_with(&s, 0);
	scope_with(&u, MALLOC_MODE);
	local_with(&s, 0);
	local_with(&u, MALLOC_MODE);
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
