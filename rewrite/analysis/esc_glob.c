/*
 * esc_glob: a global that holds scope memory only while the scope runs. A store of scope
 * memory into a global variable (the whole variable: `g = p`) is pending, not a finding: it
 * is one when the global still holds it where the scope's owner returns, or when a call that
 * may copy the global elsewhere runs while it does. A store of anything else into the global
 * (`g = NULL`) clears it on that path; the walk's path joins do the rest.
 *
 * Pending stores are state entries of the global's decl (so joins, loops and gotos carry them)
 * plus one record per store (struct pend in struct fa) for the finding's node and severity.
 * Only scope memory stored into a file-scope static whose address the unit never takes, in a
 * unit that starts no thread, is deferred (no other unit, pointer or thread can reach it): of the
 * scope arena this function owns (K_OWN, ARENA_SCOPE), or of a named hotspot scope owned by a
 * caller (K_SCOPE with sname), which a function leaves pending at its exit in its summary
 * (sum.globs), for the caller to apply at the call, in the rewriter's check of the scope (the lint
 * reports the store where it is made). The scope's owner has its body analysed whenever a name
 * refers to it, so the question is always answered there. Memory of a local arena_t or of an
 * unnamed scope is reported at once.
 *
 * A call may copy a pending global when it is through a pointer, when the callee's summary
 * says some global's value leaves it (sum.glob_copy), when it is a function of the program
 * whose body is not analysed, or when a library function gets a function pointer (a callback
 * may run). Internals in esc_int.h.
 */
#include "esc_int.h"
#include "mem.h"
#include "rules.h"

#include <stdlib.h>

/* Whether a signal handler (any function whose address the sources take, in a program that
 * installs handlers) may take a global's value out of the window in which it holds scope
 * memory: keep it, store it, return it, or hand it to the heap allocator, itself or through
 * what it calls (sum.glob_copy, sum.glob_free). A handler that only reads the memory reads it
 * while the arena is live: the global is cleared before the scope ends. */
static int handler_may_take(const struct fa *f)
{
	const struct esc_sums *s = f->sums;
	if (!s || !s->handlers)
		return 0;
	for (size_t i = 0; i < s->naddr; i++) {
		if (s->addr[i].system)
			continue;
		const struct sum *x = sums_body(s, s->addr[i].usr);
		if (!x || x->glob_copy || x->glob_free || x->jumps || x->jumps_via || x->jumps_home)
			return 1;
	}
	return 0;
}

static int deferrable(const struct taint *t)
{
	return t->level &&
	       ((t->kind == K_OWN && (t->arena == ARENA_SCOPE || t->arena == ARENA_REWRITE)) ||
	        (t->kind == K_SCOPE && t->sname));
}

static int is_global_var(const struct ast *a, int decl)
{
	return decl >= 0 && a->decls[decl].kind == DK_VAR && (a->decls[decl].flags & DF_GLOBAL);
}

static void pend_add(struct fa *f, int g, int node, const struct taint *t, const char *by)
{
	GROW(f->pend, f->npend, f->pend_cap);
	f->pend[f->npend++] = (struct pend){g, node, fa_severity(f, t), by};
	state_kill(&f->st, g, root_path());
	state_put(&f->st, g, root_path(), *t);
}

/* Whether the unit takes g's address anywhere (`&g`, or an operator spelled in a macro): then a
 * pointer may read or clear it behind the walk's back; or starts a thread, which may read it
 * while the scope runs. */
static int address_taken(const struct fa *f, int g)
{
	const struct ast *a = f->a;
	for (size_t n = 0; n < a->nnodes; n++) {
		const struct ast_node *x = &a->nodes[n];
		if (x->kind == AK_CALL && x->name &&
		    eff_has_callback(rules_find_effect(f->r, x->name), EC_THREAD))
			return 1;
		if (x->kind != AK_UNARY || (x->op && strcmp(x->op, "&")))
			continue;
		int c = strip(a, ast_first(a, (int)n));
		if (c >= 0 && a->nodes[c].kind == AK_DECLREF && a->nodes[c].decl == g)
			return 1;
	}
	return 0;
}

