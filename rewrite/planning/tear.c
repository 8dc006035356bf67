#include "tear.h"
#include "analysis.h"
#include "front.h"
#include "mem.h"
#include "plan_int.h"
#include "rtapi.h"
#include "rules.h"
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

struct tear_tu *tear_tu_get(struct tear_tu **t)
{
	if (!*t)
		*t = xcalloc(1, sizeof(**t));
	return *t;
}

void tear_tu_free(struct tear_tu *t)
{
	if (!t)
		return;
	strmap_free(&t->memo);
	strmap_free(&t->owned);
	free(t->scope_of);
	free(t->outside);
	free(t);
}

/* ---- walks that only free ------------------------------------------------------------------ */

int tear_callee_decl(const struct ast *a, int call)
{
	int cs = ast_strip(a, ast_call_callee(a, call));
	if (cs < 0 || a->nodes[cs].kind != AK_DECLREF || a->nodes[cs].decl < 0)
		return -1;
	int d = a->nodes[cs].decl;
	return a->decls[d].kind == DK_FUNC && a->decls[d].name ? d : -1;
}

/* A function that may hand out heap memory the program frees: an allocator of the rules, a
 * function the effects table says allocates (realpath(p, NULL), getline's buffer), or a runtime
 * function that may return heap memory. */
static int gives_heap(const struct rules *r, const char *name)
{
	const struct rt_func *rf = rtapi_find(name);
	if (rf)
		return rf->role == RT_ALLOC || rf->role == RT_CUR_ALLOC ||
		       rf->role == RT_RESIZE_ANY || rf->role == RT_CLONE;
	const struct rule_alloc *ra = rules_find_alloc(r, name);
	if (ra)
		return ra->kind != RK_FREE && ra->kind != RK_RELEASE;
	return eff_gives_heap(rules_find_effect(r, name));
}

/* A call of a free-kind function or of a walk that only frees. */
static int freeing_call(struct tear_tu **t, const struct ast *a, const struct rules *r, int call)
{
	int d = tear_callee_decl(a, call);
	if (d < 0 || (a->nodes[call].flags & AF_MACRO))
		return 0;
	const char *name = a->decls[d].name;
	const struct rt_func *rf = rtapi_find(name);
	const struct rule_alloc *ra = rules_find_alloc(r, name);
	if ((rf && rf->role == RT_FREE) || (ra && ra->kind == RK_FREE))
		return ast_call_nargs(a, call) == 1;
	return !rf && !ra && tear_is_teardown(t, a, r, d);
}

/* A store to a local variable of the function touches no memory. */
static int local_lvalue(const struct ast *a, int e)
{
	int s = e >= 0 ? ast_strip(a, e) : -1;
	if (s < 0 || a->nodes[s].kind != AK_DECLREF || a->nodes[s].decl < 0)
		return 0;
	unsigned fl = a->decls[a->nodes[s].decl].flags;
	return (fl & DF_LOCAL) && !(fl & DF_GLOBAL);
}

/*
 * Whether nodes from..to (a subtree) do nothing but read, assign locals, branch, and call
 * free-kind functions or walks that only free; *frees counts those calls. A loop of the
 * function itself (`loop`) must not leave it either: no return, goto or label.
 */
static int only_frees(struct tear_tu **t, const struct ast *a, const struct rules *r, int from,
                      int to, int loop, int *frees)
{
	for (int n = from; n <= to; n++) {
		const struct ast_node *x = &a->nodes[n];
		switch (x->kind) {
		case AK_RETURN:
		case AK_GOTO:
		case AK_LABEL:
			if (loop)
				return 0;
			break;
		case AK_VAR:
			if (x->decl < 0 || (a->decls[x->decl].flags & DF_GLOBAL))
				return 0;
			break;
		case AK_UNARY:
			if (!x->op || ((!strcmp(x->op, "++") || !strcmp(x->op, "--")) &&
			               !local_lvalue(a, ast_first(a, n))))
				return 0;
			break;
		case AK_BINARY:
			if (!x->op || (!strcmp(x->op, "=") && !local_lvalue(a, ast_first(a, n))))
				return 0;
			break;
		case AK_ASSIGNOP:
			if (!local_lvalue(a, ast_first(a, n)))
				return 0;
			break;
		case AK_CALL:
			if (!freeing_call(t, a, r, n))
				return 0;
			(*frees)++;
			break;
		case AK_ASM:
		case AK_STMTEXPR:
		case AK_FUNC:
			return 0;
		default:
			break;
		}
	}
	return 1;
}

