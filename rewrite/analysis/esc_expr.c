/*
 * esc_expr: the value of an expression (struct taint) and the effect of assignments on the
 * state. Internals in esc_int.h.
 */
#include "esc_int.h"
#include "mem.h"
#include "rtapi.h"

#include <stdio.h>
#include <stdlib.h>

/* The pointer operand of subscript n: the first, or the second in the `i[p]` spelling (a
 * growable-array macro's `(S(x)++)[T(x)]`); and the other operand. */
static int subscript_base(const struct ast *a, int n)
{
	int b = ast_first(a, n), i = b >= 0 ? ast_next(a, b) : -1;
	if (i >= 0 && a->nodes[b].tclass != TC_PTR && a->nodes[b].tclass != TC_ARRAY &&
	    (a->nodes[i].tclass == TC_PTR || a->nodes[i].tclass == TC_ARRAY))
		return i;
	return b;
}

static int subscript_index(const struct ast *a, int n)
{
	int b = ast_first(a, n), i = b >= 0 ? ast_next(a, b) : -1;
	return subscript_base(a, n) == b ? i : b;
}

/* A unary operator spelled by a macro (its token is not in the file) that makes a value of
 * what its pointer operand points to: `*p` (`!p` gives an int too, and reads as a load of it). */
static int deref_in_macro(const struct ast *a, int n)
{
	const struct ast_node *x = &a->nodes[n];
	int c = ast_first(a, n);
	return !x->op && c >= 0 && a->nodes[c].tclass == TC_PTR && x->tclass != TC_PTR &&
	       (a->nodes[c].ptclass == x->tclass || a->nodes[c].ptclass == TC_NONE ||
	        (a->nodes[c].ptclass == TC_DATA && x->tclass == TC_RECORD));
}

/* The same on the left of an assignment, where the value may be a pointer too: `*pp = p` with
 * `#define SLOT (*pp)` (no ++ or -- makes an lvalue of a pointer's pointee). */
static int store_deref_in_macro(const struct ast *a, int n)
{
	const struct ast_node *x = &a->nodes[n];
	int c = ast_first(a, n);
	return deref_in_macro(a, n) ||
	       (!x->op && !(x->flags & AF_POSTFIX) && c >= 0 && a->nodes[c].tclass == TC_PTR &&
	        (x->tclass == TC_PTR || x->tclass == TC_FUNCPTR) &&
	        (a->nodes[c].ptclass == TC_PTR || a->nodes[c].ptclass == TC_FUNCPTR));
}

struct lval fa_lvalue(struct fa *f, int n)
{
	const struct ast *a = f->a;
	struct lval lv = {LV_UNKNOWN, -1, "", 0, -1, 0, NULL, 0};
	n = strip(a, n);
	if (n < 0 || ++f->depth > MAXDEPTH) {
		f->depth -= n >= 0;
		return lv;
	}
	const struct ast_node *x = &a->nodes[n];
	switch (x->kind) {
	case AK_DECLREF:
		if (x->decl >= 0) {
			const struct ast_decl *d = &a->decls[x->decl];
			if (d->kind == DK_VAR || d->kind == DK_PARAM) {
				lv.decl = x->decl;
				lv.kind = (d->flags & DF_GLOBAL) ? LV_GLOBAL : LV_LOCAL;
				if (!(d->flags & (DF_GLOBAL | DF_LOCAL)))
					lv.kind = LV_UNKNOWN;
			}
		}
		break;
	case AK_MEMBER: {
		int b = ast_first(a, n);
		/* The members of a union are one location: what one stores, another reads. */
		int uni = x->decl >= 0 && (a->decls[x->decl].flags & DF_UNION);
		if (x->flags & AF_ARROW) {
			lv.kind = LV_THROUGH;
			lv.ptr = b;
			lv.uni = uni;
			lv.field = x->name;
			break;
		}
		lv = fa_lvalue(f, b);
		lv.uni |= uni;
		if (lv.kind == LV_THROUGH)
			lv.field = x->name;
		if (lv.kind == LV_LOCAL && !uni)
			lv.path = fa_path_add(f, lv.path, x->name ? x->name : "?");
		break;
	}
	case AK_SUBSCRIPT: {
		int b = subscript_base(a, n);
		int bs = strip(a, b);
		if (bs >= 0 && a->nodes[bs].tclass == TC_ARRAY) {
			lv = fa_lvalue(f, bs);
			if (lv.kind == LV_LOCAL) {
				lv.path = fa_path_add(f, lv.path, NULL);
				lv.weak = 1;
			}
		} else {
			lv.kind = LV_THROUGH;
			lv.ptr = b;
			int i = b >= 0 ? strip(a, subscript_index(a, n)) : -1;
			lv.back =
			    i >= 0 && a->nodes[i].kind == AK_UNARY && is_op(&a->nodes[i], "-");
		}
		break;
	}
	case AK_UNARY:
		if (is_op(x, "*") || store_deref_in_macro(a, n)) {
			lv.kind = LV_THROUGH;
			lv.ptr = ast_first(a, n);
		}
		break;
	default:
		break;
	}
	f->depth--;
	return lv;
}