int fa_glob_store(struct fa *f, int g, int lhs, const struct taint *t, int node)
{
	const struct ast *a = f->a;
	int ls = strip(a, lhs);
	if (!is_global_var(a, g) || ls < 0 || a->nodes[ls].kind != AK_DECLREF ||
	    a->nodes[ls].tclass != TC_PTR)
		return 0;
	state_kill(&f->st, g, root_path());
	/* Only a file-scope static: no other unit can name it or take its address; and in a
	 * program whose signal handlers, which may read it between any two statements, take no
	 * global's value anywhere (handler_may_take). */
	if (!deferrable(t) || !(a->decls[g].flags & DF_STATIC) || address_taken(f, g) ||
	    handler_may_take(f))
		return 0;
	pend_add(f, g, node, t, NULL);
	return 1;
}

/* Whether a store into global g (the assignment's left side lhs) may stay pending: the whole
 * variable, a pointer, a file-scope static whose address this unit never takes, in a unit that
 * starts no thread. */
static int deferrable_var(const struct fa *f, int g, int lhs)
{
	const struct ast *a = f->a;
	int ls = strip(a, lhs);
	return is_global_var(a, g) && ls >= 0 && a->nodes[ls].kind == AK_DECLREF &&
	       a->nodes[ls].tclass == TC_PTR && (a->decls[g].flags & DF_STATIC) &&
	       !address_taken(f, g);
}

int fa_glob_param_store(struct fa *f, int g, int lhs, const struct taint *t)
{
	const struct ast *a = f->a;
	const char *usr = a->decls[g].usr;
	if (!f->summarize || !t->pder || t->level || !usr || !*usr || !deferrable_var(f, g, lhs) ||
	    (f->sum.pglob && strcmp(f->sum.pglob, usr)))
		return 0;
	state_kill(&f->st, g, root_path());
	if (!f->sum.pglob)
		f->sum.pglob = xstrdup(usr);
	f->sum.keep |= t->pder;
	f->sum.keep_glob |= t->pder;
	if (!f->cond)
		f->sum.keep_def |= t->pder;
	return 1;
}

int fa_glob_pend_param(struct fa *f, const char *usr, const struct taint *t, int node,
                       const char *by)
{
	const struct ast *a = f->a;
	if (!deferrable(t) || handler_may_take(f))
		return 0;
	for (size_t d = 0; d < a->ndecls; d++)
		if (is_global_var(a, (int)d) && a->decls[d].usr && !strcmp(a->decls[d].usr, usr)) {
			if (!(a->decls[d].flags & DF_STATIC) || address_taken(f, (int)d))
				return 0;
			pend_add(f, (int)d, node, t, by);
			return 1;
		}
	return 0;
}

/* The findings of the pending stores into g. */
static void report(struct fa *f, int g, const struct taint *t, const char *when)
{
	const struct ast_decl *d = &f->a->decls[g];
	for (size_t i = 0; i < f->npend; i++) {
		const struct pend *p = &f->pend[i];
		if (p->g != g)
			continue;
		char *m = p->by
		              ? xasprintf("arena memory stored in '%s' by '%s' and still there %s, "
		                          "which outlives the arena",
		                          d->name, p->by, when)
		              : xasprintf("arena memory stored in '%s' (static storage), which "
		                          "outlives the arena",
		                          d->name);
		fa_report(f, ESC_GLOBAL, p->sev, p->node, t, m);
		free(m);
	}
}

static int summary_lists(const struct fa *f, const char *usr)
{
	int d = f->a->nodes[f->fn].decl;
	const struct sum *me = d >= 0 ? sums_find(f->sums, f->a->decls[d].usr) : NULL;
	for (size_t k = 0; me && usr && k < me->nglobs; k++)
		if (!strcmp(me->globs[k], usr))
			return 1;
	return 0;
}