int tear_is_teardown(struct tear_tu **t, const struct ast *a, const struct rules *r, int decl)
{
	if (decl < 0)
		return 0;
	const struct ast_decl *d = &a->decls[decl];
	if (d->kind != DK_FUNC || (d->flags & DF_SYSTEM) || !d->usr || d->node < 0 ||
	    rules_find_alloc(r, d->name))
		return 0;
	const struct ast_node *fn = &a->nodes[d->node];
	if (fn->kind != AK_FUNC || !(fn->flags & AF_DEFINITION) ||
	    (fn->flags & (AF_MACRO | AF_SYSHDR)))
		return 0;
	struct tear_tu *tu = tear_tu_get(t);
	size_t klen = strlen(d->usr);
	struct strmap_ent *en = strmap_findb(&tu->memo, d->usr, klen);
	if (en && en->val != 3)
		return en->val != 0;
	strmap_putb(&tu->memo, d->usr, klen, 2)->val = 2;
	int body = -1, frees = 0;
	for (int ch = ast_first(a, d->node); ch >= 0; ch = ast_next(a, ch))
		if (a->nodes[ch].kind == AK_COMPOUND)
			body = ch;
	tu->depth++;
	int ok = body >= 0 && only_frees(t, a, r, body, body + a->nodes[body].size, 0, &frees) &&
	         frees > 0;
	tu->depth--;
	/* A yes that assumed a caller's yes is decided again: that caller may turn out no. */
	strmap_findb(&tu->memo, d->usr, klen)->val = !ok ? 0 : tu->depth ? 3 : 1;
	return ok;
}

/* ---- the proof that every freed pointer is arena memory ------------------------------------ */

/*
 * The tag of function node f's edits when every entry of it allocates from scope `scope` (so
 * that the scope's refusal refuses it too, and no own arena takes its allocations): its first
 * entry (role_of in plan.c); else -1.
 */
static int scoped_entry(const struct fctx *c, int f, const char *scope)
{
	const struct hotlist *hl = c->o->hot;
	const struct ast_node *x = &c->a->nodes[f];
	const char *path = x->file >= 0 ? c->a->files[x->file].path : NULL;
	int first = -1;
	for (int h = x->name && path ? hot_first(hl, x->name) : -1; h >= 0; h = hot_next(hl, h)) {
		const struct hotspot *hs = &hl->v[h];
		if (hs->file && !hot_file_matches(hs->file, path))
			continue;
		if (!hs->scope || strcmp(hs->scope, scope))
			return -1;
		first = first < 0 ? h : first;
	}
	return first;
}

/*
 * Whether allocation `call` of another function is scope memory of c (a scope): that function
 * is a hotspot of c's scope only, which no other scope reaches and which runs only inside
 * scopes, and the call is rewritten (no macro, the usual arguments). *tag becomes the scope
 * group's PLAN_TAG_NEEDS: the refusal of any hotspot of the scope, or of the scope, drops the
 * rewrite of some such call and so must drop the removal.
 */
static int scope_site(struct fctx *c, int call, int *tag)
{
	const struct ast *a = c->a;
	const struct plan_opts *o = c->o;
	int f = ast_enclosing(a, call, 1ull << AK_FUNC);
	int h = c->scope && f >= 0 ? scoped_entry(c, f, a->nodes[c->fn].name) : -1;
	int d = f >= 0 ? a->nodes[f].decl : -1;
	int ci =
	    h >= 0 && o->cg && d >= 0 && a->decls[d].usr ? cg_find(o->cg, a->decls[d].usr) : -1;
	if (ci < 0)
		return 0;
	struct tear_tu *t = tear_tu_get(c->tear);
	if (!t->scope_of)
		tear_scope_reach(t, o);
	int cs = ast_strip(a, ast_call_callee(a, call));
	const struct rule_alloc *ra = rules_find_alloc(o->rules, a->nodes[call].name);
	int k = 0;
	while ((size_t)k < o->nscopes && strcmp(o->scopes[k], a->nodes[c->fn].name))
		k++;
	/* only this scope reaches it, and nothing from outside every scope */
	if (t->scope_of[ci] != k || t->outside[ci] || (a->nodes[call].flags & AF_MACRO) || cs < 0 ||
	    (a->nodes[cs].flags & AF_MACRO) || !ra ||
	    (unsigned)ast_call_nargs(a, call) != rules_kind_args(ra->kind))
		return 0;
	*tag = PLAN_TAG_NEEDS((int)o->hot->n + k);
	return 1;
}

