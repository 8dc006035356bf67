/*
 * tear_field: a scope's teardown proven dead field by field, though the program allocates heap
 * memory elsewhere (a request handler's input read with malloc by main).
 *
 * A walk that only frees (tear.h) frees its argument and values it loads from memory: struct
 * fields (`free(n->str)`) and elements of arrays held in fields (`node_free(n->kids[i])`). If
 * every store anywhere in the program into such a place stores only G values (memory of the
 * scope's allocations, or values nobody may free: null, literals, addresses of variables,
 * interior addresses of G memory), and nothing writes those places behind the stores' backs,
 * then every load from them is G, and a walk whose argument is G frees nothing the arena does
 * not free itself. Field-based: a field's fact holds for every object of its struct, so no
 * pointer analysis is needed; flow-insensitive over variables, to a fixpoint (the style of
 * tear.c's `struct own`). Facts only fall, from "G" to "unknown":
 *  - gv[d]: variable or parameter d (its address never taken) holds only G; for a field decl,
 *    every store into the field is G;
 *  - ge[f]: every element of the arrays field f holds is G. That needs the arrays unaliased:
 *    what field f holds is stored fresh (null, a malloc/calloc, a realloc of the field itself,
 *    the same field of another object) and is used only to reach its elements (subscript,
 *    `*`, arithmetic towards them), tested, freed or resized;
 *  - gr[d]: function d returns only G.
 * Parameters take what every direct call passes; a function whose address is taken may be
 * called with anything. What breaks the argument refuses it all (bad): a struct assignment or
 * an initialisation from another struct, a record initialiser holding other than null or a
 * string literal, a byte copy (memcpy and kin: they move pointers unseen), a pointer made by
 * byte arithmetic on a cast pointer (container_of), asm. A field of a
 * union (or of a struct declared where the tool has no source) is never G, and a union holding
 * a record or an array refuses it all. Objects are
 * assumed written through their own types (C's effective-type rule): a char-pointer copy
 * loop over a struct is not seen.
 *
 * Ownership: struct fld lives for one question (tear_field_proves); nothing is kept.
 */
#include "front.h"
#include "mem.h"
#include "plan_int.h"
#include "rtapi.h"
#include "rules.h"
#include "tear.h"

#include <stdlib.h>
#include <string.h>

/* Passes of the fixpoint before the proof gives up (keeps the walk). */
#define FLD_MAX_PASSES 64

struct fld {
	const struct ast *a;
	const struct rules *r;
	const unsigned char *arena;  /* per node: a call whose memory is the scope's */
	unsigned char *gv, *ge, *gr; /* per decl, see above */
	int changed, bad;
};

/* A library function that copies bytes, pointers among them, from one object to another
 * (memcpy, bcopy, the builtins; not strcpy: eff_copies). */
static int fld_copier(const struct rules *r, const struct ast_decl *d)
{
	return eff_copies(rules_find_effect(r, d->name), d->ftype);
}

static void fld_lower(struct fld *F, unsigned char *v, int d)
{
	if (d >= 0 && v[d]) {
		v[d] = 0;
		F->changed = 1;
	}
}

/* A value of this type class may be a pointer (unknown classes included). */
static int fld_ptrish(unsigned char tc)
{
	return tc != TC_INT && tc != TC_FLOAT && tc != TC_VOID && tc != TC_RECORD;
}

/* A variable tracked value by value: scalar, declared in the program. */
static int fld_var(const struct ast *a, int d)
{
	const struct ast_decl *x = d >= 0 ? &a->decls[d] : NULL;
	return x && (x->kind == DK_VAR || x->kind == DK_PARAM) && !(x->flags & DF_SYSTEM) &&
	       (x->flags & (DF_LOCAL | DF_DEFINED)) && x->tclass != TC_ARRAY &&
	       x->tclass != TC_RECORD;
}

