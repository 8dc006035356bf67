/*
 * esc_call: what a call does to arena memory: the runtime's functions (rules/rtapi.h), the
 * rules' pass-through and keeping functions, plain free/realloc, the callees' summaries; and
 * the sinks that report escapes. Internals in esc_int.h.
 */
#include "esc_int.h"
#include "mem.h"
#include "rtapi.h"
#include "rules.h"

#include <stdlib.h>

/* The arena an expression like `&a`, `h`, `&s.arena` or `a` (a parameter) designates. */
void fa_arena_of(struct fa *f, int e, unsigned char *kind, int *id)
{
	const struct ast *a = f->a;
	*kind = K_FOREIGN;
	*id = 0;
	e = strip(a, e);
	if (e < 0)
		return;
	const struct ast_node *x = &a->nodes[e];
	if (x->kind == AK_UNARY && is_op(x, "&")) {
		int b = strip(a, ast_first(a, e));
		/* &v or &v.f...: v local */
		while (b >= 0 && a->nodes[b].kind == AK_MEMBER && !(a->nodes[b].flags & AF_ARROW))
			b = strip(a, ast_first(a, b));
		if (b >= 0 && a->nodes[b].kind == AK_DECLREF && a->nodes[b].decl >= 0) {
			const struct ast_decl *d = &a->decls[a->nodes[b].decl];
			if ((d->flags & DF_LOCAL) && d->kind == DK_VAR) {
				*kind = K_OWN;
				*id = a->nodes[b].decl;
			}
		}
		return;
	}
	if (x->kind == AK_DECLREF && x->decl >= 0) {
		const struct ast_decl *d = &a->decls[x->decl];
		if (d->kind == DK_PARAM) {
			*kind = K_PARAM;
			*id = d->index;
		} else if (d->kind == DK_VAR && (d->flags & DF_LOCAL)) {
			for (size_t i = 0; i < f->ndestroyed; i++)
				if (f->destroyed[i] == x->decl) {
					*kind = K_OWN;
					*id = x->decl;
				}
		}
	}
}

struct taint taint_origin(unsigned char kind, int arena, int site)
{
	struct taint t = taint_clean;
	t.level = L_DEF;
	t.kind = kind;
	t.arena = arena;
	t.site = site;
	return t;
}

/*
 * Memory of the innermost scope arena, as seen from this function. In a scope function, every
 * scope allocation made below it while its arena is pushed comes from that arena, whichever
 * scope the hotspot names: the innermost one is this function's (a deeper scope's memory that
 * reaches here has escaped it, so that scope is refused and the memory is this one's too).
 * A summary describes a scope function's body as if its scope were refused: the memory is then
 * its caller's scope's, and that is the only case a caller can see it (a scope that stores or
 * returns its own memory where it outlives the scope is refused for it).
 */
struct taint fa_scope_origin(struct fa *f, const char *scope, int site)
{
	if (f->pushes ||
	    (!f->summarize && (f->scope_fn || (scope && f->fname && !strcmp(scope, f->fname)))))
		return taint_origin(K_OWN, ARENA_SCOPE, site);
	struct taint t = taint_origin(K_SCOPE, 0, site);
	t.sname = scope;
	return t;
}

void fa_sink_global(struct fa *f, const struct taint *t, int node, const char *what)
{
	if (f->summarize && (t->pder | t->preach)) {
		f->sum.keep |= t->pder | t->preach;
		if (!f->cond)
			f->sum.keep_def |= t->pder | t->preach;
	}
	if (t->level && (t->kind == K_OWN || t->kind == K_SCOPE)) {
		char *m = xasprintf("arena memory stored in %s, which outlives the arena", what);
		fa_report(f, ESC_GLOBAL, fa_severity(f, t), node, t, m);
		free(m);
	}
}