/*
 * Whether every call of the unit that can hand out heap memory is one of c's own allocations
 * (c->allocs: the rewrite makes them its arena's), or of a hotspot of c's scope (scope_site),
 * so that any pointer the program frees is arena memory: 1; 2 when only other allocations of
 * the rules' families are not (tear_field.c may still prove a walk); else 0. arena[n]: call n
 * is such an allocation. Needs the whole program: one unit, every body converted.
 */
static int all_memory_is_arena(struct fctx *c, int *tag, unsigned char *arena)
{
	const struct ast *a = c->a;
	const struct rules *r = c->o->rules;
	if (!c->o->one_unit)
		return 0;
	unsigned char *mine = xcalloc(a->nnodes + 1, 1);
	for (size_t i = 0; i < c->nallocs; i++)
		mine[c->allocs[i]] = 1;
	int ok = 1, heap = 0;
	for (size_t n = 0; n < a->nnodes && ok; n++) {
		const struct ast_node *x = &a->nodes[n];
		if (x->flags & AF_SYSHDR)
			continue;
		if (x->kind == AK_FUNC && (x->flags & AF_DEFINITION) && !x->size)
			ok = 0; /* a body not converted: its calls are unknown */
		else if (x->kind == AK_DECLREF && x->decl >= 0 &&
		         a->decls[x->decl].kind == DK_FUNC && x->name &&
		         !ast_is_callee(a, (int)n) && gives_heap(r, x->name))
			ok = 0; /* an allocator called through a pointer */
		if (x->kind != AK_CALL || !ok)
			continue;
		int d = tear_callee_decl(a, (int)n);
		if (d < 0)
			continue; /* through a pointer: to a body here, or to an allocator caught
			             above */
		const char *name = a->decls[d].name;
		if (gives_heap(r, name)) {
			arena[n] =
			    rules_find_alloc(r, name) && (mine[n] || scope_site(c, (int)n, tag));
			heap |= !arena[n];
		} else if (!(a->decls[d].flags & (DF_SYSTEM | DF_DEFINED)))
			ok = 0; /* defined in no source of the run */
	}
	free(mine);
	return !ok ? 0 : heap ? 2 : 1;
}

/* ---- the proof for a function-local arena: its memory never holds a heap pointer ------------ */

/*
 * A function-local arena's memory is reachable only from the function: the escape check
 * refuses the rewrite when it escapes. So when the function also (1) stores into that memory
 * only values that are arena memory or cannot be freed, (2) stores arena pointers nowhere but
 * its scalar locals and that memory, never takes such a local's address, and (3) passes them
 * to no call but its own allocations, free-kind functions and walks that only free, then every
 * pointer loaded from arena memory is arena memory, whatever the rest of the program does.
 * "Cannot be freed": null and other integer constants, string literals, addresses of
 * variables and interior addresses; freeing one is undefined in the original already.
 * Flow-insensitive, to a fixpoint: av[d] (local d holds only such values) only falls, ma[d]
 * (local d may hold an arena pointer) only rises.
 */
struct own {
	const struct ast *a;
	const struct rules *r;
	const unsigned char *mine; /* per node: one of the arena's allocations, or NULL */
	unsigned char *av, *ma;    /* per decl */
	int changed, bad;
};

/* A local variable or parameter of scalar type: what `own` tracks value by value. */
static int own_scalar(const struct ast *a, int d)
{
	const struct ast_decl *x = d >= 0 ? &a->decls[d] : NULL;
	return x && (x->kind == DK_VAR || x->kind == DK_PARAM) && (x->flags & DF_LOCAL) &&
	       !(x->flags & DF_GLOBAL) && x->tclass != TC_ARRAY && x->tclass != TC_RECORD;
}

static int own_ptr(const struct ast *a, int n)
{
	unsigned char t = a->nodes[n].tclass;
	return t == TC_PTR || t == TC_ARRAY || t == TC_FUNCPTR;
}