/* The function call n names directly, or -1 (a call through a pointer). */
static int fld_callee(const struct ast *a, int n)
{
	const struct ast_node *x = &a->nodes[n];
	int cs = ast_strip(a, ast_call_callee(a, n));
	if (x->kind != AK_CALL || cs < 0 || a->nodes[cs].kind != AK_DECLREF)
		return -1;
	return x->decl >= 0 && x->decl == a->nodes[cs].decl && a->decls[x->decl].kind == DK_FUNC &&
	               a->decls[x->decl].name
	           ? x->decl
	           : -1;
}

/* Skips parentheses and implicit conversions (not casts). */
static int fld_skip(const struct ast *a, int n)
{
	while (n >= 0 && (a->nodes[n].kind == AK_PAREN || a->nodes[n].kind == AK_UNEXPOSED))
		n = ast_last(a, n);
	return n;
}

/* The pointer operand of a subscript or of pointer arithmetic, or -1. */
static int fld_ptr_operand(const struct ast *a, int n)
{
	for (int ch = ast_first(a, n); ch >= 0; ch = ast_next(a, ch))
		if (a->nodes[ch].tclass == TC_PTR || a->nodes[ch].tclass == TC_ARRAY)
			return ch;
	return -1;
}

/* The field whose array pointer expression p is (a load of it, moved by integers), or -1. */
static int fld_array_of(const struct ast *a, int p)
{
	for (p = fld_skip(a, p); p >= 0; p = fld_skip(a, fld_ptr_operand(a, p))) {
		const struct ast_node *x = &a->nodes[p];
		if (x->kind == AK_MEMBER)
			return x->decl >= 0 && a->decls[x->decl].kind == DK_FIELD ? x->decl : -1;
		if (x->kind != AK_BINARY || !x->op || (strcmp(x->op, "+") && strcmp(x->op, "-")))
			return -1;
	}
	return -1;
}

/* The field whose array lvalue lv is an element of (`x->f[i]`, `*(x->f + i)`), or -1. */
static int fld_elem_of(const struct ast *a, int lv)
{
	int n = fld_skip(a, lv);
	const struct ast_node *x = n >= 0 ? &a->nodes[n] : NULL;
	if (x && x->kind == AK_SUBSCRIPT)
		return fld_array_of(a, fld_ptr_operand(a, n));
	if (x && x->kind == AK_UNARY && x->op && !strcmp(x->op, "*"))
		return fld_array_of(a, ast_first(a, n));
	return -1;
}

static int fld_g(struct fld *F, int e);

/* Whether the address of lvalue lv is G. */
static int fld_addr_g(struct fld *F, int lv)
{
	const struct ast *a = F->a;
	int n = fld_skip(a, lv);
	const struct ast_node *x = n >= 0 ? &a->nodes[n] : NULL;
	if (!x)
		return 0;
	switch (x->kind) {
	case AK_DECLREF:
	case AK_STRLIT:
		return 1; /* a variable's, a function's or a literal's address */
	case AK_MEMBER:
		return x->flags & AF_ARROW ? fld_g(F, ast_first(a, n))
		                           : fld_addr_g(F, ast_first(a, n));
	case AK_SUBSCRIPT:
		return fld_g(F, fld_ptr_operand(a, n));
	case AK_UNARY:
		return x->op && !strcmp(x->op, "*") && fld_g(F, ast_first(a, n));
	default:
		return 0;
	}
}

/* Whether call n's result is G. */
static int fld_call_g(struct fld *F, int n)
{
	const struct ast *a = F->a;
	int d = fld_callee(a, n);
	if (d < 0)
		return 0;
	const char *name = a->decls[d].name;
	const struct rule_alloc *ra = rules_find_alloc(F->r, name);
	if (F->arena[n]) /* a resize of heap memory stays on the heap */
		return !ra || ra->kind != RK_REALLOC || fld_g(F, ast_call_arg(a, n, 0));
	const struct ast_decl *fd = &a->decls[d];
	if ((fd->flags & DF_DEFINED) && fd->node >= 0 && (a->nodes[fd->node].flags & AF_DEFINITION))
		return F->gr[d];
	const struct eff_func *ef = rules_find_effect(F->r, name);
	if (!ef || ef->unknown || ef->result_alloc || ef->result_static || ef->result_deref)
		return 0;
	for (int i = 0; i < ast_call_nargs(a, n); i++)
		if ((ef->result_args & (1u << i)) && !fld_g(F, ast_call_arg(a, n, i)))
			return 0;
	return 1;
}

