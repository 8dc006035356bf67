/*
 * esc_sink: where arena memory may outlive its arena: the sinks that report escapes (a global,
 * a return, a keeping callee, the heap allocator, an operation the analysis does not know, a
 * store through a pointer), what the summary records at each for the callers (kept
 * parameters and why), and the holds: stores whose verdict waits for a free before the
 * function returns. Internals in esc_int.h.
 */
#include "esc_int.h"
#include "mem.h"
#include "rules.h"

#include <stdlib.h>

/* "file.c:12" of node n, for the texts a summary carries to its callers. */
char *fa_place(const struct fa *f, int n)
{
	const struct ast *a = f->a;
	const struct ast_node *x = &a->nodes[n];
	const char *path = x->file >= 0 ? a->files[x->file].path : a->main_file;
	const char *base = strrchr(path, '/');
	return xasprintf("%s:%u", base ? base + 1 : path, x->line);
}

void fa_sum_keep(struct fa *f, uint32_t mask, int definite, int unknown, int node, const char *what,
                 const char *how)
{
	if (!f->summarize || !mask)
		return;
	f->sum.keep |= mask;
	f->sum.keep_other |= mask;
	if (definite && !f->cond)
		f->sum.keep_def |= mask;
	if (unknown)
		f->sum.keep_unknown |= mask;
	for (int j = 0; what && j < MAXP; j++)
		if (((mask >> j) & 1u) && !f->sum.why[j]) {
			char *at = fa_place(f, node);
			f->sum.why[j] =
			    xasprintf("%s (%s)%s%s", what, at, how ? ", " : "", how ? how : "");
			free(at);
		}
}

/* Whether t is memory of an arena that this function's exits, or its scope's, free. */
static int arena_own(const struct taint *t)
{
	return t->level && (t->kind == K_OWN || t->kind == K_SCOPE);
}

/* Whether t is memory a hotspot's own allocation made (not a callee's): its own check refuses
 * the hotspot for the escape, and a refused hotspot allocates from the heap. */
static int own_site(const struct fa *f, const struct taint *t)
{
	const struct ast *a = f->a;
	if (!f->hot || t->site < 0 || a->nodes[t->site].kind != AK_CALL)
		return 0;
	const char *name = a->nodes[t->site].name;
	return name && rules_find_alloc(f->r, name) != NULL;
}

/* Memory of a caller's scope escaping in this body: the summary tells the scope's check. So
 * does scope memory of an arena this body pushes by hand (a scratch region, a scope a previous
 * run wrote): a hotspot reached while it is innermost allocates from it, not from the scope
 * the hotspot names. */
static void scope_esc(struct fa *f, enum esc_rule rule, const struct taint *t, int node,
                      const char *msg)
{
	int pushed = f->pushes && t->kind == K_OWN && t->arena == ARENA_SCOPE;
	if (!f->summarize || !t->level || (t->kind != K_SCOPE && !pushed) || f->sum.scope_esc ||
	    own_site(f, t))
		return;
	char *at = fa_place(f, node);
	f->sum.scope_esc = xasprintf("in '%s' (%s): %s", f->fname ? f->fname : "?", at, msg);
	f->sum.scope_esc_name = t->sname ? xstrdup(t->sname) : NULL;
	f->sum.scope_esc_rule = (unsigned char)rule;
	free(at);
}

/* A finding, and the summary's record of it when it is a caller's scope memory. */
void fa_escape(struct fa *f, enum esc_rule rule, int sev, int node, const struct taint *t,
               const char *msg)
{
	scope_esc(f, rule, t, node, msg);
	fa_report(f, rule, sev, node, t, msg);
}

void fa_sink_global(struct fa *f, const struct taint *t, int node, const char *what)
{
	fa_sum_keep(f, t->pder | (t->num ? 0 : t->preach), 1, 0, node,
	            "stores it in static storage", NULL);
	if (!arena_own(t))
		return;
	char *m = t->hid ? xasprintf("an arena pointer hidden in an integer stored in %s, which "
	                             "outlives the arena",
	                             what)
	                 : xasprintf("arena memory stored in %s, which outlives the arena", what);
	fa_escape(f, t->hid ? ESC_HIDDEN : ESC_GLOBAL, fa_severity(f, t), node, t, m);
	free(m);
}