/* Whether the value of e may be (or be made from) an arena pointer. */
static int own_ma(const struct own *o, int e)
{
	const struct ast *a = o->a;
	for (int n = e; n <= e + a->nodes[e].size; n++) {
		const struct ast_node *x = &a->nodes[n];
		if (x->kind == AK_SIZEOF)
			n += x->size;
		else if ((x->kind == AK_CALL && o->mine[n]) ||
		         (x->kind == AK_DECLREF && x->decl >= 0 && o->ma[x->decl]))
			return 1;
	}
	return 0;
}

/*
 * Where lvalue lv lives: 0 a tracked local (*d), 1 memory read through pointer *base, 2 other
 * memory (a global, a local aggregate), -1 unknown.
 */
static int own_lval(const struct ast *a, int lv, int *d, int *base)
{
	for (int n = lv; n >= 0;) {
		const struct ast_node *x = &a->nodes[n];
		int c0 = ast_first(a, n);
		switch (x->kind) {
		case AK_PAREN:
		case AK_UNEXPOSED:
			n = ast_last(a, n);
			continue;
		case AK_DECLREF:
			*d = x->decl;
			return own_scalar(a, x->decl) ? 0 : x->decl >= 0 ? 2 : -1;
		case AK_MEMBER:
			if (x->flags & AF_ARROW) {
				*base = c0;
				return c0 >= 0 ? 1 : -1;
			}
			n = c0;
			continue;
		case AK_SUBSCRIPT: {
			int c1 = c0 >= 0 ? ast_next(a, c0) : -1;
			for (int ch = c0; ch >= 0; ch = ch == c0 ? c1 : -1) {
				unsigned char tc = a->nodes[ast_strip(a, ch)].tclass;
				if (tc == TC_PTR)
					*base = ch;
				if (tc == TC_PTR || tc == TC_ARRAY)
					break;
			}
			if (*base >= 0)
				return 1;
			/* an array: where it lives */
			n = c0 >= 0 && a->nodes[ast_strip(a, c0)].tclass == TC_ARRAY ? c0 : c1;
			if (n < 0 || a->nodes[ast_strip(a, n)].tclass != TC_ARRAY)
				return -1;
			continue;
		}
		case AK_UNARY:
			if (x->op && !strcmp(x->op, "*")) {
				*base = c0;
				return c0 >= 0 ? 1 : -1;
			}
			return -1;
		default:
			return -1;
		}
	}
	return -1;
}

/* Whether e's value is arena memory of the function or cannot be freed (see above). */
static int own_av(const struct own *o, int e)
{
	const struct ast *a = o->a;
	const struct ast_node *x = &a->nodes[e];
	int c0 = ast_first(a, e), last = ast_last(a, e), d = -1, base = -1;
	switch (x->kind) {
	case AK_PAREN:
	case AK_UNEXPOSED:
	case AK_CAST:
		if (last < 0)
			return 0;
		/* an integer made a pointer: a constant only */
		if (own_ptr(a, e) && !own_ptr(a, last) && a->nodes[last].tclass != TC_FUNC)
			return a->nodes[ast_strip(a, last)].kind == AK_INTLIT;
		return own_av(o, last);
	case AK_INTLIT:
	case AK_STRLIT:
	case AK_LITERAL:
	case AK_SIZEOF:
		return 1;
	case AK_CALL: {
		if (!o->mine[e])
			return 0;
		const struct rule_alloc *ra = rules_find_alloc(o->r, x->name);
		int p = ast_call_arg(a, e, 0); /* a resize of heap memory stays on the heap */
		return !ra || ra->kind != RK_REALLOC || (p >= 0 && own_av(o, p));
	}
	case AK_DECLREF:
		if (own_scalar(a, x->decl))
			return o->av[x->decl];
		return x->decl >= 0 && a->decls[x->decl].kind == DK_ENUMCONST;
	case AK_MEMBER:
	case AK_SUBSCRIPT:
		return own_lval(a, e, &d, &base) == 1 && own_av(o, base);
	case AK_UNARY:
		if (!x->op || c0 < 0)
			return 0;
		/* inside an object read through a pointer; a variable's address is not: what a
		 * load through it gives is the variable's value */
		if (!strcmp(x->op, "&"))
			return own_lval(a, c0, &d, &base) == 1 && own_av(o, base);
		if (!strcmp(x->op, "*"))
			return own_av(o, c0);
		return own_av(o, c0) || !own_ptr(a, e);
	case AK_BINARY:
		if (!x->op || last < 0)
			return 0;
		if (!strcmp(x->op, "=") || !strcmp(x->op, ","))
			return own_av(o, last);
		if (!strcmp(x->op, "+") || !strcmp(x->op, "-"))
			return (!own_ptr(a, c0) || own_av(o, c0)) &&
			       (!own_ptr(a, last) || own_av(o, last));
		return !own_ptr(a, e);
	case AK_ASSIGNOP:
		return c0 >= 0 && own_av(o, c0);
	case AK_COND:
		for (int ch = x->nchild == 3 ? ast_next(a, c0) : c0; ch >= 0; ch = ast_next(a, ch))
			if (!own_av(o, ch))
				return 0;
		return 1;
	default:
		return 0;
	}
}

