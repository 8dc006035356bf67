#include "flow.h"
#include "ast.h"
#include "mem.h"

#include <stdlib.h>
#include <string.h>

void flow_init(struct flow *f, const struct ast *a, int fn)
{
	f->a = a;
	f->fn = fn;
	f->seed = xcalloc(a->nnodes + 1, 1);
	f->tainted = xcalloc(a->ndecls + 1, 1);
}

void flow_free(struct flow *f)
{
	free(f->seed);
	free(f->tainted);
	f->seed = f->tainted = NULL;
}

void flow_add_seed(struct flow *f, int call)
{
	f->seed[call] = 1;
}

static int last_child(const struct ast *a, int n)
{
	int last = -1;
	for (int c = ast_first(a, n); c >= 0; c = ast_next(a, c))
		last = c;
	return last;
}

static int is_op(const struct ast_node *x, const char *op)
{
	return x->op && !strcmp(x->op, op);
}

/* Library functions whose result is their first argument. */
static int returns_first_arg(const char *name)
{
	static const char *const names[] = {"memcpy",  "memmove", "memset",  "strcpy",
	                                    "strncpy", "strcat",  "strncat", "stpcpy"};
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (!strcmp(name, names[i]))
			return 1;
	return 0;
}

static int derives_addr(const struct flow *f, int n);

int flow_derives(const struct flow *f, int n)
{
	const struct ast *a = f->a;
	if (n < 0)
		return 0;
	const struct ast_node *x = &a->nodes[n];
	switch (x->kind) {
	case AK_CALL:
		if (f->seed[n])
			return 1;
		if (x->name && returns_first_arg(x->name))
			return flow_derives(f, ast_call_arg(a, n, 0));
		return 0;
	case AK_DECLREF:
		return x->decl >= 0 && f->tainted[x->decl];
	case AK_PAREN:
	case AK_CAST:
	case AK_UNEXPOSED:
		return flow_derives(f, last_child(a, n));
	case AK_BINARY: {
		int l = ast_first(a, n), r = l >= 0 ? ast_next(a, l) : -1;
		if (is_op(x, "=") || is_op(x, ","))
			return flow_derives(f, r);
		if (!x->op || is_op(x, "+") || is_op(x, "-"))
			return flow_derives(f, l) || flow_derives(f, r);
		return 0;
	}
	case AK_ASSIGNOP:
		return flow_derives(f, ast_first(a, n));
	case AK_COND: {
		int c = ast_first(a, n);
		int t = c >= 0 ? ast_next(a, c) : -1;
		int e = t >= 0 ? ast_next(a, t) : -1;
		return flow_derives(f, t) || flow_derives(f, e);
	}
	case AK_UNARY:
		if (is_op(x, "&"))
			return derives_addr(f, ast_first(a, n));
		if (is_op(x, "++") || is_op(x, "--") || !x->op)
			return flow_derives(f, ast_first(a, n));
		return 0;
	case AK_MEMBER:
		/* s.p of a local struct s that holds arena pointers. */
		if (!(x->flags & AF_ARROW))
			return flow_derives(f, ast_first(a, n));
		return 0;
	case AK_SUBSCRIPT: {
		int base = ast_first(a, n);
		if (base >= 0 && a->nodes[ast_strip(a, base)].tclass == TC_ARRAY)
			return flow_derives(f, base);
		return 0;
	}
	default:
		return 0;
	}
}

/* The address of lvalue n points into arena memory: p->f, p[i], *p of an arena pointer p. */
static int derives_addr(const struct flow *f, int n)
{
	const struct ast *a = f->a;
	n = ast_strip(a, n);
	if (n < 0)
		return 0;
	const struct ast_node *x = &a->nodes[n];
	int c = ast_first(a, n);
	switch (x->kind) {
	case AK_MEMBER:
		return (x->flags & AF_ARROW) ? flow_derives(f, c) : derives_addr(f, c);
	case AK_SUBSCRIPT:
		return flow_derives(f, c) || derives_addr(f, c);
	case AK_UNARY:
		return is_op(x, "*") ? flow_derives(f, c) : 0;
	default:
		return 0;
	}
}

/* The local variable an lvalue stores into: v, v.f, v[i] (array v), or -1. */
static int stored_local(const struct ast *a, int n)
{
	for (;;) {
		n = ast_strip(a, n);
		if (n < 0)
			return -1;
		const struct ast_node *x = &a->nodes[n];
		if (x->kind == AK_DECLREF) {
			if (x->decl >= 0 && (a->decls[x->decl].flags & DF_LOCAL))
				return x->decl;
			return -1;
		}
		if (x->kind == AK_MEMBER && !(x->flags & AF_ARROW)) {
			n = ast_first(a, n);
			continue;
		}
		if (x->kind == AK_SUBSCRIPT) {
			int base = ast_first(a, n);
			if (base >= 0 && a->nodes[ast_strip(a, base)].tclass == TC_ARRAY) {
				n = base;
				continue;
			}
		}
		return -1;
	}
}

void flow_run(struct flow *f)
{
	const struct ast *a = f->a;
	int end = f->fn + a->nodes[f->fn].size;
	int changed = 1;
	while (changed) {
		changed = 0;
		for (int n = f->fn + 1; n <= end; n++) {
			const struct ast_node *x = &a->nodes[n];
			int target = -1, value = -1;
			if (x->kind == AK_VAR && x->decl >= 0 &&
			    (a->decls[x->decl].flags & DF_LOCAL)) {
				int init = last_child(a, n);
				if (init >= 0 && a->nodes[init].kind >= AK_CALL) {
					target = x->decl;
					value = init;
				}
			} else if ((x->kind == AK_BINARY && is_op(x, "=")) ||
			           x->kind == AK_ASSIGNOP) {
				int l = ast_first(a, n);
				target = l >= 0 ? stored_local(a, l) : -1;
				value = l >= 0 ? ast_next(a, l) : -1;
			} else if (x->kind == AK_BINARY && !x->op) {
				/* Operator unknown (macro): assume it may be an assignment. */
				int l = ast_first(a, n);
				target = l >= 0 ? stored_local(a, l) : -1;
				value = l >= 0 ? ast_next(a, l) : -1;
			}
			if (target >= 0 && !f->tainted[target] && flow_derives(f, value)) {
				f->tainted[target] = 1;
				changed = 1;
			}
		}
	}
}
