/* Returns, aliases, casts, pointer arithmetic, ?: and the safe look-alikes. */
#include "common.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *ret_plain(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p = arena_alloc(&a, 16);
	return p; /* expect: arena-escape-return */
}

char *ret_call_directly(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	return arena_strdup(&a, "direct"); /* expect: arena-escape-return */
}

char *ret_alias(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p = arena_alloc(&a, 16);
	char *q = p;
	return q; /* expect: arena-escape-return */
}

char *ret_alias_of_alias(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p = arena_calloc(&a, 4, 4);
	char *q = p;
	char *r = q;
	char *s;
	s = r;
	return s; /* expect: arena-escape-return */
}

void *ret_cast(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	struct node *n = arena_alloc(&a, sizeof *n);
	return (void *)(char *)n; /* expect: arena-escape-return */
}

char *ret_arith(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p = arena_alloc(&a, 64);
	char *mid = p + 32;
	return mid - 1; /* expect: arena-escape-return */
}

char *ret_field_addr(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	struct pair *pr = arena_alloc(&a, sizeof *pr);
	return (char *)&pr->count; /* expect: arena-escape-return */
}

char *ret_element_addr(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *buf = arena_alloc(&a, 64);
	return &buf[8]; /* expect: arena-escape-return */
}

char *ret_through_local_struct(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	struct pair pr;
	pr.first = arena_strdup(&a, "one");
	pr.second = NULL;
	return pr.first; /* expect: arena-escape-return */
}

char *ret_other_field_safe(const char *in)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	struct pair pr;
	pr.first = arena_strdup(&a, in);
	pr.second = (char *)in;
	return pr.second;
}

struct pair ret_struct_by_value(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	struct pair pr = {0};
	pr.first = arena_strdup(&a, "x");
	return pr; /* expect: arena-escape-return */
}

char *ret_struct_copy(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	struct pair x, y;
	x.first = arena_strdup(&a, "x");
	x.second = NULL;
	y = x;
	return y.first; /* expect: arena-escape-return */
}

char *ret_local_array_element(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *v[4] = {0};
	v[1] = arena_strdup(&a, "e");
	return v[1]; /* expect: arena-escape-return */
}

char *ret_conditional_expr(int c)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p = arena_strdup(&a, "maybe");
	return c ? p : "literal"; /* expect warning: arena-escape-return */
}

char *ret_in_branch(int c, char *fallback)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p = arena_strdup(&a, "branch");
	if (c)
		return p; /* expect warning: arena-escape-return */
	return fallback;
}

char *ret_after_loop(int n)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *last = NULL;
	for (int i = 0; i < n; i++)
		last = arena_alloc(&a, (size_t)i + 1);
	return last; /* expect warning: arena-escape-return */
}

char *ret_memcpy_result(const char *s, size_t n)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p = arena_alloc(&a, n);
	return memcpy(p, s, n); /* expect: arena-escape-return */
}

char *ret_stmt_expr(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p = ({
		char *t = arena_alloc(&a, 8);
		t;
	});
	return p; /* expect: arena-escape-return */
}

char *ret_handle(void)
{
	arena_t *h = arena_create();
	char *p = arena_strdup(h, "handle");
	arena_destroy(h);
	return p; /* expect: arena-escape-return, arena-use-after-free */
}

/* ---- safe look-alikes ---- */

int safe_ret_int_field(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	struct node *n = arena_alloc(&a, sizeof *n);
	n->value = 42;
	return n->value;
}

size_t safe_ret_len(const char *s)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p = arena_strdup(&a, s);
	return strlen(p);
}

void safe_copy_to_caller(char *out, size_t n)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p = arena_alloc(&a, n);
	memset(p, 'x', n);
	memcpy(out, p, n);
}

void safe_copy_loop(char *out, size_t n)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p = arena_alloc(&a, n);
	for (size_t i = 0; i < n; i++)
		out[i] = p[i];
}

static int cmp_int(const void *x, const void *y)
{
	return *(const int *)x - *(const int *)y;
}

int safe_library_calls(int n)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	int *v = arena_alloc(&a, sizeof(int) * (size_t)n);
	for (int i = 0; i < n; i++)
		v[i] = n - i;
	qsort(v, (size_t)n, sizeof(int), cmp_int);
	char *s = arena_strdup(&a, "sorted");
	printf("%s %d %zu\n", s, v[0], strlen(s));
	return v[0];
}

char *safe_ret_param(char *p)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *tmp = arena_strdup(&a, p);
	(void)tmp;
	return p;
}

const char *safe_ret_literal(int c)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *tmp = arena_alloc(&a, 8);
	tmp[0] = (char)c;
	return c ? "yes" : "no";
}

char *safe_ret_clone(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p = arena_strdup(&a, "copied out");
	return arena_clone_str(p);
}

char *safe_ret_heap(int n)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *scratch = arena_alloc(&a, 32);
	char *p = malloc((size_t)n + 1);
	scratch[0] = 0;
	p = scratch; /* reassigned below: only the last value is returned */
	p = malloc(4);
	return p;
}

int safe_local_struct(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	struct pair pr;
	pr.first = arena_strdup(&a, "local only");
	pr.second = pr.first + 1;
	pr.count = (int)strlen(pr.second);
	return pr.count;
}

char *safe_from_param_arena(arena_t *a)
{
	char *p = arena_strdup(a, "caller's arena");
	return p;
}

char *safe_from_scope(void)
{
	char *p = arena_cur_strdup("caller's scope");
	return p;
}

int safe_list_sum(int n)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	struct node *head = NULL;
	for (int i = 0; i < n; i++) {
		struct node *x = arena_alloc(&a, sizeof *x);
		x->value = i;
		x->next = head;
		head = x;
	}
	int s = 0;
	for (struct node *x = head; x; x = x->next)
		s += x->value;
	return s;
}

char *safe_rewritten_pointer_value(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p = arena_strdup(&a, "gone");
	p = NULL;
	return p;
}

char *allowed_return(void)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	char *p = arena_strdup(&a, "the caller copies it before the next call");
	/* arena-lint: allow(arena-escape-return) kept for the test of allow comments */
	return p;
}