/* Value v (node, or -1 for an unknown one) written to lvalue lv. */
static void own_store(struct own *o, int lv, int v)
{
	const struct ast *a = o->a;
	int d = -1, base = -1, k = own_lval(a, lv, &d, &base);
	int ma = v >= 0 && own_ma(o, v), av = v >= 0 && own_av(o, v);
	if (k == 0) {
		o->changed |= (ma && !o->ma[d]) || (!av && o->av[d]);
		o->ma[d] |= (unsigned char)ma;
		o->av[d] &= (unsigned char)av;
	} else if (k == 1 && own_ma(o, base)) {
		unsigned char t = a->nodes[lv].tclass;
		o->bad |= !own_av(o, base) || t == TC_RECORD || t == TC_ARRAY || t == TC_OTHER ||
		          (own_ptr(a, lv) && !av);
	} else {
		o->bad |= k < 0 || ma;
	}
}

/* One pass over subtree [from, to] (own allocations `mine`); sets o->bad on what breaks it. */
static void own_pass(struct tear_tu **t, struct own *o, int from, int to)
{
	const struct ast *a = o->a;
	for (int n = from; n <= to; n++) {
		const struct ast_node *x = &a->nodes[n];
		int c0 = ast_first(a, n), last = ast_last(a, n);
		int d = -1, base = -1;
		if (x->kind == AK_VAR && last >= 0 && a->nodes[last].kind >= AK_CALL) {
			if (own_scalar(a, x->decl)) {
				int ma = own_ma(o, last), av = own_av(o, last);
				o->changed |= (ma && !o->ma[x->decl]) || (!av && o->av[x->decl]);
				o->ma[x->decl] |= (unsigned char)ma;
				o->av[x->decl] &= (unsigned char)av;
			} else {
				o->bad |= own_ma(o, last);
			}
		} else if (x->kind == AK_BINARY && x->op && !strcmp(x->op, "=") && c0 >= 0) {
			own_store(o, c0, last);
		} else if ((x->kind == AK_ASSIGNOP ||
		            (x->kind == AK_UNARY && x->op &&
		             (!strcmp(x->op, "++") || !strcmp(x->op, "--")))) &&
		           c0 >= 0) {
			int k = own_lval(a, c0, &d, &base), ma = last != c0 && own_ma(o, last);
			if (k == 0) {
				o->changed |= ma && !o->ma[d];
				o->ma[d] |= (unsigned char)ma;
			} else if (k == 1 && own_ma(o, base)) {
				o->bad |= !own_av(o, base);
			} else {
				o->bad |= k < 0 || ma;
			}
		} else if (x->kind == AK_UNARY && x->op && !strcmp(x->op, "&") && c0 >= 0) {
			/* a local whose address is taken may change behind the function's back */
			if (own_lval(a, c0, &d, &base) == 0) {
				o->changed |= o->av[d];
				o->av[d] = 0;
				o->bad |= o->ma[d];
			}
		} else if (x->kind == AK_FUNC && n != from) {
			o->bad = 1; /* a nested function (GNU C) */
		} else if (x->kind == AK_CALL && !o->mine[n]) {
			int ma = 0;
			for (int i = 0; i < ast_call_nargs(a, n) && !ma; i++)
				ma = own_ma(o, ast_call_arg(a, n, i));
			o->bad |= ma && !freeing_call(t, a, o->r, n);
		} else if (x->kind == AK_ASM || x->kind == AK_STMTEXPR) {
			o->bad = 1;
		}
	}
}

/* Runs the passes over function node fn to the fixpoint; params: whether parameters start
 * as arena memory (a walk called on it). 0: broken. */