void fa_sink_return(struct fa *f, const struct taint *t, int node)
{
	if (f->summarize && t->glob)
		f->sum.glob_copy = 1;
	if (t->level && t->hid && (t->kind == K_OWN || t->kind == K_SCOPE)) {
		fa_escape(f, ESC_HIDDEN, fa_severity(f, t), node, t,
		          "an arena pointer hidden in an integer is returned: the caller cannot be "
		          "followed");
		return;
	}
	if (!t->level || t->kind != K_OWN)
		return;
	char *m = f->hot && !f->scope && t->arena == ARENA_REWRITE
	              ? xasprintf("'%s' returns memory from the arena a rewrite gives it, "
	                          "which is freed when it returns",
	                          f->fname)
	              : xasprintf("'%s' returns memory from its own arena, which is freed "
	                          "when it returns",
	                          f->fname);
	fa_escape(f, ESC_RETURN, fa_severity(f, t), node, t, m);
	free(m);
}

/*
 * Arena memory t kept beyond the call by callee (argument k): `how` says by what. Memory of
 * this function's own arena that the function frees itself before every exit, as the original
 * did, is no escape: the original's object died there too (strtok's saved position into a
 * copy freed at the end); the verdict waits for that free (a hold).
 */
void fa_sink_call(struct fa *f, const struct taint *t, int node, const char *callee, int k,
                  int definite, enum esc_rule rule, const char *how)
{
	if (f->summarize && t->glob)
		f->sum.glob_copy = 1;
	char *what = xasprintf("passes it to '%s'", callee);
	fa_sum_keep(f, t->pder | (t->num ? 0 : t->preach), definite, rule == ESC_UNKNOWN, node,
	            what, how);
	free(what);
	if (!arena_own(t))
		return;
	char *m = xasprintf("arena memory passed to '%s' (argument %d), %s", callee, k + 1, how);
	int sev = definite ? fa_severity(f, t) : ESC_WARNING;
	if (t->level == L_DEF && t->kind == K_OWN && t->site >= 0 && !t->unk && !f->summarize &&
	    rule == ESC_CALL) {
		GROW(f->holds, f->nholds, f->holds_cap);
		f->holds[f->nholds++] = (struct hold){-1, t->site, node, sev, rule, *t, m, 0};
		return;
	}
	fa_escape(f, rule, sev, node, t, m);
	free(m);
}

void fa_sink_heap(struct fa *f, const struct taint *t, int node, const char *callee, int arg,
                  const char *how)
{
	if (f->summarize && t->pder)
		f->sum.frees |= t->pder;
	if (f->summarize)
		f->sum.frees_reach |= t->preach & ~t->pder;
	if (f->summarize && t->glob)
		f->sum.glob_free = 1;
	/* Memory of a hotspot's scope is heap memory wherever no scope is active, and every
	 * function reachable from a scope gets ownership-aware frees in the rewrite; a library
	 * function (how: what the effects table says it does) is never rewritten, and scope
	 * memory it surely gets is an escape (one that only may be scope memory, as every pointer
	 * read out of arena memory may be, is not: a locale duplocale made, kept in a tokener). */
	if ((t->kind == K_SCOPE && t->sname && (!how || t->level != L_DEF)) || !t->level)
		return;
	char *m = arg < 0 ? esc_text_with(callee, "() of arena memory, which the heap allocator "
	                                          "does not own (use {free} or {realloc}, or copy "
	                                          "it out with {clone})")
	          : !how  ? xasprintf("arena memory passed to '%s', which hands it to free() or "
	                               "realloc()",
	                              callee)
	                  : xasprintf("arena memory passed to '%s' (argument %d), %s", callee,
	                              arg + 1, how);
	/* arena_cur_* memory is heap memory where no scope is active: a warning. */
	int sev = t->level == L_DEF && (t->kind != K_SCOPE || how) ? ESC_ERROR : ESC_WARNING;
	fa_escape(f, ESC_HEAP_FREE, sev, node, t, m);
	free(m);
}

void fa_under(struct fa *f, const struct taint *pt, int node, const char *by)
{
	if (!pt->under)
		return;
	if (f->summarize)
		f->sum.under |= pt->pder | pt->preach;
	if (!arena_own(pt) && !(pt->level && pt->kind == K_SCOPE))
		return;
	char *m =
	    by ? xasprintf("arena memory passed to '%s', whose body reaches before the start "
	                   "of it (a size prefix, a heap header), which arena memory does not "
	                   "have",
	                   by)
	       : xstrdup("a pointer before the start of arena memory (a size prefix, a heap "
	                 "header), which arena memory does not have");
	fa_escape(f, ESC_HEAP_FREE, fa_severity(f, pt), node, pt, m);
	free(m);
}