/* Whether the value of expression e is G (see the header). */
static int fld_g(struct fld *F, int e)
{
	const struct ast *a = F->a;
	if (e < 0)
		return 0;
	const struct ast_node *x = &a->nodes[e];
	int c0 = ast_first(a, e), last = ast_last(a, e);
	if (!fld_ptrish(x->tclass))
		return 1;
	if (x->tclass == TC_ARRAY || x->tclass == TC_FUNC)
		return fld_addr_g(F, e);
	switch (x->kind) {
	case AK_PAREN:
	case AK_UNEXPOSED:
	case AK_CAST:
		if (last >= 0 && !fld_ptrish(a->nodes[last].tclass)) /* an integer made a pointer */
			return a->nodes[ast_strip(a, last)].kind == AK_INTLIT;
		return fld_g(F, last);
	case AK_INTLIT:
	case AK_STRLIT:
	case AK_LITERAL:
	case AK_SIZEOF:
		return 1;
	case AK_DECLREF:
		if (fld_var(a, x->decl))
			return F->gv[x->decl];
		return x->decl >= 0 && (a->decls[x->decl].kind == DK_FUNC ||
		                        a->decls[x->decl].kind == DK_ENUMCONST);
	case AK_MEMBER:
		return x->decl >= 0 && a->decls[x->decl].kind == DK_FIELD && F->gv[x->decl];
	case AK_SUBSCRIPT: {
		int f = fld_elem_of(a, e);
		return f >= 0 && F->ge[f];
	}
	case AK_UNARY:
		if (!x->op)
			return 0;
		if (!strcmp(x->op, "&"))
			return fld_addr_g(F, c0);
		if (!strcmp(x->op, "*")) {
			int f = fld_elem_of(a, e);
			return f >= 0 && F->ge[f];
		}
		return fld_g(F, c0);
	case AK_BINARY:
		if (!x->op)
			return 0;
		if (!strcmp(x->op, "=") || !strcmp(x->op, ","))
			return fld_g(F, last);
		return fld_g(F, c0) && fld_g(F, last); /* p + i: the integer is G */
	case AK_ASSIGNOP:
		return fld_g(F, c0);
	case AK_COND:
		for (int ch = x->nchild == 3 ? ast_next(a, c0) : c0; ch >= 0; ch = ast_next(a, ch))
			if (!fld_g(F, ch))
				return 0;
		return 1;
	case AK_CALL:
		return fld_call_g(F, e);
	default:
		return 0;
	}
}

/* Whether value v, stored into field f, keeps f's arrays unaliased (see ge above). */
static int fld_fresh(struct fld *F, int v, int f)
{
	const struct ast *a = F->a;
	int n = ast_strip(a, v);
	const struct ast_node *x = n >= 0 ? &a->nodes[n] : NULL;
	if (!x)
		return 0;
	if (x->kind == AK_INTLIT)
		return 1;
	if (x->kind == AK_MEMBER)
		return x->decl == f;
	if (x->kind == AK_COND) {
		for (int ch = ast_next(a, ast_first(a, n)); ch >= 0; ch = ast_next(a, ch))
			if (!fld_fresh(F, ch, f))
				return 0;
		return x->nchild == 3;
	}
	int d = x->kind == AK_CALL ? fld_callee(a, n) : -1;
	const struct rule_alloc *ra = d >= 0 ? rules_find_alloc(F->r, a->decls[d].name) : NULL;
	if (!ra)
		return 0;
	return ra->kind == RK_MALLOC || ra->kind == RK_CALLOC ||
	       (ra->kind == RK_REALLOC && fld_array_of(a, ast_call_arg(a, n, 0)) == f);
}

/* Whether a free-kind function (not a walk) is called. */
static int fld_frees(const struct fld *F, int call)
{
	int d = fld_callee(F->a, call);
	const char *name = d >= 0 ? F->a->decls[d].name : NULL;
	const struct rt_func *rf = name ? rtapi_find(name) : NULL;
	const struct rule_alloc *ra = name ? rules_find_alloc(F->r, name) : NULL;
	return (rf && rf->role == RT_FREE) || (ra && ra->kind == RK_FREE);
}