static int pointerish(unsigned char tclass)
{
	return tclass != TC_INT && tclass != TC_FLOAT && tclass != TC_VOID &&
	       tclass != TC_FUNCPTR && tclass != TC_FUNC;
}

/* Which memory a pointer with value pt may reach: arena memory, other memory, or both. */
static unsigned char mem_where(const struct taint *pt)
{
	unsigned char w = pt->level ? MEM_ARENA : 0;
	if (!pt->level || pt->level == L_MAYBE || pt->unk || pt->glob || pt->pder || pt->preach)
		w |= MEM_OTHER;
	return w;
}

/* What stores made into memory may be read back through member `field` (NULL: any member) of
 * memory `where`. */
static struct taint mem_of(const struct fa *f, const char *field, unsigned char where)
{
	struct taint r = taint_clean;
	for (size_t i = 0; i < f->nmemf; i++)
		if ((!field || !f->memf[i].field || f->memf[i].field == field) &&
		    (f->memf[i].where & where))
			r = taint_merge(r, f->memf[i].t);
	return r;
}

struct taint fa_load(struct fa *f, const struct taint *pt, unsigned char tclass)
{
	return fa_load_field(f, pt, tclass, NULL);
}

/* What a load gives without the rule that a pointer read out of arena memory may be memory of
 * that arena: only what the program's own stores put there. `exact`: arena memory stored
 * there stays as sure as it was (what a library frees inside its opaque struct is either its
 * own or such a store, never another pointer). */
static struct taint load_stored(struct fa *f, const struct taint *pt, unsigned char tclass,
                                const char *field, int exact);

struct taint fa_load_program_stored(struct fa *f, const struct taint *pt)
{
	return load_stored(f, pt, TC_PTR, NULL, 1);
}

struct taint fa_load_field(struct fa *f, const struct taint *pt, unsigned char tclass,
                           const char *field)
{
	struct taint r = load_stored(f, pt, tclass, field, 0);
	/* A pointer read out of arena memory may be memory of that arena (a tree's child, a
	 * reference-counted node's member) */
	if (pt->level && pointerish(tclass)) {
		struct taint m = taint_origin(pt->kind, pt->arena, pt->site);
		m.level = L_MAYBE;
		m.sname = pt->sname;
		m.stale = pt->stale;
		m.rel = pt->rel;
		r = taint_merge(r, m);
	}
	return r;
}

static struct taint load_stored(struct fa *f, const struct taint *pt, unsigned char tclass,
                                const char *field, int exact)
{
	struct taint r = taint_clean;
	r.preach = pt->pder | pt->preach;
	r.glob = pt->glob;
	r.unk = pt->unk;
	r.usite = -2;
	/* Through a pointer to a local, any member may be read (a callee's `a->items[i]` of the
	 * caller's `&a`): all of the local's values. */
	if (pt->local >= 0) {
		struct taint l = state_get(&f->st, pt->local, root_path(), 1);
		r = taint_merge(r, l);
		r.hid |= l.hid; /* its bytes hide a pointer (a number made from one, a copy) */
	}
	if (!pointerish(tclass)) {
		/* a number read from memory is one, unless a local held a pointer's bytes there:
		 * a named number member of a local struct whose other member holds an arena
		 * pointer holds no pointer (the bytes of a pointer local, `src[i]`, are its) */
		if (!r.hid && field)
			r.level = L_NONE;
		r.num = 1;
		return r;
	}
	r.moved = 1;
	struct taint m = mem_of(f, field, mem_where(pt));
	if ((m.level || m.unk) && (pt->local < 0 || pt->level || pt->glob || r.preach)) {
		if (m.level && !exact)
			m.level = L_MAYBE; /* the object may hold other pointers too */
		r = taint_merge(r, m);
	}
	return r;
}

/* Merges v into the record of member `field` (NULL: an unnamed place) of memory `where`. */
static void memf_add(struct fa *f, const char *field, unsigned char where, const struct taint *v)
{
	for (size_t i = 0; i < f->nmemf; i++)
		if (f->memf[i].field == field && f->memf[i].where == where) {
			f->memf[i].t = taint_merge(f->memf[i].t, *v);
			return;
		}
	GROW(f->memf, f->nmemf, f->memf_cap);
	f->memf[f->nmemf++] = (struct memf){field, where, *v};
}

void fa_mem_store(struct fa *f, const struct taint *pt, const struct taint *t, const char *field)
{
	if ((!t->level && !t->unk) ||
	    (pt->local >= 0 && !pt->level && !pt->glob && !(pt->pder | pt->preach)))
		return;
	struct taint v = taint_clean;
	v.usite = -2;
	if (!t->level) {
		v.unk = 1;
	} else {
		v.level = t->level;
		v.kind = t->kind;
		v.stale = t->stale;
		v.site = t->site;
		v.arena = t->arena;
		v.rel = t->rel;
		v.sname = t->sname;
		v.unk = t->unk;
	}
	f->mem = taint_merge(f->mem, v);
	f->mem.local = -1;
	memf_add(f, field, mem_where(pt), &v);
}