void fa_sink_return(struct fa *f, const struct taint *t, int node)
{
	if (f->summarize && t->glob)
		f->sum.glob_copy = 1;
	if (t->level && t->kind == K_OWN) {
		char *m = f->hot && !f->scope && t->arena == ARENA_REWRITE
		              ? xasprintf("'%s' returns memory from the arena a rewrite gives it, "
		                          "which is freed when it returns",
		                          f->fname)
		              : xasprintf("'%s' returns memory from its own arena, which is freed "
		                          "when it returns",
		                          f->fname);
		fa_report(f, ESC_RETURN, fa_severity(f, t), node, t, m);
		free(m);
	}
}

/* A keeping callee gets value t as argument k. */
static void sink_call(struct fa *f, const struct taint *t, int node, const char *callee, int k,
                      int definite, const char *how)
{
	if (f->summarize && t->glob)
		f->sum.glob_copy = 1;
	if (f->summarize && (t->pder | t->preach)) {
		f->sum.keep |= t->pder | t->preach;
		if (!f->cond && definite)
			f->sum.keep_def |= t->pder | t->preach;
	}
	if (t->level && (t->kind == K_OWN || t->kind == K_SCOPE)) {
		char *m =
		    xasprintf("arena memory passed to '%s' (argument %d), %s", callee, k + 1, how);
		fa_report(f, ESC_CALL, definite ? fa_severity(f, t) : ESC_WARNING, node, t, m);
		free(m);
	}
}

static void sink_free(struct fa *f, const struct taint *t, int node, const char *callee, int direct)
{
	if (f->summarize && t->pder)
		f->sum.frees |= t->pder;
	/* Memory of a hotspot's scope is heap memory wherever no scope is active, and every
	 * function reachable from a scope gets ownership-aware frees in the rewrite. */
	if (t->kind == K_SCOPE && t->sname)
		return;
	if (t->level) {
		char *m =
		    direct ? esc_text_with(callee, "() of arena memory, which the heap allocator "
		                                   "does not own (use {free} or {realloc}, or "
		                                   "copy it out with {clone})")
		           : xasprintf("arena memory passed to '%s', which hands it to free() "
		                       "or realloc()",
		                       callee);
		/* arena_cur_* memory is heap memory where no scope is active: a warning. */
		int sev = t->level == L_DEF && t->kind != K_SCOPE ? ESC_ERROR : ESC_WARNING;
		fa_report(f, ESC_HEAP_FREE, sev, node, t, m);
		free(m);
	}
}

/* A store through a pointer to local `decl` (`*&x = v`, a callee filling `&x`): a weak update
 * of the whole variable. */
void fa_add_to_local(struct fa *f, int decl, struct taint v)
{
	struct ent *e = state_find(&f->st, decl, root_path());
	if (e)
		e->t = taint_merge(e->t, v);
	else if (!taint_empty(&v))
		state_put(&f->st, decl, root_path(), v);
}

/* Summary: arena memory t stored through the parameters in mask (`*out = p`, `out->f = p`).
 * Only a caller's scope memory and a parameter arena's memory are recorded (see struct sum). */
void fa_sum_out(struct fa *f, uint32_t mask, const struct taint *t)
{
	if (!f->summarize || !t->level || (t->kind != K_SCOPE && t->kind != K_PARAM))
		return;
	if (t->kind == K_PARAM && (t->arena < 0 || t->arena >= MAXP))
		return;
	for (int j = 0; j < MAXP; j++) {
		if (!((mask >> j) & 1u))
			continue;
		if (t->level == L_DEF && !f->cond)
			f->sum.out_def |= 1u << j;
		if (f->sum.out_arena[j])
			continue;
		if (t->kind == K_SCOPE) {
			f->sum.out_arena[j] = RA_SCOPE;
			f->sum.out_scope[j] = t->sname ? xstrdup(t->sname) : NULL;
		} else {
			f->sum.out_arena[j] = RA_PARAM;
			f->sum.out_arena_param[j] = (unsigned char)t->arena;
		}
	}
}