/* Whether load n of an array-holding field (its value) is used only to reach its elements,
 * tested, freed, resized or stored back into the same field. */
static int fld_array_use(const struct fld *F, int n, int f)
{
	const struct ast *a = F->a;
	for (;;) {
		int p = a->nodes[n].parent;
		while (p >= 0 &&
		       (a->nodes[p].kind == AK_PAREN || a->nodes[p].kind == AK_UNEXPOSED)) {
			n = p;
			p = a->nodes[n].parent;
		}
		const struct ast_node *x = p >= 0 ? &a->nodes[p] : NULL;
		int first = p >= 0 && ast_first(a, p) == n;
		const char *op = x && x->op ? x->op : "";
		if (!x)
			return 0;
		switch (x->kind) {
		case AK_SUBSCRIPT:
		case AK_SIZEOF:
		case AK_IF:
		case AK_WHILE:
		case AK_DO:
		case AK_FOR:
		case AK_SWITCH:
		case AK_COMPOUND:
		case AK_CASE:
		case AK_DEFAULT:
		case AK_LABEL:
			return 1;
		case AK_UNARY: /* & and ++ of the field itself: the place, not its value */
			return !strcmp(op, "*") || !strcmp(op, "!") || !strcmp(op, "&") ||
			       !strcmp(op, "++") || !strcmp(op, "--");
		case AK_ASSIGNOP:
			return first;
		case AK_CAST:
			return x->tclass == TC_VOID;
		case AK_CALL:
			return fld_frees(F, p) ||
			       (F->arena[p] && fld_array_of(a, ast_call_arg(a, p, 0)) == f);
		case AK_COND:
			if (first)
				return 1;
			break;
		case AK_BINARY:
			if (!strcmp(op, "=")) {
				int lhs = fld_skip(a, ast_first(a, p));
				return first || (lhs >= 0 && a->nodes[lhs].kind == AK_MEMBER &&
				                 a->nodes[lhs].decl == f);
			}
			if (!strcmp(op, ",") && first)
				return 1;
			if (strcmp(op, "+") && strcmp(op, "-") && strcmp(op, ","))
				return 1; /* a comparison or a logical operator */
			break;
		default:
			return 0;
		}
		n = p;
	}
}

/* Value v (a node) written to lvalue lv. */
static void fld_store(struct fld *F, int lv, int v)
{
	const struct ast *a = F->a;
	int n = fld_skip(a, lv), f;
	const struct ast_node *x = n >= 0 ? &a->nodes[n] : NULL;
	if (!x)
		return;
	if (x->tclass == TC_RECORD) {
		F->bad = 1; /* a struct assignment */
	} else if (x->kind == AK_DECLREF && fld_var(a, x->decl)) {
		if (!fld_g(F, v))
			fld_lower(F, F->gv, x->decl);
	} else if (x->kind == AK_MEMBER && x->decl >= 0 && a->decls[x->decl].kind == DK_FIELD) {
		if (!fld_g(F, v))
			fld_lower(F, F->gv, x->decl);
		if (!fld_fresh(F, v, x->decl))
			fld_lower(F, F->ge, x->decl);
	} else if ((f = fld_elem_of(a, n)) >= 0 && !fld_g(F, v)) {
		fld_lower(F, F->ge, f);
	} /* else: memory the walks never load from (a local array, through another pointer) */
}

/* A place whose address is taken may be written through it. */
static void fld_addr_taken(struct fld *F, int lv)
{
	const struct ast *a = F->a;
	int n = fld_skip(a, lv), f;
	const struct ast_node *x = n >= 0 ? &a->nodes[n] : NULL;
	if (x && x->kind == AK_DECLREF && fld_var(a, x->decl)) {
		fld_lower(F, F->gv, x->decl);
	} else if (x && x->kind == AK_MEMBER && x->decl >= 0) {
		fld_lower(F, F->gv, x->decl);
		fld_lower(F, F->ge, x->decl);
	} else if ((f = fld_elem_of(a, n)) >= 0) {
		fld_lower(F, F->ge, f);
	}
}