/* A read of local (decl, path): a use after its arena was released? */
static void use_check(struct fa *f, int decl, const char *path, int node, int whole)
{
	for (size_t i = 0; i < f->st.n; i++) {
		struct ent *e = &f->st.v[i];
		if (e->decl != decl || !e->t.stale || !e->t.level)
			continue;
		if (!(state_path_prefix(e->path, path) ||
		      (whole && state_path_prefix(path, e->path))))
			continue;
		const struct ast *a = f->a;
		unsigned rl = 0, rc = 0;
		if (e->t.rel >= 0 && a->nodes[e->t.rel].file >= 0)
			esc_line_col(&a->files[a->nodes[e->t.rel].file], a->nodes[e->t.rel].begin,
			             &rl, &rc);
		const struct rt_func *by =
		    e->t.rel >= 0 && a->nodes[e->t.rel].kind == AK_CALL && a->nodes[e->t.rel].name
		        ? rtapi_find(a->nodes[e->t.rel].name)
		        : NULL;
		char *m = xasprintf(by && by->role == RT_FREE
		                        ? "'%s' used after it was freed (line %u)"
		                        : "'%s' used after its arena was freed (line %u)",
		                    a->decls[decl].name, rl);
		/* a hotspot's memory from an arena this function pushed by hand, used after its
		 * release: the summary refuses the scopes that reach it (scope_esc) */
		fa_escape(f, ESC_UAF,
		          e->t.stale == L_DEF && e->t.level == L_DEF ? ESC_ERROR : ESC_WARNING,
		          node, &e->t, m);
		free(m);
		/* One finding per stale value. */
		e->t.stale = L_NONE;
	}
}

/* A pointer read from member `field` of memory `where`, where a pointer into an arena this
 * walk released was stored (a longer-lived arena's node given a string of a block's arena, by
 * a setter whose member the walk does not name): it may be that one. One finding per stored
 * value. */
static void mem_stale_use(struct fa *f, const char *field, unsigned char where, int node)
{
	for (size_t i = 0; i < f->nmemf; i++) {
		struct taint *t = &f->memf[i].t;
		if ((f->memf[i].field && f->memf[i].field != field) ||
		    !(f->memf[i].where & where) || !t->stale || !t->level)
			continue;
		const struct ast *a = f->a;
		unsigned rl = 0, rc = 0;
		if (t->rel >= 0 && a->nodes[t->rel].file >= 0)
			esc_line_col(&a->files[a->nodes[t->rel].file], a->nodes[t->rel].begin, &rl,
			             &rc);
		char *m = xasprintf("'%s' read from memory where a pointer into an arena released "
		                    "at line %u was stored",
		                    field, rl);
		fa_report(f, ESC_UAF, ESC_WARNING, node, t, m);
		free(m);
		t->stale = L_NONE;
	}
}

/* Whether a pointer into an arena was stored into the union at (decl, path) or inside it (not
 * into the whole variable around it, as a callee's store through &v is). */
static int union_holds_pointer(const struct fa *f, int decl, const char *path)
{
	const struct state *st = &f->st;
	/* or into an enclosing object a call returned whole (TValue o = setpvalue(p)), whose
	 * bytes the union's may be; not one a callee filled through a pointer (a parser's event,
	 * whose pointers sit in other members) */
	int whole = 0;
	for (size_t i = 0; i < f->nfrom_call; i++)
		whole |= f->from_call[i] == decl;
	for (size_t i = 0; i < st->n; i++)
		if (st->v[i].decl == decl && st->v[i].t.level &&
		    (state_path_prefix(path, st->v[i].path) ||
		     (whole && state_path_prefix(st->v[i].path, path))))
			return 1;
	return 0;
}

/* Whether argument expression n (through its casts, `&`, an array's decay) is a member of a
 * local union that holds an arena pointer this walk stored in another member: its bytes are the
 * pointer's (`c.p = p; write(fd, c.b, 8)`), whatever the member's type. */
int fa_union_pun(struct fa *f, int n)
{
	const struct ast *a = f->a;
	n = strip(a, n);
	if (n >= 0 && a->nodes[n].kind == AK_UNARY && is_op(&a->nodes[n], "&"))
		n = strip(a, ast_first(a, n));
	if (n < 0 || a->nodes[n].kind != AK_MEMBER)
		return 0;
	struct lval lv = fa_lvalue(f, n);
	if (lv.kind != LV_LOCAL || !lv.uni)
		return 0;
	const char *dot = strrchr(lv.path, '.');
	char parent[512];
	snprintf(parent, sizeof(parent), "%.*s", dot ? (int)(dot - lv.path) : 0, lv.path);
	return union_holds_pointer(f, lv.decl, fa_intern(f, parent));
}

/* The value of an lvalue expression (n), or of its address when `addr`. */
/* p[-n] of a pointer still at its object's start (see eval_binary's p - n). */
static void back_under(struct fa *f, const struct lval *lv, const struct taint *pt, int n)
{
	if (!lv->back || pt->moved || pt->under || !(pt->level || pt->pder || pt->preach))
		return;
	struct taint u = *pt;
	u.under = 1;
	fa_under(f, &u, n, NULL);
}