void fa_glob_exit(struct fa *f)
{
	if (f->st.dead)
		return;
	const struct ast *a = f->a;
	for (size_t i = 0; i < f->st.n; i++) {
		const struct ent *e = &f->st.v[i];
		if (!is_global_var(a, e->decl) || !e->t.level)
			continue;
		const char *usr = a->decls[e->decl].usr;
		/* A caller's scope: the caller answers, from the summary, when this is the hotspot
		 * of that scope and the summary says so; a scope's owner answers itself. */
		if (e->t.kind == K_OWN ||
		    (f->report && !(f->sitemap && f->scope && summary_lists(f, usr)))) {
			report(f, e->decl, &e->t, "when the scope ends");
			continue;
		}
		if (!f->summarize || !usr || !*usr)
			continue;
		size_t k = 0;
		while (k < f->sum.nglobs && strcmp(f->sum.globs[k], usr))
			k++;
		if (k < f->sum.nglobs)
			continue;
		GROW(f->sum.globs, f->sum.nglobs, f->sum.globs_cap);
		f->sum.globs[f->sum.nglobs++] = xstrdup(usr);
		if (!f->sum.glob_scope)
			f->sum.glob_scope = xstrdup(e->t.sname);
	}
}

static void flush(struct fa *f, const char *when)
{
	const struct ast *a = f->a;
	for (size_t i = 0; i < f->st.n; i++) {
		struct ent *e = &f->st.v[i];
		if (!is_global_var(a, e->decl) || !e->t.level)
			continue;
		report(f, e->decl, &e->t, when);
		e->t = taint_clean;
	}
}

void fa_glob_flush(struct fa *f)
{
	flush(f, "at a call that may copy it");
}

void fa_glob_jump(struct fa *f)
{
	flush(f, "at a longjmp back into this function, whose setjmp's path the walk does not "
	         "follow");
}

int fa_glob_unsafe_call(struct fa *f, int fdecl, const struct sum *s, const int *argn, int nargs)
{
	if (fdecl < 0)
		return 1;
	if (s)
		return s->glob_copy;
	/* a function of the program whose body is not analysed */
	if (!(f->a->decls[fdecl].flags & DF_SYSTEM))
		return 1;
	for (int i = 0; i < nargs; i++) {
		int x = strip(f->a, argn[i]);
		if (x >= 0 &&
		    (f->a->nodes[x].tclass == TC_FUNCPTR || f->a->nodes[x].tclass == TC_FUNC))
			return 1;
	}
	return 0;
}

void fa_glob_apply(struct fa *f, const struct sum *s, int call, const char *callee,
                   const struct taint *site)
{
	const struct ast *a = f->a;
	if (f->report && !f->sitemap)
		return; /* the lint: the callee reported its store */
	for (size_t k = 0; k < s->nglobs; k++) {
		/* At a site of the rewrite, the memory is the site's (this scope's, whichever of
		 * the hotspot's scopes the summary names). */
		struct taint t = site ? *site : fa_scope_origin(f, s->glob_scope, call);
		t.level = L_MAYBE;
		size_t d = 0;
		while (d < a->ndecls && !(is_global_var(a, (int)d) && a->decls[d].usr &&
		                          !strcmp(a->decls[d].usr, s->globs[k])))
			d++;
		/* A static of another unit is out of sight here: a finding now. */
		if (d < a->ndecls && deferrable(&t))
			pend_add(f, (int)d, call, &t, callee);
		else
			fa_sink_global(f, &t, call, d < a->ndecls ? a->decls[d].name : "a global");
	}
}

/* The value of global g as read here: its pending scope memory, if any. */
struct taint fa_glob_read(struct fa *f, int g)
{
	struct taint r = taint_clean;
	r.glob = 1;
	const struct ent *e = state_find(&f->st, g, root_path());
	if (e && e->t.level) {
		r = taint_merge(r, e->t);
		r.local = -1;
	}
	return r;
}