static int own_solve(struct tear_tu **t, struct own *o, int fn, int params)
{
	const struct ast *a = o->a;
	o->av = xmalloc(a->ndecls + 1);
	o->ma = xcalloc(a->ndecls + 1, 1);
	for (size_t d = 0; d < a->ndecls; d++)
		o->av[d] = a->decls[d].kind != DK_PARAM || params;
	/* the last pass, with nothing changed, is the one whose verdict counts */
	do {
		o->changed = o->bad = 0;
		own_pass(t, o, fn, fn + a->nodes[fn].size);
	} while (o->changed);
	return !o->bad;
}

static int own_walk(struct tear_tu **t, const struct ast *a, const struct rules *r, int decl);

/* Whether every pointer that subtree [from, to] frees, by a free-kind call or a walk, is av. */
static int own_frees(struct tear_tu **t, const struct own *o, int from, int to)
{
	const struct ast *a = o->a;
	for (int n = from; n <= to; n++) {
		if (a->nodes[n].kind != AK_CALL || o->mine[n] || !freeing_call(t, a, o->r, n))
			continue;
		for (int i = 0; i < ast_call_nargs(a, n); i++)
			if (!own_av(o, ast_call_arg(a, n, i)))
				return 0;
		int d = tear_callee_decl(a, n);
		const struct rule_alloc *ra = rules_find_alloc(o->r, a->decls[d].name);
		if (!rtapi_find(a->decls[d].name) && !ra && !own_walk(t, a, o->r, d))
			return 0;
	}
	return 1;
}

/* Whether walk `decl` (tear_is_teardown) frees only what its arguments lead to, when they are
 * arena memory. */
static int own_walk(struct tear_tu **t, const struct ast *a, const struct rules *r, int decl)
{
	struct tear_tu *tu = tear_tu_get(t);
	const struct ast_decl *dd = &a->decls[decl];
	size_t klen = strlen(dd->usr);
	struct strmap_ent *en = strmap_findb(&tu->owned, dd->usr, klen);
	if (en && en->val != 3)
		return en->val != 0;
	strmap_putb(&tu->owned, dd->usr, klen, 2)->val = 2;
	unsigned char *none = xcalloc(a->nnodes + 1, 1);
	struct own o = {a, r, none, NULL, NULL, 0, 0};
	int fn = dd->node;
	tu->depth++;
	int ok = own_solve(t, &o, fn, 1) && own_frees(t, &o, fn, fn + a->nodes[fn].size);
	tu->depth--;
	strmap_findb(&tu->owned, dd->usr, klen)->val = !ok ? 0 : tu->depth ? 3 : 1;
	free(o.av);
	free(o.ma);
	free(none);
	return ok;
}

/*
 * Whether the walk at node s of c (a function-local arena's function) frees only arena memory
 * of c, by the function's own proof above. *o is solved on first use (o->a set), freed by
 * own_done.
 */
static int own_memory_only(struct fctx *c, struct own *o, int s)
{
	const struct ast *a = c->a;
	if (c->scope || c->style != RS_LOCAL || !c->nallocs)
		return 0;
	if (!o->a) {
		unsigned char *mine = xcalloc(a->nnodes + 1, 1);
		for (size_t i = 0; i < c->nallocs; i++)
			mine[c->allocs[i]] = 1;
		*o = (struct own){a, c->o->rules, mine, NULL, NULL, 0, 0};
		own_solve(c->tear, o, c->fn, 0);
	}
	return !o->bad && own_frees(c->tear, o, s, s + a->nodes[s].size);
}

static void own_done(struct own *o)
{
	free((void *)o->mine);
	free(o->av);
	free(o->ma);
}

/* ---- where the arena ends right after ------------------------------------------------------ */

/* Whether subtree s calls nothing but libc (no allocator) and walks that only free. */
static int tail_quiet(struct fctx *c, int s)
{
	const struct ast *a = c->a;
	for (int n = s; n <= s + a->nodes[s].size; n++) {
		const struct ast_node *x = &a->nodes[n];
		if (x->kind == AK_GOTO || x->kind == AK_STMTEXPR)
			return 0;
		if (x->kind != AK_CALL)
			continue;
		int d = tear_callee_decl(a, n);
		if (d < 0)
			return 0;
		int libc = (a->decls[d].flags & DF_SYSTEM) && !gives_heap(c->o->rules, x->name);
		if (!libc && !freeing_call(c->tear, a, c->o->rules, n))
			return 0;
	}
	return 1;
}