static struct taint read_lv(struct fa *f, int n, const struct lval *lv, int addr)
{
	const struct ast *a = f->a;
	const struct ast_node *x = &a->nodes[n];
	int whole = x->tclass == TC_RECORD || x->tclass == TC_ARRAY;
	struct taint r = taint_clean;
	switch (lv->kind) {
	case LV_LOCAL:
		if (addr || x->tclass == TC_ARRAY) {
			r.local = lv->decl;
			return r;
		}
		use_check(f, lv->decl, lv->path, n, whole);
		r = state_get(&f->st, lv->decl, lv->path, whole);
		for (size_t i = 0; i < f->nexposed && pointerish(x->tclass); i++)
			if (f->exposed[i] == lv->decl) { /* a callee may have written it */
				struct taint m = mem_of(f, NULL, MEM_ARENA | MEM_OTHER);
				if (m.level)
					m.level = L_MAYBE;
				m.local = -1;
				r = taint_merge(r, m);
			}
		/* A number field of a local is no pointer unless one was hidden there (stored as a
		 * number, its bytes copied) or a union puns one stored into the union itself: what
		 * a callee stored through a pointer to the whole struct lands on every field. */
		if (!pointerish(x->tclass) && !r.hid) {
			if (lv->uni && union_holds_pointer(f, lv->decl, lv->path))
				r.hid = r.level != L_NONE; /* the pointer, read as a number */
			else
				r.level = L_NONE;
		}
		return r;
	case LV_GLOBAL:
		if (addr || x->tclass == TC_ARRAY) {
			r.glob = 1;
			return r;
		}
		return fa_glob_read(f, lv->decl);
	case LV_THROUGH: {
		struct taint pt = fa_eval(f, lv->ptr);
		if (addr || x->tclass == TC_ARRAY)
			return pt; /* &p->f, &p[i], p->arr: pointer arithmetic on p */
		fa_under(f, &pt, n, NULL);
		back_under(f, lv, &pt, n);
		if (lv->uni && !pointerish(x->tclass) && f->uni_mem.level) {
			/* a number read through a union that may hold an arena pointer this walk
			 * stored through a union: the pointer, hidden */
			struct taint t = f->uni_mem;
			t.level = L_MAYBE;
			t.local = -1;
			t.hid = 1;
			return t;
		}
		if (lv->field && !lv->uni && pointerish(x->tclass))
			mem_stale_use(f, lv->field, mem_where(&pt), n);
		struct taint v = fa_load_field(f, &pt, x->tclass, lv->uni ? NULL : lv->field);
		/* a number member (n->type, not bytes of n->buf) holds a number, no pointer's bytes
		 */
		if (lv->field && !lv->uni && !pointerish(x->tclass) && !v.hid)
			v.preach = 0;
		/* a record of numbers and characters (`*e` of a struct with no pointer at any
		 * depth) copied whole holds no pointer, unless one was hidden in it */
		if (x->tclass == TC_RECORD && lv->ptr >= 0 &&
		    f->a->nodes[lv->ptr].ptclass == TC_DATA && !v.hid)
			v.level = L_NONE;
		return v;
	}
	default:
		return r;
	}
}

/* A member of a struct or union value no lvalue names (`box(p).bits`, a call's result): a
 * pointer member is what the value holds; a number member of a union that holds a pointer is
 * that pointer hidden; any other number member holds none. */
static struct taint member_of_value(const struct ast_node *x, const struct lval *lv, struct taint t)
{
	t.local = -1;
	if (pointerish(x->tclass))
		return t;
	if (lv->uni && (t.level || t.pder)) { /* in a callee: its caller's argument */
		t.hid = 1;
		t.num |= !t.level;
		return t;
	}
	return taint_clean;
}

/* p++, p -= n: local p no longer points where its object starts; t is its value. */
static struct taint mark_moved(struct fa *f, int lhs, struct taint t)
{
	if (lhs < 0 || f->a->nodes[lhs].tclass != TC_PTR)
		return t;
	struct lval lv = fa_lvalue(f, lhs);
	struct ent *e = lv.kind == LV_LOCAL ? state_find(&f->st, lv.decl, lv.path) : NULL;
	if (e)
		e->t.moved = 1;
	t.moved = 1;
	return t;
}