void fa_jump(struct fa *f, const struct taint *env, int node, const char *callee, const char *chain)
{
	for (size_t i = 0; env->local >= 0 && i < f->njmpbufs; i++)
		if (f->jmpbufs[i] == env->local) {
			fa_glob_jump(f);
			return; /* back into this function, whose arena is still live */
		}
	uint32_t via = env->pder | env->preach;
	int caller = via && !env->level && !env->glob && !env->unk && env->local < 0;
	if (f->summarize) {
		char **why = caller ? &f->sum.jumps_via_why : &f->sum.jumps;
		if (caller)
			f->sum.jumps_via |= via;
		if (!*why) {
			char *at = fa_place(f, node);
			*why = chain ? xasprintf("'%s' at %s, %s", callee, at, chain)
			             : xasprintf("'%s' at %s", callee, at);
			free(at);
		}
		return;
	}
	if (!f->owns_arena)
		return;
	char *m = chain ? xasprintf("'%s' may leave this function without returning (through %s) "
	                            "while its arena is live",
	                            callee, chain)
	                : xasprintf("'%s' leaves this function without returning while its arena "
	                            "is live",
	                            callee);
	fa_report(f, ESC_NONLOCAL, ESC_ERROR, node, NULL, m);
	free(m);
}

void fa_expose(struct fa *f, int decl)
{
	for (size_t i = 0; i < f->nexposed; i++)
		if (f->exposed[i] == decl)
			return;
	GROW(f->exposed, f->nexposed, f->exposed_cap);
	f->exposed[f->nexposed++] = decl;
}

/* A store through a pointer to local `decl` (`*&x = v`, a callee filling `&x`): a weak update
 * of the whole variable. */