/* Whether statement s runs at most once per arena and nothing after it allocates. */
static int ends_after(struct fctx *c, int s)
{
	const struct ast *a = c->a;
	for (int n = s; n != c->body; n = a->nodes[n].parent) {
		int p = a->nodes[n].parent;
		if (p < 0)
			return 0;
		int k = a->nodes[p].kind;
		if (k == AK_WHILE || k == AK_DO || k == AK_FOR || k == AK_STMTEXPR)
			return 0;
		if (k == AK_COMPOUND)
			for (int m = ast_next(a, n); m >= 0; m = ast_next(a, m))
				if (!tail_quiet(c, m))
					return 0;
	}
	return 1;
}

static int statement_of_its_own(const struct ast *a, int n)
{
	int p = a->nodes[n].parent;
	if (p < 0)
		return 0;
	int k = a->nodes[p].kind;
	return k == AK_COMPOUND || k == AK_CASE || k == AK_DEFAULT || k == AK_LABEL;
}

/* Whether a local declared before loop l and assigned in it is read after it. */
static int loop_result_used(struct fctx *c, int l)
{
	const struct ast *a = c->a;
	int end = l + a->nodes[l].size, fend = c->fn + a->nodes[c->fn].size;
	for (int n = l; n <= end; n++) {
		const struct ast_node *x = &a->nodes[n];
		int lhs = -1;
		if (x->kind == AK_ASSIGNOP ||
		    (x->kind == AK_BINARY && x->op && !strcmp(x->op, "=")) ||
		    (x->kind == AK_UNARY && x->op &&
		     (!strcmp(x->op, "++") || !strcmp(x->op, "--"))))
			lhs = ast_strip(a, ast_first(a, n));
		if (lhs < 0 || a->nodes[lhs].decl < 0)
			continue;
		int d = a->nodes[lhs].decl, dn = a->decls[d].node;
		if (dn > l && dn <= end)
			continue; /* declared in the loop */
		for (int m = end + 1; m <= fend; m++)
			if (a->nodes[m].kind == AK_DECLREF && a->nodes[m].decl == d)
				return 1;
	}
	return 0;
}

/* Whether value e is one of the allocations `mine`, a null constant, or a local with ok[d]. */
static int own_direct(const struct ast *a, const struct rules *r, const unsigned char *mine,
                      const unsigned char *ok, int e)
{
	int x = e >= 0 ? ast_strip(a, e) : -1;
	if (x < 0)
		return 0;
	const struct ast_node *n = &a->nodes[x];
	if (n->kind == AK_INTLIT)
		return 1;
	if (n->kind == AK_DECLREF)
		return own_scalar(a, n->decl) && a->decls[n->decl].kind == DK_VAR && ok[n->decl];
	if (n->kind != AK_CALL || !mine[x])
		return 0;
	const struct rule_alloc *ra = rules_find_alloc(r, n->name);
	/* a resize of heap memory stays on the heap */
	return !ra || ra->kind != RK_REALLOC || own_direct(a, r, mine, ok, ast_call_arg(a, x, 0));
}

/*
 * The locals of c's function that only ever hold its own allocations or null (ok[decl]): every
 * value stored in one (initialiser, `=`) is such an allocation, a null constant or another such
 * local; no other change (++, +=) and no address taken. It reads no memory, so unlike
 * own_memory_only it holds whatever calls the arena's pointers are handed to (a string builder
 * writing into one). Flow-insensitive, to a fixpoint; computed once per function (tear_plan).
 */