/* Store value t (of expression rhs, or -1) into lvalue lv at node `at`. */
void fa_store(struct fa *f, const struct lval *lv, struct taint t, int rhs, int at)
{
	const struct ast *a = f->a;
	switch (lv->kind) {
	case LV_LOCAL: {
		/* Whole-struct copy from another local keeps the field paths. */
		int rs = strip(a, rhs);
		if (rs >= 0 && a->nodes[rs].kind == AK_CALL && a->nodes[rs].tclass == TC_RECORD) {
			GROW(f->from_call, f->nfrom_call, f->from_call_cap);
			f->from_call[f->nfrom_call++] = lv->decl;
		}
		if (rs >= 0 && a->nodes[rs].tclass == TC_RECORD && !lv->weak) {
			struct lval src = fa_lvalue(f, rs);
			if (src.kind == LV_LOCAL) {
				size_t sl = strlen(src.path);
				struct state add = {NULL, 0, 0, 0, 0, 0, 0};
				for (size_t i = 0; i < f->st.n; i++) {
					const struct ent *e = &f->st.v[i];
					if (e->decl != src.decl)
						continue;
					char buf[512];
					if (state_path_prefix(src.path, e->path))
						snprintf(buf, sizeof(buf), "%s%s", lv->path,
						         e->path + sl);
					else if (state_path_prefix(e->path, src.path))
						snprintf(buf, sizeof(buf), "%s", lv->path);
					else
						continue;
					GROW(add.v, add.n, add.cap);
					add.v[add.n++] =
					    (struct ent){lv->decl, fa_intern(f, buf), e->t};
				}
				state_kill(&f->st, lv->decl, lv->path);
				for (size_t i = 0; i < add.n; i++) {
					struct ent *e =
					    state_find(&f->st, add.v[i].decl, add.v[i].path);
					if (e)
						e->t = taint_merge(e->t, add.v[i].t);
					else
						state_put(&f->st, add.v[i].decl, add.v[i].path,
						          add.v[i].t);
				}
				state_free(&add);
				return;
			}
		}
		if (lv->weak) {
			struct ent *e = state_find(&f->st, lv->decl, lv->path);
			if (e)
				e->t = taint_merge(e->t, t);
			else if (!taint_empty(&t))
				state_put(&f->st, lv->decl, lv->path, t);
			return;
		}
		state_kill(&f->st, lv->decl, lv->path);
		if (!taint_empty(&t))
			state_put(&f->st, lv->decl, lv->path, t);
		return;
	}
	case LV_GLOBAL: {
		if (f->summarize && t.glob)
			f->sum.glob_copy = 1;
		if (at >= 0 && fa_glob_param_store(f, lv->decl, ast_first(a, at), &t))
			return;
		if (at >= 0 && fa_glob_store(f, lv->decl, ast_first(a, at), &t, at)) {
			struct taint k = t; /* still what the summary keeps */
			k.level = L_NONE;
			fa_sink_global(f, &k, at, "");
			return;
		}
		const struct ast_decl *d = &a->decls[lv->decl];
		char *what = (d->flags & DF_TLS) ? xasprintf("thread-local '%s'", d->name)
		                                 : xasprintf("'%s' (static storage)", d->name);
		fa_sink_global(f, &t, at, what);
		free(what);
		return;
	}
	case LV_THROUGH: {
		struct taint pt = fa_eval(f, lv->ptr);
		back_under(f, lv, &pt, at);
		if (lv->uni && t.level)
			f->uni_mem = taint_merge(f->uni_mem, t);
		fa_store_field(f, &pt, &t, at, NULL, lv->uni ? NULL : lv->field);
		return;
	}
	default:
		return;
	}
}