void fa_add_to_local(struct fa *f, int decl, struct taint v)
{
	v.moved = 1; /* a callee growing a buffer may leave a cursor anywhere in it */
	struct ent *e = state_find(&f->st, decl, root_path());
	if (e) {
		unsigned char hid = e->t.hid | v.hid;
		e->t = taint_merge(e->t, v);
		e->t.hid = hid;
	} else if (!taint_empty(&v))
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

/* This function's own arena memory stored into memory of a longer-lived arena: a caller's (a
 * parameter's arena, a caller's scope). The node outlives the string it now points to. */
static void other_arena(struct fa *f, const struct taint *pt, const struct taint *v, int node,
                        const char *by)
{
	const char *whose = pt->kind == K_SCOPE ? "the caller's scope arena" : "a caller's arena";
	char *m =
	    by ? xasprintf("arena memory passed to '%s', whose body stores it into memory of "
	                   "%s, which outlives this one",
	                   by, whose)
	       : xasprintf("arena memory stored into memory of %s, which outlives this one", whose);
	fa_escape(f, by ? ESC_CALL : ESC_PARAM, fa_severity(f, v), node, v, m);
	free(m);
}

/*
 * Value v stored through a pointer with value pt (`p->f = v`, or a callee `by` doing it, NULL:
 * here). Where the pointer leads decides: a local (followed), a parameter's memory (the
 * caller's, an escape for own memory), a global's, memory of unknown origin (a hold), arena
 * memory itself. An arena pointer hidden in an integer is lost wherever it goes but a local.
 */
void fa_store_through(struct fa *f, const struct taint *pt, const struct taint *v, int node,
                      const char *by)
{
	fa_store_field(f, pt, v, node, by, NULL);
}

void fa_store_field(struct fa *f, const struct taint *pt, const struct taint *v, int node,
                    const char *by, const char *field)
{
	if (!by)
		fa_under(f, pt, node, NULL);
	fa_mem_store(f, pt, v, field);
	if (f->summarize && v->glob &&
	    (pt->local < 0 || pt->level || pt->glob || pt->pder | pt->preach))
		f->sum.glob_copy = 1;
	uint32_t ps = pt->pder | pt->preach;
	int local = pt->local >= 0 && !pt->level && !pt->glob && !ps && !pt->unk;
	if (v->unk && v->usite >= 0 && pt->unk && pt->usite >= 0 && v->usite != pt->usite) {
		GROW(f->links, f->nlinks, f->links_cap);
		f->links[f->nlinks][0] = v->usite;
		f->links[f->nlinks][1] = pt->usite;
		f->nlinks++;
	}
	if (f->summarize && !local)
		f->sum.stored |= v->pder | (v->num ? 0 : v->preach);
	if (v->local >= 0 && !local)
		fa_expose(f, v->local);
	/* a node that boxes a caller's pointer, linked into the caller's own structure through a
	 * parameter (splice(c) { h->next = c->next; c->next = h; }): it lives and dies with that
	 * structure, as the pointer does; a structure that outlives the arena (a global dict
	 * passed in) is the caller's to judge, as if the pointer were stored there itself */
	for (size_t i = 0; ps && v->unk && v->usite >= 0 && i < f->nholds; i++)
		if (f->holds[i].usite == v->usite && !f->holds[i].msg) {
			f->holds[i].gone =
			    1; /* but what it boxes is stored there, for the callers */
			uint32_t boxed = f->holds[i].t.pder | f->holds[i].t.preach;
			for (int q = 0; f->summarize && q < MAXP; q++)
				if ((ps >> q) & 1u)
					f->sum.into[q] |= boxed;
		}
	if (ps && f->summarize) {
		if (v->glob)
			f->sum.out_glob |= ps;
		for (int q = 0; q < MAXP; q++)
			if (((ps >> q) & 1u) && v->num) {
				f->sum.into[q] |= v->pder;
				f->sum.into_bytes[q] |= v->preach;
			} else if ((ps >> q) & 1u) {
				f->sum.into[q] |= v->pder | v->preach;
			}
		fa_sum_out(f, pt->pder | pt->preach, v);
	}
	/* the callers' arguments made numbers or text here: kept, as their own would be (below) */
	if (v->hid && !local && !ps)
		fa_sum_keep(f, v->pder | (v->num ? 0 : v->preach), 1, 0, node,
		            "stores it in memory as a number or as text", NULL);
	if (v->hid && arena_own(v) && !local) {
		char *m =
		    by ? xasprintf("an arena pointer hidden in an integer passed to '%s', whose "
		                   "body stores it in memory",
		                   by)
		       : xstrdup("an arena pointer hidden in an integer stored in memory: "
		                 "it can no longer be followed");
		fa_escape(f, ESC_HIDDEN, fa_severity(f, v), node, v, m);
		free(m);
		return;
	}
	/* Into arena memory itself, or an object it holds. That it may also be an object of
	 * unknown origin weighs for this function's own memory (the store waits for that object's
	 * free); a caller's scope memory in an object that is arena memory on some path is most
	 * often the scope's own tree, and an unknown object on every path is caught below. */
	if (pt->level) {
		if (pt->unk && v->kind == K_OWN)
			fa_sink_object(f, pt, v, node, by);
		else if (pt->level == L_DEF && v->level && v->kind == K_OWN &&
		         (pt->kind == K_PARAM || pt->kind == K_SCOPE))
			other_arena(f, pt, v, node, by);
		return;
	}
	if (ps) {
		if (v->level && v->kind == K_OWN) {
			char *m =
			    by ? xasprintf("arena memory passed to '%s', whose body stores it "
			                   "through parameter '%s', which outlives the arena",
			                   by, fa_param_name(f, ps))
			       : xasprintf("arena memory stored through parameter '%s', which "
			                   "outlives the arena",
			                   fa_param_name(f, ps));
			fa_report(f, by ? ESC_CALL : ESC_PARAM, fa_severity(f, v), node, v, m);
			free(m);
		}
	} else if (pt->glob) {
		char *what = by ? xasprintf("memory reached through a global (by '%s')", by)
		                : xstrdup("memory reached through a global");
		fa_sink_global(f, v, node, what);
		free(what);
	} else if (pt->local >= 0) {
		fa_add_to_local(f, pt->local, *v);
	} else if (pt->unk) {
		fa_sink_object(f, pt, v, node, by);
	}
}

/*
 * Memory of this function's own arena stored (by callee `by`, or here when NULL) into memory
 * the function neither owns nor names: an object a callee returned or one read through a
 * pointer. Nothing tells how long that object lives (it may be returned, kept in a registry,
 * freed later by plain free), unless the function frees it before any exit: an object one call
 * made waits for that (tear_kept_heap's `chain_free(root)`); any other is a finding now.
 * Memory of a caller's scope stored so is the caller's question (scope_esc), asked the same way.
 */
static const char obj_keep[] = "stores it into an object of unknown origin (a fresh heap node, "
                               "one a call returned)";

void fa_sink_object(struct fa *f, const struct taint *pt, const struct taint *t, int node,
                    const char *by)
{
	/* a caller's pointer boxed in a heap node (redis's listAddNodeHead, a deferred-free
	 * list's entry): kept, unless the node is freed before every exit or returned (then the
	 * caller holds it: sum.ret_holds) */
	uint32_t mask = t->pder | (t->num ? 0 : t->preach);
	if (f->summarize && !t->level && !t->hid && mask) { /* hidden: kept already */
		if (pt->usite < 0) {
			fa_sum_keep(f, mask, 1, 0, node, obj_keep, NULL);
		} else {
			GROW(f->holds, f->nholds, f->holds_cap);
			f->holds[f->nholds++] =
			    (struct hold){pt->usite, -1, node, ESC_WARNING, ESC_PARAM, *t, NULL, 0};
		}
	}
	if (!arena_own(t))
		return;
	char *m = by ? xasprintf("arena memory passed to '%s', whose body stores it into memory "
	                         "this function did not allocate, which may outlive the arena",
	                         by)
	             : xstrdup("arena memory stored into memory this function did not allocate "
	                       "(returned by a call or read through a pointer), which may outlive "
	                       "the arena");
	if (pt->usite < 0) {
		fa_escape(f, ESC_PARAM, fa_severity(f, t), node, t, m);
		free(m);
		return;
	}
	GROW(f->holds, f->nholds, f->holds_cap);
	f->holds[f->nholds++] =
	    (struct hold){pt->usite, -1, node, fa_severity(f, t), ESC_PARAM, *t, m, 0};
}

/* The object t points to is freed here: on this path (the summary's dies: every path), and
 * the stores waiting for it (holds) are no escape when it is not in a branch. */
/* Whether object u (a call's) is linked, through the links, under object top. */
static int linked_under(const struct fa *f, int u, int top)
{
	for (int depth = 0; u != top && depth < 64; depth++) {
		size_t i = 0;
		while (i < f->nlinks && f->links[i][0] != u)
			i++;
		if (i == f->nlinks)
			return 0;
		u = f->links[i][1];
	}
	return u == top;
}

void fa_hold_freed(struct fa *f, const struct taint *t, int deep)
{
	f->st.freed |= t->pder;
	/* a loop variable that walked a parameter's chain (the parameter, then what it links) */
	f->st.freed_deep |= deep ? t->pder | t->preach : t->pder & t->preach;
	for (size_t i = 0; i < f->nholds; i++) {
		struct hold *h = &f->holds[i];
		int gone = (t->unk && t->usite >= 0 &&
		            (h->usite == t->usite ||
		             (deep && h->usite >= 0 && linked_under(f, h->usite, t->usite)))) ||
		           (h->site >= 0 && t->level == L_DEF && t->site == h->site);
		if (gone && i < 64)
			f->st.hfreed |= 1ull << i;
		else if (gone && !f->cond)
			h->gone = 1;
	}
}

void fa_hold_exit(struct fa *f, const struct taint *ret)
{
	if (f->st.dead)
		return;
	f->exit_freed = f->exits_seen ? f->exit_freed & f->st.freed : f->st.freed;
	f->exit_freed_deep =
	    f->exits_seen ? f->exit_freed_deep & f->st.freed_deep : f->st.freed_deep;
	f->exits_seen = 1;
	for (size_t i = 0; i < f->nholds; i++) {
		const struct hold *h = &f->holds[i];
		if (h->gone || (i < 64 && ((f->st.hfreed >> i) & 1u)))
			continue;
		if (!h->msg) { /* a parameter boxed in a node: returned with it, or kept */
			uint32_t mask = h->t.pder | (h->t.num ? 0 : h->t.preach);
			if (ret && ret->unk && (ret->usite == h->usite || ret->usite == -2))
				f->sum.ret_holds |= mask;
			else
				fa_sum_keep(f, mask, 1, 0, h->node, obj_keep, NULL);
			continue;
		}
		fa_escape(f, h->rule, h->sev, h->node, &h->t, h->msg);
	}
}