static unsigned char *own_locals(struct fctx *c)
{
	const struct ast *a = c->a;
	const struct rules *r = c->o->rules;
	unsigned char *mine = xcalloc(a->nnodes + 1, 1), *ok = xmalloc(a->ndecls + 1);
	for (size_t i = 0; i < c->nallocs; i++)
		mine[c->allocs[i]] = 1;
	memset(ok, 1, a->ndecls + 1);
	int fn = c->fn, changed = 1;
	while (changed) {
		changed = 0;
		for (int n = fn; n <= fn + a->nodes[fn].size; n++) {
			const struct ast_node *y = &a->nodes[n];
			int c0 = ast_first(a, n), last = ast_last(a, n), d = -1, base = -1;
			int bad = 0;
			if (y->kind == AK_VAR && y->decl >= 0) {
				d = y->decl;
				bad = last >= 0 && a->nodes[last].kind >= AK_CALL &&
				      !own_direct(a, r, mine, ok, last);
			} else if (y->kind == AK_BINARY && y->op && !strcmp(y->op, "=") &&
			           c0 >= 0) {
				bad = own_lval(a, c0, &d, &base) == 0 &&
				      !own_direct(a, r, mine, ok, last);
			} else if ((y->kind == AK_ASSIGNOP ||
			            (y->kind == AK_UNARY && y->op &&
			             (!strcmp(y->op, "++") || !strcmp(y->op, "--") ||
			              !strcmp(y->op, "&")))) &&
			           c0 >= 0) {
				/* changed, or its address taken */
				bad = own_lval(a, c0, &d, &base) == 0;
			} else if ((y->kind == AK_FUNC && n != fn) || y->kind == AK_ASM) {
				changed = 0; /* a nested function or asm may write any local */
				memset(ok, 0, a->ndecls + 1);
				break;
			}
			if (bad && d >= 0 && ok[d]) {
				ok[d] = 0;
				changed = 1;
			}
		}
	}
	free(mine);
	return ok;
}

/* Whether `free(p)` at `call` frees a local of own_locals' `ok`. */
static int frees_own_local(const struct ast *a, const unsigned char *ok, int call)
{
	int arg = ast_call_arg(a, call, 0), x = arg >= 0 ? ast_strip(a, arg) : -1;
	int d = x >= 0 && a->nodes[x].kind == AK_DECLREF ? a->nodes[x].decl : -1;
	return d >= 0 && own_scalar(a, d) && a->decls[d].kind == DK_VAR && ok[d];
}

/*
 * A call of libc's free (one argument, spelled by its name) in a function-local arena's
 * function that no scope reaches: its rewrite, arena_free, carries the function's own tag.
 */
static int libc_free(struct fctx *c, int call)
{
	const struct ast *a = c->a;
	int d = tear_callee_decl(a, call);
	const struct rule_alloc *ra =
	    d >= 0 ? rules_find_alloc(c->o->rules, a->decls[d].name) : NULL;
	return ra && ra->kind == RK_FREE && (a->decls[d].flags & DF_SYSTEM) && !c->shared_frees &&
	       !c->scope && c->style == RS_LOCAL && ast_call_nargs(a, call) == 1;
}

void tear_plan(struct fctx *c)
{
	const struct ast *a = c->a;
	const struct rules *r = c->o->rules;
	int proven = -1, tag = -1, own = c->hot; /* proven: asked once there is a candidate */
	unsigned char *arena = NULL, *direct = NULL;
	struct own local = {0};
	int end = c->body + a->nodes[c->body].size;
	for (int n = c->body + 1; n <= end; n++) {
		const struct ast_node *x = &a->nodes[n];
		int loop = x->kind == AK_WHILE || x->kind == AK_DO || x->kind == AK_FOR;
		int frees = 0;
		if (!statement_of_its_own(a, n) || (x->flags & AF_MACRO))
			continue;
		if (x->kind == AK_CALL && libc_free(c, n)) {
			if (!ends_after(c, n))
				continue;
			direct = direct ? direct : own_locals(c);
			if (frees_own_local(a, direct, n) || own_memory_only(c, &local, n))
				tear_remove_free(c, n);
			continue;
		}
		if (x->kind == AK_CALL) {
			int d = tear_callee_decl(a, n);
			if (d < 0 || rules_find_alloc(r, a->decls[d].name) ||
			    !tear_is_teardown(c->tear, a, r, d) || !ends_after(c, n))
				continue;
		} else if (!loop || c->shared_frees ||
		           !only_frees(c->tear, a, r, n, n + x->size, 1, &frees) || !frees ||
		           loop_result_used(c, n) || !ends_after(c, n)) {
			continue;
		}
		if (proven < 0) {
			arena = xcalloc(a->nnodes + 1, 1);
			proven = all_memory_is_arena(c, &tag, arena);
		}
		if (proven && loop && tag != -1)
			break;
		int field = proven == 2 && !loop && tear_field_proves(c, arena, n);
		if (proven != 1 && !field && !own_memory_only(c, &local, n))
			continue;
		/* dropped with the scope's hotspots' rewrite */
		c->hot = (proven == 1 || field) && tag != -1 ? tag : c->hot;
		if (loop)
			tear_remove_loop(c, n);
		else
			tear_remove_call(c, n);
		c->hot = own;
		n += x->size;
	}
	own_done(&local);
	free(arena);
	free(direct);
}