/* Assignment (also one spelled in a macro), comma, && and ||, arithmetic. */
static struct taint eval_binary(struct fa *f, int n)
{
	const struct ast *a = f->a;
	const struct ast_node *x = &a->nodes[n];
	int c0 = ast_first(a, n);
	int r = c0 >= 0 ? ast_next(a, c0) : -1;
	/* An operator spelled inside a macro is unknown; one whose operands and result all
	 * have the same pointer or struct type can only be `=` (or a comma). */
	int macro_assign = !x->op && r >= 0 && (x->tclass == TC_PTR || x->tclass == TC_RECORD) &&
	                   a->nodes[c0].tclass == x->tclass && a->nodes[r].tclass == x->tclass;
	if (is_op(x, "=") || macro_assign) {
		struct taint t = r >= 0 ? fa_eval(f, r) : taint_clean;
		struct lval lv = fa_lvalue(f, c0);
		if (lv.kind == LV_UNKNOWN && c0 >= 0)
			(void)fa_eval(f, c0);
		else if (lv.kind == LV_LOCAL || lv.kind == LV_THROUGH) {
			/* evaluate subscripts in the target for their side effects */
			int cs = strip(a, c0);
			if (cs >= 0 && a->nodes[cs].kind == AK_SUBSCRIPT) {
				int idx = subscript_index(a, cs);
				if (idx >= 0)
					(void)fa_eval(f, idx);
			}
		}
		fa_store(f, &lv, t, r, n);
		return t;
	}
	if (is_op(x, ",")) {
		if (c0 >= 0)
			(void)fa_eval(f, c0);
		return r >= 0 ? fa_eval(f, r) : taint_clean;
	}
	if (is_op(x, "&&") || is_op(x, "||")) {
		if (c0 >= 0)
			(void)fa_eval(f, c0);
		f->cond++;
		struct state before = state_copy(&f->st);
		if (r >= 0)
			(void)fa_eval(f, r);
		state_join(&f->st, &before);
		state_free(&before);
		f->cond--;
		return taint_clean;
	}
	struct taint tl = c0 >= 0 ? fa_eval(f, c0) : taint_clean;
	struct taint tr = r >= 0 ? fa_eval(f, r) : taint_clean;
	/* An operator spelled in a macro, a variable on its left and a number hiding a pointer
	 * on its right, may be `=` or `|=` (systemd's and GLib's ({ ...; last = (uintptr_t)_n; })
	 * trackers): stored there, as default deny wants for what it cannot tell. Not a member:
	 * an initialiser macro's `(ev).data.scalar.length = len` (libyaml) reads a number through
	 * a union, which the walk takes for a hidden pointer whenever any union got one. */
	int cs = strip(a, c0);
	if (!x->op && cs >= 0 && x->tclass != TC_PTR && a->nodes[cs].tclass == x->tclass &&
	    a->nodes[cs].kind == AK_DECLREF && taint_hides(&tr)) {
		struct lval lv = fa_lvalue(f, c0);
		/* as `=` or, on a local, `|=`: memory keeps what it held anyway */
		struct taint v =
		    fa_as_type(lv.kind == LV_LOCAL ? taint_merge(tl, tr) : tr, x->tclass);
		v.hid |= tr.hid;
		fa_store(f, &lv, v, r, n);
		return v;
	}
	/* p - q of two pointers is a distance, not a pointer; and no operator makes a number of a
	 * pointer operand but a cast (an unknown one, spelled by a macro, may be a comparison or a
	 * comma): a number's value is that of its number operands. */
	if (is_op(x, "-") && c0 >= 0 && r >= 0 && a->nodes[c0].tclass == TC_PTR &&
	    a->nodes[r].tclass == TC_PTR) {
		/* ... unless from a base outside the arena: `(char *)p - base` kept, then
		 * `base + off`, is the arena pointer again (an offset from a static or a caller's
		 * buffer) */
		if ((tl.level == L_DEF || (tl.pder && !tl.level)) && !tr.level && !tr.pder)
			return fa_as_type(tl, TC_INT); /* a parameter's: its caller's argument's */
		if ((tr.level == L_DEF || (tr.pder && !tr.level)) && !tl.level && !tl.pder)
			return fa_as_type(tr, TC_INT);
		return taint_clean;
	}
	if (!pointerish(x->tclass)) {
		if (c0 >= 0 && pointerish(a->nodes[c0].tclass))
			tl = taint_clean;
		if (r >= 0 && pointerish(a->nodes[r].tclass))
			tr = taint_clean;
		/* bytes copied out of memory stay bytes through |, ^ and & (a word put together
		 * again); a sum, a hash, is no copy of them */
		if (is_op(x, "+") || is_op(x, "-")) {
			if (tl.num)
				tl.preach = 0;
			if (tr.num)
				tr.preach = 0;
		}
	}
	/* An operator spelled in a macro's body is not known (libclang 14 gives the tokens of the
	 * expansion site only): pointer arithmetic there moves the pointer, as + and - do. */
	if ((is_op(x, "-") || is_op(x, "+") || (!x->op && (x->flags & AF_MACRO))) &&
	    x->tclass == TC_PTR) {
		/* p - n of a pointer still at its object's start: before the object. One moved
		 * forward (a stack's top, a cursor) or read from memory may step back in bounds. */
		if (is_op(x, "-") && !tl.moved && (tl.level || tl.pder || tl.preach))
			tl.under = 1;
		struct taint r = taint_merge(tl, tr);
		r.moved = 1;
		return r;
	}
	if (!x->op || is_op(x, "+") || is_op(x, "-") || is_op(x, "&") || is_op(x, "|") ||
	    is_op(x, "^"))
		return taint_merge(tl, tr);
	/* A pointer made a number stays hidden through any arithmetic: shifted, multiplied,
	 * split by / and %, it can be put together again (a tagged word, a page and an offset).
	 * Only a comparison ends it. */
	/* In a callee, a number parameter, or bytes read from a parameter's memory, may be such
	 * a pointer: its digits ('0' + v % 10, a base64 sextet) keep its bits, so a caller
	 * passing a hidden one, or a pointer's bytes, sees them go where they go. */
	int hl = taint_hides(&tl), hr = taint_hides(&tr);
	if ((hl || hr) &&
	    (is_op(x, "*") || is_op(x, "/") || is_op(x, "%") || is_op(x, "<<") || is_op(x, ">>")))
		return taint_merge(hl ? tl : taint_clean, hr ? tr : taint_clean);
	return taint_clean;
}

/* c ? t : e: both arms from the same state, joined. */
static struct taint eval_cond(struct fa *f, int n)
{
	const struct ast *a = f->a;
	int c0 = ast_first(a, n);
	int t1 = c0 >= 0 ? ast_next(a, c0) : -1;
	int t2 = t1 >= 0 ? ast_next(a, t1) : -1;
	if (c0 >= 0)
		(void)fa_eval(f, c0);
	f->cond++;
	struct state before = state_copy(&f->st);
	struct taint v1 = t1 >= 0 ? fa_eval(f, t1) : taint_clean;
	struct state after1 = f->st;
	f->st = before;
	struct taint v2 = t2 >= 0 ? fa_eval(f, t2) : taint_clean;
	state_join(&f->st, &after1);
	state_free(&after1);
	f->cond--;
	return taint_join(v1, v2);
}