int fa_is_site(struct fa *f, int call)
{
	if (f->sitemap)
		return f->sitemap[call - f->fn];
	return 0;
}

/* A call of the runtime (rtapi.h): the origin of its result; a release makes the values of
 * its arena stale. Everything else of the runtime returns no arena memory. */
static struct taint rt_call(struct fa *f, int n, const struct rt_func *rf, const struct taint *targ,
                            const int *argn, int nargs)
{
	unsigned char kind;
	int id;
	switch (rf->role) {
	case RT_ALLOC:
		fa_arena_of(f,
		            rf->arena_arg >= 0 && rf->arena_arg < nargs ? argn[rf->arena_arg] : -1,
		            &kind, &id);
		return taint_origin(kind, id, n);
	case RT_CUR_ALLOC:
		/* In a scoped hotspot a previous run rewrote, the memory is its scope's, as the
		 * allocation it replaced was: a second run sees what the first saw. */
		return fa_scope_origin(f, f->scope, n);
	case RT_RELEASE:
	case RT_DESTROY:
		fa_arena_of(f,
		            rf->arena_arg >= 0 && rf->arena_arg < nargs ? argn[rf->arena_arg] : -1,
		            &kind, &id);
		if (kind != K_OWN)
			return taint_clean;
		for (size_t i = 0; i < f->st.n; i++) {
			struct taint *t = &f->st.v[i].t;
			if (t->level && t->kind == K_OWN && t->arena == id) {
				t->stale = L_DEF;
				t->rel = n;
			}
		}
		return taint_clean;
	case RT_RESIZE_ANY:
		return rf->ptr_arg >= 0 && rf->ptr_arg < nargs ? targ[rf->ptr_arg] : taint_clean;
	case RT_FREE:
		if (rf->ptr_arg >= 0 && rf->ptr_arg < nargs)
			fa_hold_freed(f, &targ[rf->ptr_arg]);
		return taint_clean;
	default:
		return taint_clean;
	}
}

/* The result of a memcpy-like or strchr-like function (rules: returns_pointer): the values of
 * the arguments in mask. */
static struct taint passed_through(unsigned mask, const struct taint *targ, int nargs)
{
	struct taint r = taint_clean;
	int first = 1;
	for (int i = 0; i < nargs; i++)
		if ((mask >> i) & 1u) {
			r = first ? targ[i] : taint_merge(r, targ[i]);
			first = 0;
		}
	return r;
}

/* One call being evaluated: its node, callee name and the values of its first MAXP arguments. */
struct call {
	int n;
	const char *name;
	int nargs;
	struct taint targ[MAXP];
	int argn[MAXP];
};

/* The value of argument i as a callee sees it: a pointer to a local carries its contents. */
static struct taint arg_seen(struct fa *f, const struct call *c, int i)
{
	struct taint t = c->targ[i];
	if (t.local >= 0)
		t = taint_merge(t, state_get(&f->st, t.local, root_path(), 1));
	return t;
}

/* Evaluates the callee expression (side effects of a call through a pointer) and arguments. */
static void eval_args(struct fa *f, int n, int callee, int cs, struct call *c)
{
	const struct ast *a = f->a;
	if (cs >= 0 && a->nodes[cs].kind != AK_DECLREF)
		(void)fa_eval(f, callee);
	int k = 0;
	for (int ch = callee >= 0 ? ast_next(a, callee) : -1; ch >= 0; ch = ast_next(a, ch), k++) {
		struct taint t = fa_eval(f, ch);
		if (k < MAXP) {
			c->targ[k] = t;
			c->argn[k] = ch;
		}
	}
	c->n = n;
	c->name = a->nodes[n].name;
	c->nargs = ast_call_nargs(a, n);
	if (c->nargs > MAXP)
		c->nargs = MAXP;
	if (k < c->nargs)
		c->nargs = k;
}