/* Call n of function d (a body here): its parameters take the arguments; d < 0: called through
 * a pointer from anywhere (every parameter of address-taken d, n < 0). */
static void fld_bind(struct fld *F, int n, int d)
{
	const struct ast *a = F->a;
	int fn = a->decls[d].node, i = 0;
	if (fn < 0 || a->nodes[fn].kind != AK_FUNC)
		return;
	for (int ch = ast_first(a, fn); ch >= 0; ch = ast_next(a, ch)) {
		if (a->nodes[ch].kind != AK_PARAM)
			continue;
		int arg = n >= 0 ? ast_call_arg(a, n, i++) : -1;
		if (n >= 0 && arg < 0)
			return;
		if (n < 0 || !fld_g(F, arg))
			fld_lower(F, F->gv, a->nodes[ch].decl);
	}
}

/* A record initialiser: only null and string literals in its pointer members. */
static void fld_initlist(struct fld *F, int n)
{
	const struct ast *a = F->a;
	for (int m = n + 1; m <= n + a->nodes[n].size; m++) {
		const struct ast_node *y = &a->nodes[m];
		if (y->kind >= AK_CALL && y->kind != AK_PAREN && y->kind != AK_UNEXPOSED &&
		    y->kind != AK_CAST && y->kind != AK_INITLIST && fld_ptrish(y->tclass) &&
		    y->kind != AK_INTLIT && y->kind != AK_STRLIT)
			F->bad = 1;
		if (y->kind == AK_SIZEOF)
			m += y->size;
	}
}

/* A pointer made by byte arithmetic on a cast pointer, `(T *)((char *)p + off)` (container_of):
 * a field reached so is written through a type the stores do not show. */
static int fld_byte_offset(const struct ast *a, int cast)
{
	int b = fld_skip(a, ast_last(a, cast));
	if (a->nodes[cast].tclass != TC_PTR || b < 0 || a->nodes[b].kind != AK_BINARY)
		return 0;
	int p = fld_skip(a, fld_ptr_operand(a, b));
	return p >= 0 && a->nodes[p].kind == AK_CAST;
}

/* One pass over the program's nodes. */
static void fld_pass(struct fld *F)
{
	const struct ast *a = F->a;
	for (int n = 0; n < (int)a->nnodes && !F->bad; n++) {
		const struct ast_node *x = &a->nodes[n];
		int c0 = ast_first(a, n), last = ast_last(a, n);
		int d = x->kind == AK_CALL ? fld_callee(a, n) : x->decl;
		if (x->flags & AF_SYSHDR)
			continue;
		switch (x->kind) {
		case AK_SIZEOF:
			n += x->size;
			break;
		case AK_VAR:
			if (last >= 0 && a->nodes[last].kind >= AK_CALL) {
				if (x->tclass == TC_RECORD && a->nodes[last].kind != AK_INITLIST)
					F->bad = 1;
				else if (fld_var(a, d) && !fld_g(F, last))
					fld_lower(F, F->gv, d);
			}
			break;
		case AK_BINARY:
			if (x->op && !strcmp(x->op, "=") && c0 >= 0)
				fld_store(F, c0, last);
			break;
		case AK_UNARY:
			if (x->op && !strcmp(x->op, "&"))
				fld_addr_taken(F, c0);
			break;
		case AK_MEMBER:
			if (d >= 0 && fld_ptrish(x->tclass) && !fld_array_use(F, n, d))
				fld_lower(F, F->ge, d);
			break;
		case AK_CALL:
		case AK_DECLREF:
			if (d < 0 || a->decls[d].kind != DK_FUNC)
				break;
			F->bad |= fld_copier(F->r, &a->decls[d]);
			if (x->kind == AK_CALL || !ast_is_callee(a, n))
				fld_bind(F, x->kind == AK_CALL ? n : -1, d);
			break;
		case AK_RETURN: {
			int fn = ast_enclosing(a, n, 1ull << AK_FUNC);
			if (c0 >= 0 && fn >= 0 && a->nodes[fn].decl >= 0 && !fld_g(F, c0))
				fld_lower(F, F->gr, a->nodes[fn].decl);
			break;
		}
		case AK_INITLIST:
			if (x->tclass == TC_RECORD)
				fld_initlist(F, n);
			break;
		case AK_CAST:
			F->bad |= fld_byte_offset(a, n);
			break;
		case AK_ASM:
			F->bad = 1;
			break;
		default:
			break;
		}
	}
}

