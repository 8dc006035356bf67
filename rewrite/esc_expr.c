/*
 * esc_expr: the value of an expression (struct taint) and the effect of assignments on the
 * state. Internals in esc_int.h.
 */
#include "esc_int.h"
#include "mem.h"

#include <stdio.h>
#include <stdlib.h>

struct lval fa_lvalue(struct fa *f, int n)
{
	const struct ast *a = f->a;
	struct lval lv = {LV_UNKNOWN, -1, "", 0, -1};
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
		if (x->flags & AF_ARROW) {
			lv.kind = LV_THROUGH;
			lv.ptr = b;
			break;
		}
		lv = fa_lvalue(f, b);
		if (lv.kind == LV_LOCAL)
			lv.path = fa_path_add(f, lv.path, x->name ? x->name : "?");
		break;
	}
	case AK_SUBSCRIPT: {
		int b = ast_first(a, n);
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
		}
		break;
	}
	case AK_UNARY:
		if (is_op(x, "*")) {
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

/* Value read from memory a pointer with taint pt points to. */
static struct taint load(struct fa *f, const struct taint *pt, int whole)
{
	struct taint r = taint_clean;
	r.preach = pt->pder | pt->preach;
	r.glob = pt->glob;
	r.unk = pt->unk;
	r.usite = -2;
	if (pt->local >= 0)
		r = taint_merge(r, state_get(&f->st, pt->local, root_path(), whole));
	if ((f->mem.level || f->mem.unk) && (pt->local < 0 || pt->level || pt->glob || r.preach)) {
		struct taint m = f->mem;
		if (m.level)
			m.level = L_MAYBE; /* the object may hold other pointers too */
		r = taint_merge(r, m);
	}
	return r;
}

void fa_mem_store(struct fa *f, const struct taint *pt, const struct taint *t)
{
	if ((!t->level && !t->unk) ||
	    (pt->local >= 0 && !pt->level && !pt->glob && !(pt->pder | pt->preach)))
		return;
	if (!t->level) {
		f->mem.unk = 1;
		f->mem.usite = -2;
		return;
	}
	struct taint v = taint_clean;
	v.level = t->level;
	v.kind = t->kind;
	v.stale = t->stale;
	v.site = t->site;
	v.arena = t->arena;
	v.rel = t->rel;
	v.sname = t->sname;
	v.unk = t->unk | f->mem.unk;
	v.usite = -2;
	f->mem = f->mem.level ? taint_merge(f->mem, v) : v;
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
		char *m = xasprintf("'%s' used after its arena was freed (line %u)",
		                    a->decls[decl].name, rl);
		fa_report(f, ESC_UAF,
		          e->t.stale == L_DEF && e->t.level == L_DEF ? ESC_ERROR : ESC_WARNING,
		          node, &e->t, m);
		free(m);
		/* One finding per stale value. */
		e->t.stale = L_NONE;
	}
}

/* The value of an lvalue expression (n), or of its address when `addr`. */
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
		return state_get(&f->st, lv->decl, lv->path, whole);
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
		return load(f, &pt, whole);
	}
	default:
		return r;
	}
}

/* Store value t (of expression rhs, or -1) into lvalue lv at node `at`. */
void fa_store(struct fa *f, const struct lval *lv, struct taint t, int rhs, int at)
{
	const struct ast *a = f->a;
	switch (lv->kind) {
	case LV_LOCAL: {
		/* Whole-struct copy from another local keeps the field paths. */
		int rs = strip(a, rhs);
		if (rs >= 0 && a->nodes[rs].tclass == TC_RECORD && !lv->weak) {
			struct lval src = fa_lvalue(f, rs);
			if (src.kind == LV_LOCAL) {
				size_t sl = strlen(src.path);
				struct state add = {NULL, 0, 0, 0};
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
		fa_mem_store(f, &pt, &t);
		if (f->summarize && t.glob &&
		    (pt.local < 0 || pt.level || pt.glob || pt.pder | pt.preach))
			f->sum.glob_copy = 1;
		if (pt.level) { /* into arena memory itself, or an object it holds */
			if (pt.unk)
				fa_sink_unknown(f, &pt, &t, at, NULL);
			return;
		}
		uint32_t ps = pt.pder | pt.preach;
		if (ps) {
			if (f->summarize) {
				for (int j = 0; j < MAXP; j++)
					if ((ps >> j) & 1u)
						f->sum.into[j] |= t.pder | t.preach;
				fa_sum_out(f, pt.pder, &t);
			}
			if (t.level && t.kind == K_OWN) {
				char *m = xasprintf("arena memory stored through parameter '%s', "
				                    "which outlives the arena",
				                    fa_param_name(f, ps));
				fa_report(f, ESC_PARAM, fa_severity(f, &t), at, &t, m);
				free(m);
			}
		} else if (pt.glob) {
			fa_sink_global(f, &t, at, "memory reached through a global");
		} else if (pt.local >= 0) {
			fa_add_to_local(f, pt.local, t);
		} else if (pt.unk) {
			fa_sink_unknown(f, &pt, &t, at, NULL);
		}
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
				int idx = ast_next(a, ast_first(a, cs));
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
	if (!x->op || is_op(x, "+") || is_op(x, "-"))
		return taint_merge(tl, tr);
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

static struct taint eval_raw(struct fa *f, int n)
{
	const struct ast *a = f->a;
	const struct ast_node *x = &a->nodes[n];
	int c0 = ast_first(a, n);
	switch (x->kind) {
	case AK_PAREN:
	case AK_CAST:
	case AK_UNEXPOSED: {
		int l = last_child(a, n);
		/* (void)p only silences a warning: not a use of what p points to */
		if (x->kind == AK_CAST && x->tclass == TC_VOID && l >= 0 &&
		    a->nodes[strip(a, l)].kind == AK_DECLREF)
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
		if (lv.kind == LV_UNKNOWN) {
			struct taint r = taint_clean;
			for (int c = c0; c >= 0; c = ast_next(a, c))
				(void)fa_eval(f, c);
			return r;
		}
		if (x->kind == AK_SUBSCRIPT) {
			int idx = c0 >= 0 ? ast_next(a, c0) : -1;
			if (idx >= 0)
				(void)fa_eval(f, idx);
		}
		return read_lv(f, n, &lv, 0);
	}
	case AK_UNARY: {
		if (is_op(x, "*")) {
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
		if (!x->op || is_op(x, "++") || is_op(x, "--") || is_op(x, "+"))
			return t;
		return taint_clean;
	}
	case AK_BINARY:
		return eval_binary(f, n);
	case AK_ASSIGNOP: {
		int r = c0 >= 0 ? ast_next(a, c0) : -1;
		if (r >= 0)
			(void)fa_eval(f, r);
		return c0 >= 0 ? fa_eval(f, c0) : taint_clean;
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
	/* Integers, floats and function pointers carry no arena pointer. */
	switch (f->a->nodes[n].tclass) {
	case TC_INT:
	case TC_FLOAT:
	case TC_VOID:
	case TC_FUNCPTR:
	case TC_FUNC:
		return taint_clean;
	default:
		return t;
	}
}