/*
 * Allocator-family calls of a hotspot: arena allocations after the rewrite. Returns 1 with the
 * call's whole value in *site, or 0; *at_site tells that the call is a site whose callee's
 * summary applies too (a function of the sources returning scope memory: arguments it keeps,
 * scope memory it stores through an out-parameter).
 */
static int hot_call(struct fa *f, const struct call *c, int cs, int fdecl, struct taint *site,
                    int *at_site)
{
	const struct ast *a = f->a;
	const struct ast_node *x = &a->nodes[c->n];
	const struct rule_alloc *ra = NULL;
	*at_site = 0;
	if (f->sitemap) {
		if (!fa_is_site(f, c->n))
			return 0;
		*site = f->scope ? fa_scope_origin(f, f->scope, c->n)
		                 : taint_origin(K_OWN, ARENA_REWRITE, c->n);
		if (fdecl < 0 || !c->name || rules_find_alloc(f->r, c->name) ||
		    !sums_find(f->sums, a->decls[fdecl].usr))
			return 1;
		*at_site = 1;
		return 0;
	}
	if (!f->hot)
		return 0;
	if (fdecl >= 0 && c->name)
		ra = rules_find_alloc(f->r, c->name);
	else if (cs >= 0 && a->nodes[cs].kind == AK_MEMBER && a->nodes[cs].name)
		ra = rules_find_field(f->r, a->nodes[cs].name);
	if (!ra || (x->flags & AF_MACRO))
		return 0;
	*site = ra->kind == RK_FREE ? taint_clean
	        : f->scope          ? fa_scope_origin(f, f->scope, c->n)
	                            : taint_origin(K_OWN, ARENA_REWRITE, c->n);
	return 1;
}

/*
 * A callee the runtime's table or the rules know: the runtime, pass-through functions, plain
 * free()/realloc(), functions that keep a pointer. Returns 1 with the call's value in *r.
 */
static int known_call(struct fa *f, const struct call *c, struct taint *r)
{
	const struct rt_func *rf = rtapi_find(c->name);
	const struct rule_keep *rk;
	const struct rule_alloc *ra;
	*r = taint_clean;
	if (rf) {
		*r = rt_call(f, c->n, rf, c->targ, c->argn, c->nargs);
		return 1;
	}
	if ((rk = rules_find_pass(f->r, c->name))) {
		*r = passed_through(rk->args_mask, c->targ, c->nargs);
		return 1;
	}
	ra = rules_find_alloc(f->r, c->name);
	if (ra && (ra->kind == RK_FREE || ra->kind == RK_REALLOC)) {
		/* In a hotspot (and below a scope) the rewrite turns them into the runtime's
		 * ownership-aware free and realloc. */
		int aware = f->free_aware || (f->hot && !(f->a->nodes[c->n].flags & AF_MACRO));
		if (c->nargs > 0 && !aware)
			sink_free(f, &c->targ[0], c->n, c->name, 1);
		if (c->nargs > 0 && ra->kind == RK_FREE)
			fa_hold_freed(f, &c->targ[0]);
		return 1;
	}
	if (!(rk = rules_find_keep(f->r, c->name)))
		return 0;
	/* A thread joined before the arena goes is fine: unknown here, a warning. */
	int started = !strcmp(c->name, "pthread_create") || !strcmp(c->name, "thrd_create");
	for (int i = 0; i < c->nargs; i++)
		if ((rk->args_mask >> i) & 1u) {
			struct taint t = arg_seen(f, c, i);
			sink_call(f, &t, c->n, c->name, i, !(started && f->joins),
			          "which keeps it beyond the call");
		}
	return 1;
}