/* va_arg(ap, T): the value of an argument the va_list carries (its pseudo-parameter). */
static int va_arg_of(const struct fa *f, int n)
{
	const struct ast *a = f->a;
	if (a->nodes[n].nchild != 1 || a->nodes[n].tclass == TC_ARRAY)
		return -1;
	int c = strip(a, ast_first(a, n));
	if (c < 0 || a->nodes[c].kind != AK_DECLREF || a->nodes[c].decl < 0)
		return -1;
	/* the va_list's own decay to a pointer (an argument of va_start) spans just the name */
	if (a->nodes[n].begin == a->nodes[c].begin && a->nodes[n].end == a->nodes[c].end)
		return -1;
	return (a->decls[a->nodes[c].decl].flags & DF_VALIST) ? a->nodes[c].decl : -1;
}

/*
 * An expression libclang exposes no kind for, with several operands: an atomic builtin
 * (__atomic_store_n(&g, p, order), what <stdatomic.h>'s atomic_store expands to), a generic
 * selection. A pointer first operand may be stored through: every other operand carrying arena
 * memory is stored there; the value is any of them.
 */
static struct taint eval_builtin(struct fa *f, int n)
{
	const struct ast *a = f->a;
	int c0 = ast_first(a, n);
	struct taint pt = fa_eval(f, c0), r = pt;
	for (int c = ast_next(a, c0); c >= 0; c = ast_next(a, c)) {
		struct taint t = fa_eval(f, c);
		/* the generic forms take the value by address: __atomic_store(&slot, &p, order) */
		if (t.local >= 0) {
			struct taint in = fa_load(f, &t, TC_PTR);
			in.local = -1;
			t = taint_merge(t, in);
		}
		if ((t.level || t.unk || t.pder || t.preach || t.glob) &&
		    a->nodes[c0].tclass == TC_PTR)
			fa_store_through(f, &pt, &t, n, NULL);
		r = taint_merge(r, t);
	}
	r.local = -1;
	return r;
}

static struct taint eval_raw(struct fa *f, int n)
{
	const struct ast *a = f->a;
	const struct ast_node *x = &a->nodes[n];
	int c0 = ast_first(a, n);
	switch (x->kind) {
	case AK_PAREN:
	case AK_CAST:
	case AK_UNEXPOSED: {
		int va = x->kind == AK_UNEXPOSED ? va_arg_of(f, n) : -1;
		if (va >= 0)
			return state_get(&f->st, va, root_path(), 1);
		if (x->kind == AK_UNEXPOSED && x->nchild > 1)
			return eval_builtin(f, n);
		int l = last_child(a, n);
		/* (void)p only silences a warning: not a use of what p points to; (void) of an
		 * atomic builtin (an unexposed node of several operands) still does its store */
		int v = l;
		while (v >= 0 && (a->nodes[v].kind == AK_PAREN || a->nodes[v].kind == AK_CAST ||
		                  (a->nodes[v].kind == AK_UNEXPOSED && a->nodes[v].nchild <= 1)))
			v = last_child(a, v);
		if (x->kind == AK_CAST && x->tclass == TC_VOID && v >= 0 &&
		    a->nodes[v].kind == AK_DECLREF)
			return taint_clean;
		return l >= 0 ? fa_eval(f, l) : taint_clean;
	}
	case AK_DECLREF: {
		if (x->decl < 0)
			return taint_clean;
		const struct ast_decl *d = &a->decls[x->decl];
		if (d->kind != DK_VAR && d->kind != DK_PARAM)
			return taint_clean;
		struct lval lv = fa_lvalue(f, n);
		return read_lv(f, n, &lv, 0);
	}
	case AK_MEMBER:
	case AK_SUBSCRIPT: {
		struct lval lv = fa_lvalue(f, n);
		struct taint ti = taint_clean, r = taint_clean;
		int idx = x->kind == AK_SUBSCRIPT ? subscript_index(a, n) : -1;
		if (lv.kind == LV_UNKNOWN) { /* "0123456789abcdef"[v & 15] */
			for (int c = c0; c >= 0; c = ast_next(a, c)) {
				struct taint t = fa_eval(f, c);
				if (c == idx)
					ti = t;
				else if (x->kind == AK_MEMBER && c == c0)
					r = member_of_value(x, &lv, t);
			}
		} else {
			if (idx >= 0)
				ti = fa_eval(f, idx);
			r = read_lv(f, n, &lv, 0);
		}
		/* a table read at a hidden pointer's digits (hex[v & 15]) spells the pointer; at a
		 * number parameter's, the caller's argument may be one */
		if (x->kind == AK_SUBSCRIPT && !pointerish(x->tclass) &&
		    ((ti.hid && ti.level) || (ti.pder && !ti.level) ||
		     (ti.num && ti.preach && !ti.level))) {
			ti.local = -1;
			r = taint_merge(r, ti);
			r.hid |= ti.hid;
			r.num = 1;
		}
		return r;
	}
	case AK_UNARY: {
		if (is_op(x, "*") || deref_in_macro(a, n)) {
			struct lval lv = fa_lvalue(f, n);
			return read_lv(f, n, &lv, 0);
		}
		if (is_op(x, "&")) {
			struct lval lv = fa_lvalue(f, c0);
			if (lv.kind == LV_UNKNOWN)
				return c0 >= 0 ? fa_eval(f, c0) : taint_clean;
			return read_lv(f, strip(a, c0), &lv, 1);
		}
		struct taint t = c0 >= 0 ? fa_eval(f, c0) : taint_clean;
		if (is_op(x, "++") || is_op(x, "--"))
			return mark_moved(f, c0, t);
		/* ~(uintptr_t)p hides the pointer as well (Boehm's HIDE_POINTER); in a callee, so
		 * does ~ or - of a number made from a parameter (the caller's argument) */
		int hidden = taint_hides(&t);
		if (!x->op || is_op(x, "+") || (hidden && (is_op(x, "~") || is_op(x, "-"))))
			return t;
		return taint_clean;
	}
	case AK_BINARY:
		if (fa_teardown_macro(f, n))
			return taint_clean;
		return eval_binary(f, n);
	case AK_ASSIGNOP: {
		int r = c0 >= 0 ? ast_next(a, c0) : -1;
		struct taint tr = r >= 0 ? fa_eval(f, r) : taint_clean;
		/* in a callee, a number made from a parameter may be the caller's hidden pointer */
		int hidden = taint_hides(&tr);
		if (c0 >= 0 && hidden && x->tclass != TC_PTR) {
			/* w ^= (uintptr_t)p, h |= ..., acc += ...: the number now hides the pointer
			 * (an XOR-linked list, a packed handle), as `w = w ^ ...` does */
			struct taint old = fa_eval(f, c0);
			struct lval lv = fa_lvalue(f, c0);
			/* a local's value is replaced by the store; memory keeps what it held */
			struct taint v =
			    fa_as_type(lv.kind == LV_LOCAL ? taint_merge(old, tr) : tr, x->tclass);
			v.hid |= tr.hid;
			fa_store(f, &lv, v, r, n);
			return v;
		}
		return c0 >= 0 ? mark_moved(f, c0, fa_eval(f, c0)) : taint_clean;
	}
	case AK_COND:
		return eval_cond(f, n);
	case AK_CALL:
		return fa_eval_call(f, n);
	case AK_STMTEXPR: {
		/* ({ ...; last; }): the value of the last expression statement */
		int body = c0;
		if (body < 0)
			return taint_clean;
		int last = last_child(a, body);
		for (int s = ast_first(a, body); s >= 0; s = ast_next(a, s))
			if (s != last)
				fa_exec(f, s);
		return last >= 0 && a->nodes[last].kind >= AK_CALL ? fa_eval(f, last) : taint_clean;
	}
	case AK_SIZEOF:
	case AK_INTLIT:
	case AK_STRLIT:
	case AK_LITERAL:
		return taint_clean;
	default: {
		/* initialiser lists, compound literals, unknown expressions: their parts */
		struct taint r = taint_clean;
		for (int c = c0; c >= 0; c = ast_next(a, c))
			if (a->nodes[c].kind >= AK_CALL || a->nodes[c].kind == AK_OTHER)
				r = taint_merge(r, fa_eval(f, c));
		return r;
	}
	}
}