/* Whether every free of walk d (tear_is_teardown), and of the walks it calls, frees a G value;
 * any other call keeps the walk. */
static int fld_walk(struct fld *F, struct tear_tu **t, int d, unsigned char *seen)
{
	const struct ast *a = F->a;
	int fn = d >= 0 ? a->decls[d].node : -1;
	if (fn < 0 || !tear_is_teardown(t, a, F->r, d))
		return 0;
	if (seen[d])
		return 1;
	seen[d] = 1;
	for (int n = fn; n <= fn + a->nodes[fn].size; n++) {
		if (a->nodes[n].kind != AK_CALL)
			continue;
		if (fld_frees(F, n) ? !fld_g(F, ast_call_arg(a, n, 0))
		                    : !fld_walk(F, t, fld_callee(a, n), seen))
			return 0;
	}
	return 1;
}

/* Whether every record around node n is spelled `struct` (libclang's record cursors do not
 * tell a union, its keyword token does). */
static int fld_in_struct(const struct ast *a, int n)
{
	for (int r = ast_enclosing(a, n, 1ull << AK_RECORD); r >= 0;
	     r = ast_enclosing(a, r, 1ull << AK_RECORD)) {
		const struct ast_node *x = &a->nodes[r];
		if (x->file < 0 || (x->flags & AF_MACRO) ||
		    !ast_tok_is(a, x->file, ast_tok_at(a, x->file, x->begin), "struct"))
			return 0;
	}
	return 1;
}

/* Fields start G only when declared here in structs: a union's share their storage with other
 * members (never G), and a union holding a record or an array refuses it all. */
static void fld_fields(struct fld *F)
{
	const struct ast *a = F->a;
	for (size_t d = 0; d < a->ndecls; d++)
		if (a->decls[d].kind == DK_FIELD)
			F->gv[d] = F->ge[d] = 0;
	for (int n = 0; n < (int)a->nnodes; n++) {
		const struct ast_node *x = &a->nodes[n];
		if (x->kind != AK_FIELD || x->decl < 0)
			continue;
		int ok = fld_in_struct(a, n);
		F->gv[x->decl] = F->ge[x->decl] = (unsigned char)ok;
		F->bad |= !ok && (x->tclass == TC_RECORD || x->tclass == TC_ARRAY);
	}
}

int tear_field_proves(struct fctx *c, const unsigned char *arena, int call)
{
	const struct ast *a = c->a;
	int d = fld_callee(a, call);
	if (!c->scope || d < 0 || ast_call_nargs(a, call) != 1)
		return 0;
	struct fld F = {a, c->o->rules, arena, NULL, NULL, NULL, 0, 0};
	F.gv = xmalloc(a->ndecls + 1);
	F.ge = xmalloc(a->ndecls + 1);
	F.gr = xmalloc(a->ndecls + 1);
	memset(F.gv, 1, a->ndecls + 1);
	memset(F.ge, 1, a->ndecls + 1);
	memset(F.gr, 1, a->ndecls + 1);
	fld_fields(&F);
	/* Facts only fall, so this ends; a program that needs more passes than a chain of calls
	 * this long is refused rather than waited for. */
	for (int pass = 0; pass == 0 || (F.changed && !F.bad); pass++) {
		F.changed = 0;
		fld_pass(&F);
		F.bad |= pass == FLD_MAX_PASSES;
	}
	unsigned char *seen = xcalloc(a->ndecls + 1, 1);
	int ok = !F.bad && fld_g(&F, ast_call_arg(a, call, 0)) && fld_walk(&F, c->tear, d, seen);
	free(seen);
	free(F.gv);
	free(F.ge);
	free(F.gr);
	return ok;
}