/* Summary: the callee stores arguments (mask s->into[j]) through argument j. */
static void apply_into(struct fa *f, const struct call *c, const struct sum *s, int j)
{
	struct taint pt = c->targ[j];
	struct taint v = taint_clean;
	for (int i = 0; i < c->nargs; i++)
		if ((s->into[j] >> i) & 1u)
			v = taint_merge(v, c->targ[i]);
	fa_mem_store(f, &pt, &v);
	if (pt.level && pt.unk)
		fa_sink_unknown(f, &pt, &v, c->n, c->name);
	if (pt.level || taint_empty(&v))
		return;
	uint32_t ps = pt.pder | pt.preach;
	if (ps && f->summarize)
		for (int q = 0; q < MAXP; q++)
			if ((ps >> q) & 1u)
				f->sum.into[q] |= v.pder | v.preach;
	if ((ps && v.level && v.kind == K_OWN) ||
	    (pt.glob && v.level && (v.kind == K_OWN || v.kind == K_SCOPE))) {
		char *m = xasprintf("arena memory passed to '%s', whose body stores it through "
		                    "argument %d, which outlives the arena",
		                    c->name, j + 1);
		fa_report(f, ESC_CALL, fa_severity(f, &v), c->n, &v, m);
		free(m);
	} else if (pt.glob && f->summarize) {
		f->sum.keep |= v.pder | v.preach;
	} else if (pt.local >= 0) {
		fa_add_to_local(f, pt.local, v);
	} else if (pt.unk) {
		fa_sink_unknown(f, &pt, &v, c->n, c->name);
	}
}

/*
 * Memory of this function's own arena stored (by callee `by`, or here when NULL) into memory
 * the function neither owns nor names: an object a callee returned or one read through a
 * pointer. Nothing tells how long that object lives (it may be returned, kept in a registry,
 * freed later by plain free), unless the function frees it before any exit: an object one call
 * made waits for that (tear_kept_heap's `chain_free(root)`); any other is a finding now.
 */
void fa_sink_unknown(struct fa *f, const struct taint *pt, const struct taint *t, int node,
                     const char *by)
{
	if (!t->level || t->kind != K_OWN)
		return;
	char *m = by ? xasprintf("arena memory passed to '%s', whose body stores it into memory "
	                         "this function did not allocate, which may outlive the arena",
	                         by)
	             : xstrdup("arena memory stored into memory this function did not allocate "
	                       "(returned by a call or read through a pointer), which may outlive "
	                       "the arena");
	if (pt->usite < 0) {
		fa_report(f, ESC_PARAM, fa_severity(f, t), node, t, m);
		free(m);
		return;
	}
	GROW(f->holds, f->nholds, f->holds_cap);
	f->holds[f->nholds++] = (struct hold){pt->usite, node, fa_severity(f, t), *t, m};
}

void fa_hold_freed(struct fa *f, const struct taint *t)
{
	if (f->cond)
		return;
	if (f->summarize)
		f->sum.dies |= t->pder;
	if (!t->unk || t->usite < 0)
		return;
	size_t k = 0;
	for (size_t i = 0; i < f->nholds; i++) {
		if (f->holds[i].usite == t->usite)
			free(f->holds[i].msg);
		else
			f->holds[k++] = f->holds[i];
	}
	f->nholds = k;
}

void fa_hold_exit(struct fa *f)
{
	for (size_t i = 0; i < f->nholds; i++)
		fa_report(f, ESC_PARAM, f->holds[i].sev, f->holds[i].node, &f->holds[i].t,
		          f->holds[i].msg);
}