/*
 * A value as its type carries it. A pointer converted to an integer is followed as a hidden
 * arena pointer (arithmetic keeps it, comparisons and the like drop it: esc_expr's operators),
 * and an integer parameter keeps its parameter bit, so a callee that stores one is seen; other
 * numbers, and function pointers, carry nothing. A pointer made from such an integer is a
 * pointer again.
 */
struct taint fa_as_type(struct taint t, unsigned char tclass)
{
	switch (tclass) {
	case TC_INT:
	case TC_FLOAT: {
		struct taint h = taint_clean;
		h.pder = t.pder;
		h.preach = t.preach;
		h.num = 1;
		if (t.level) {
			h.level = t.level;
			h.kind = t.kind;
			h.stale = t.stale;
			h.site = t.site;
			h.arena = t.arena;
			h.rel = t.rel;
			h.sname = t.sname;
			h.hid = 1;
		}
		return h;
	}
	case TC_VOID:
	case TC_FUNCPTR:
	case TC_FUNC:
		return taint_clean;
	default:
		t.hid = 0;
		return t;
	}
}

struct taint fa_eval(struct fa *f, int n)
{
	if (n < 0 || f->st.dead)
		return taint_clean;
	if (++f->depth > MAXDEPTH) {
		f->depth--;
		return taint_clean;
	}
	struct taint t = eval_raw(f, n);
	f->depth--;
	if (f->askmap && f->askmap[n - f->fn] && t.level && t.site >= 0 && fa_is_site(f, t.site))
		f->derived[n - f->fn] = 1;
	const struct ast_node *x = &f->a->nodes[n];
	/* A designated initializer (`.name = p`, `[0] = p`): libclang gives it type void; its value
	 * is its last operand's. */
	int d = x->kind == AK_UNEXPOSED && x->tclass == TC_VOID && x->parent >= 0 &&
	                f->a->nodes[x->parent].kind == AK_INITLIST
	            ? last_child(f->a, n)
	            : -1;
	return fa_as_type(t, d >= 0 ? f->a->nodes[d].tclass : x->tclass);
}