/* Summary: arena memory the callee stores through argument j (`word_new(t, &w)`). */
static void apply_out(struct fa *f, const struct call *c, const struct sum *s, int j)
{
	struct taint v;
	if (s->out_arena[j] == RA_SCOPE) {
		v = fa_scope_origin(f, s->out_scope[j], c->n);
	} else if (s->out_arena_param[j] < c->nargs) {
		unsigned char kind;
		int id;
		fa_arena_of(f, c->argn[s->out_arena_param[j]], &kind, &id);
		v = taint_origin(kind, id, c->n);
	} else {
		return;
	}
	if (!((s->out_def >> j) & 1u))
		v.level = L_MAYBE;
	struct taint pt = c->targ[j];
	fa_mem_store(f, &pt, &v);
	if (pt.level)
		return; /* into arena memory itself */
	if (pt.local >= 0) {
		fa_add_to_local(f, pt.local, v);
	} else if (pt.pder | pt.preach) {
		fa_sum_out(f, pt.pder, &v);
		if (v.kind == K_OWN) {
			char *m = xasprintf("arena memory stored by '%s' through argument %d, "
			                    "parameter '%s', which outlives the arena",
			                    c->name, j + 1, fa_param_name(f, pt.pder | pt.preach));
			fa_report(f, ESC_PARAM, fa_severity(f, &v), c->n, &v, m);
			free(m);
		}
	} else if (pt.glob) {
		char *what = xasprintf("memory reached through a global (by '%s')", c->name);
		fa_sink_global(f, &v, c->n, what);
		free(what);
	}
}

/* A callee with a body somewhere in the analysed sources: its summary applied here. */
static struct taint summary_call(struct fa *f, const struct call *c, const struct sum *s)
{
	for (int i = 0; i < c->nargs; i++) {
		struct taint t = arg_seen(f, c, i);
		if ((s->keep >> i) & 1u)
			sink_call(f, &t, c->n, c->name, i, (s->keep_def >> i) & 1u,
			          "whose body keeps it beyond the call");
		if ((s->frees >> i) & 1u)
			sink_free(f, &c->targ[i], c->n, c->name, 0);
		if ((s->dies >> i) & 1u)
			fa_hold_freed(f, &c->targ[i]);
	}
	for (int j = 0; j < c->nargs; j++)
		if (s->into[j])
			apply_into(f, c, s, j);
	for (int j = 0; j < c->nargs; j++)
		if (s->out_arena[j])
			apply_out(f, c, s, j);
	struct taint r = taint_clean;
	for (int i = 0; i < c->nargs; i++)
		if ((s->ret >> i) & 1u) {
			struct taint t = c->targ[i];
			t.local = -1;
			r = taint_merge(r, t);
		}
	if (s->ret_arena == RA_SCOPE) {
		r = taint_merge(r, fa_scope_origin(f, s->ret_scope, c->n));
	} else if (s->ret_arena == RA_PARAM && s->ret_arena_param < c->nargs) {
		unsigned char kind;
		int id;
		fa_arena_of(f, c->argn[s->ret_arena_param], &kind, &id);
		r = taint_merge(r, taint_origin(kind, id, c->n));
	}
	return r;
}

struct taint fa_eval_call(struct fa *f, int n)
{
	const struct ast *a = f->a;
	const struct ast_node *x = &a->nodes[n];
	int callee = ast_call_callee(a, n);
	int cs = strip(a, callee);
	struct call c;
	eval_args(f, n, callee, cs, &c);
	int fdecl = x->decl >= 0 && a->decls[x->decl].kind == DK_FUNC ? x->decl : -1;
	struct taint site = taint_clean, r;
	int at_site;
	if (hot_call(f, &c, cs, fdecl, &site, &at_site))
		return site;
	const struct sum *s = fdecl >= 0 ? sums_find(f->sums, a->decls[fdecl].usr) : NULL;
	if (fa_glob_unsafe_call(f, fdecl, s, c.argn, c.nargs))
		fa_glob_flush(f);
	struct taint unknown = taint_clean;
	unknown.unk = 1;
	unknown.usite = n;
	if (!c.name || fdecl < 0)
		return unknown;
	if (known_call(f, &c, &r)) /* libc's malloc, getenv...: an object we know nothing of */
		return r.level ? r : taint_merge(r, unknown);
	if (!s)
		return unknown;
	r = summary_call(f, &c, s);
	if (s->ret_unk)
		r = taint_merge(r, unknown);
	fa_glob_apply(f, s, n, c.name, at_site ? &site : NULL);
	if (f->summarize && s->glob_copy)
		f->sum.glob_copy = 1;
	return at_site ? taint_merge(r, site) : r;
}
