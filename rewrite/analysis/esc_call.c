/*
 * esc_call: what a call does to arena memory: the runtime's functions (rules/rtapi.h), the
 * allocator family of the rules, the callees' summaries, and calls through pointers bound to
 * the functions they may reach. Calls of functions without a body go to esc_eff.c (the effects
 * table, or default deny). Internals in esc_int.h.
 */
#include "esc_int.h"
#include "mem.h"
#include "rtapi.h"
#include "rules.h"

#include <stdlib.h>

/* The arena an expression like `&a`, `h`, `&s.arena` or `a` (a parameter) designates. */
/* The local arena a local pointer v always names: initialised with `&a` and never assigned
 * again in the function (no `=`, no compound assignment, no address taken), else -1. */
static int alias_of_local(const struct fa *f, int v)
{
	const struct ast *a = f->a;
	const struct ast_decl *d = &a->decls[v];
	if (d->kind != DK_VAR || !(d->flags & DF_LOCAL) || d->node < 0 || d->tclass != TC_PTR)
		return -1;
	int init = strip(a, ast_last(a, d->node));
	if (init < 0 || a->nodes[init].kind != AK_UNARY || !is_op(&a->nodes[init], "&"))
		return -1;
	int b = strip(a, ast_first(a, init));
	if (b < 0 || a->nodes[b].kind != AK_DECLREF || a->nodes[b].decl < 0 ||
	    !(a->decls[a->nodes[b].decl].flags & DF_LOCAL) || !a->decls[a->nodes[b].decl].type ||
	    strcmp(a->decls[a->nodes[b].decl].type, rtapi_arena_type()))
		return -1;
	int end = f->fn + a->nodes[f->fn].size;
	for (int n = f->fn + 1; n <= end; n++) {
		const struct ast_node *x = &a->nodes[n];
		if (x->kind != AK_DECLREF || x->decl != v || x->parent < 0)
			continue;
		const struct ast_node *p = &a->nodes[x->parent];
		int first = ast_first(a, x->parent) == n;
		if ((p->kind == AK_BINARY && is_op(p, "=") && first) || p->kind == AK_ASSIGNOP ||
		    (p->kind == AK_UNARY && (is_op(p, "&") || is_op(p, "++") || is_op(p, "--"))))
			return -1;
	}
	return a->nodes[b].decl;
}

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
		int alias = alias_of_local(f, x->decl);
		if (alias >= 0) { /* arena_t *ap = &a; arena_release(ap) */
			*kind = K_OWN;
			*id = alias;
			return;
		}
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

int fa_is_site(struct fa *f, int call)
{
	if (f->sitemap)
		return f->sitemap[call - f->fn];
	return 0;
}

/* Local arena id gives back, at node n, what it gave out after node `after` (-1: all of it):
 * those values are stale, in locals and in memory (a longer-lived arena's node given a string of
 * this one); with `pushed`, so is what the scope allocations made while it was pushed, a
 * hotspot's among them, gave out. */
static void mark_stale(struct fa *f, int id, int after, int pushed, int n)
{
	for (size_t i = 0; i < f->st.n + f->nmemf; i++) {
		struct taint *t = i < f->st.n ? &f->st.v[i].t : &f->memf[i - f->st.n].t;
		if (t->level && t->kind == K_OWN &&
		    ((t->arena == id && (after < 0 || t->site > after)) ||
		     (pushed && t->arena == ARENA_SCOPE))) {
			t->stale = L_DEF;
			t->rel = n;
		}
	}
}

/* Local arena id is released at node n (a release, a reset, its cleanup). */
static void released(struct fa *f, int id, int n)
{
	int pushed = 0;
	for (size_t i = 0; i < f->npushed; i++)
		pushed |= f->pushed[i] == id;
	mark_stale(f, id, -1, pushed, n);
}

/* A rewind of local arena id at node n: what it gave out after the last mark saved before n
 * (in the order of the source) is stale; what it gave out before the mark stays. */
static void rewound(struct fa *f, int id, int n)
{
	const struct ast *a = f->a;
	int save = -1;
	for (int k = f->fn + 1; k < n; k++) {
		const struct ast_node *x = &a->nodes[k];
		if (x->kind != AK_CALL || !x->name)
			continue;
		const struct rt_func *rf = rtapi_find(x->name);
		const struct sum *s = !rf && x->decl >= 0 && a->decls[x->decl].kind == DK_FUNC
		                          ? sums_body(f->sums, a->decls[x->decl].usr)
		                          : NULL;
		uint32_t marks = rf && rf->role == RT_MARK ? 1u : s ? s->arena_mark : 0;
		for (int j = 0; marks >> j && j < MAXP; j++) {
			unsigned char kind;
			int sid;
			if (!((marks >> j) & 1u))
				continue;
			fa_arena_of(f, ast_call_arg(a, k, j), &kind, &sid);
			if (kind == K_OWN && sid == id)
				save = k;
		}
	}
	if (save >= 0)
		mark_stale(f, id, save, 0, n);
}

/* arena_free(p) of local p holding this function's arena memory: in malloc mode the object is
 * gone, so a later use of p is one after a free (the arena's other values stay). */
static void freed_local(struct fa *f, int e, const struct taint *t, int n)
{
	const struct ast *a = f->a;
	e = strip(a, e);
	if (e < 0 || a->nodes[e].kind != AK_DECLREF || a->nodes[e].decl < 0 ||
	    !(a->decls[a->nodes[e].decl].flags & DF_LOCAL) || t->level != L_DEF || t->kind != K_OWN)
		return;
	struct ent *en = state_find(&f->st, a->nodes[e].decl, root_path());
	if (en && en->t.level) {
		en->t.stale = L_DEF;
		en->t.rel = n;
	}
}

/* What a release, rewind or mark at node n does to the arena expression e names: a local's
 * values go stale; a parameter's arena is the callers' to judge (sum.arena_*). */
static void arena_op(struct fa *f, enum rt_role role, int e, int n)
{
	unsigned char kind;
	int id;
	fa_arena_of(f, e, &kind, &id);
	if (kind == K_PARAM && f->summarize && id < MAXP) {
		uint32_t *m = role == RT_MARK     ? &f->sum.arena_mark
		              : role == RT_REWIND ? &f->sum.arena_rewind
		                                  : &f->sum.arena_rel;
		*m |= 1u << id;
	}
	if (kind != K_OWN || role == RT_MARK)
		return;
	if (role == RT_REWIND)
		rewound(f, id, n);
	else
		released(f, id, n);
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
		if (rf->arena_arg < 0 || rf->arena_arg >= nargs || argn[rf->arena_arg] < 0)
			kind = K_FOREIGN; /* reached through a pointer: an arena the walk cannot
			                     name */
		return taint_origin(kind, id, n);
	case RT_CUR_ALLOC:
		/* In a scoped hotspot a previous run rewrote, the memory is its scope's, as the
		 * allocation it replaced was: a second run sees what the first saw. */
		return fa_scope_origin(f, f->scope, n);
	case RT_RELEASE:
	case RT_DESTROY:
	case RT_REWIND:
	case RT_MARK:
		if (rf->arena_arg >= 0 && rf->arena_arg < nargs && argn[rf->arena_arg] >= 0)
			arena_op(f, rf->role, argn[rf->arena_arg], n);
		return taint_clean;
	case RT_RESIZE_ANY:
		return rf->ptr_arg >= 0 && rf->ptr_arg < nargs ? targ[rf->ptr_arg] : taint_clean;
	case RT_FREE:
		if (rf->ptr_arg >= 0 && rf->ptr_arg < nargs) {
			fa_hold_freed(f, &targ[rf->ptr_arg], 0);
			freed_local(f, argn[rf->ptr_arg], &targ[rf->ptr_arg], n);
		}
		return taint_clean;
	default:
		return taint_clean;
	}
}

struct taint fa_arg_seen(struct fa *f, const struct call *c, int i)
{
	struct taint t = c->targ[i];
	if (t.local >= 0)
		t = taint_merge(t, state_get(&f->st, t.local, root_path(), 1));
	return t;
}

struct taint fa_arg_reach(struct fa *f, const struct call *c, int i)
{
	struct taint t = fa_arg_seen(f, c, i);
	/* Memory no local names may hold arena memory this walk stored there (f->mem), or that
	 * waits in an object of unknown origin (a hold): a callee given a pointer there reaches it.
	 */
	if (f->mem.level && (t.level || t.unk || t.glob || t.pder || t.preach)) {
		struct taint m = f->mem;
		m.level = L_MAYBE;
		m.local = -1;
		t = taint_merge(t, m);
	}
	for (size_t k = 0; t.unk && t.usite >= 0 && k < f->nholds; k++)
		if (f->holds[k].usite == t.usite) {
			struct taint h = f->holds[k].t;
			h.level = L_MAYBE;
			t = taint_merge(t, h);
		}
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
		/* a callee handed &cursor may move the cursor (a buffer grown behind it) */
		for (size_t i = 0; t.local >= 0 && i < f->st.n; i++)
			if (f->st.v[i].decl == t.local)
				f->st.v[i].t.moved = 1;
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
 * scope memory it stores through an out-parameter): 1 when the site's memory is also its
 * value, 2 when the value is a number or nothing (then only its stores hold that memory).
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
		    !sums_body(f->sums, a->decls[fdecl].usr))
			return 1;
		/* A scoped hotspot that returns a number or nothing (a digit sum of a copy) hands
		 * out no memory by its result: its summary says what the value is, a pointer hidden
		 * in a number included (its own check refuses that). What it stores in globals is
		 * still the site's memory. */
		unsigned char tc = x->tclass;
		*at_site = tc == TC_INT || tc == TC_FLOAT || tc == TC_VOID ? 2 : 1;
		return 0;
	}
	if (!f->hot)
		return 0;
	if (fdecl >= 0 && c->name)
		ra = rules_find_alloc(f->r, c->name);
	else if (cs >= 0 && a->nodes[cs].kind == AK_MEMBER && a->nodes[cs].name)
		ra = rules_find_field(f->r, a->nodes[cs].name);
	size_t mh[8], mp[8];
	int nm = (x->flags & AF_MACRO) ? ast_macro_callee_toks(a, c->n, mh, mp, 8) : 0;
	/* spelled by a project macro: its definition is rewritten (plan_macro.c) */
	if (!ra || ((x->flags & AF_MACRO) && (nm <= 0 || nm > 8)))
		return 0;
	/* A hotspot's free of its own memory becomes the arena's: what a callee kept of that
	 * object (strtok's saved position) dangles after it in the original too. */
	if (ra->kind == RK_FREE && c->nargs > 0)
		fa_hold_freed(f, &c->targ[0], 0);
	*site = ra->kind == RK_FREE ? taint_clean
	        : f->scope          ? fa_scope_origin(f, f->scope, c->n)
	                            : taint_origin(K_OWN, ARENA_REWRITE, c->n);
	return 1;
}

/*
 * A call of an allocator-family member of the rules (by name, or through a hook field it
 * names) outside a hotspot's rewrite: plain free() and realloc() of arena memory corrupt the
 * heap unless the rewrite makes them ownership-aware; the others make a heap object. Returns 1
 * with the call's value in *r.
 */
/* A duplicate holds what its source held: a memdup's bytes, pointers among them; a strdup's
 * characters, which may spell a pointer ("%p" text). The new object is of unknown origin to
 * the analysis, so what it holds is followed as stored there. */
static void dup_into(struct fa *f, const struct call *c, int kind, const struct taint *obj)
{
	if (c->nargs < 1)
		return;
	struct taint in = fa_load(f, &c->targ[0], TC_PTR);
	if (kind != RK_MEMDUP && !in.hid)
		return;
	if (!in.level && !in.pder && !(kind == RK_MEMDUP && in.preach))
		return;
	in.local = -1;
	struct taint pt = *obj;
	fa_store_through(f, &pt, &in, c->n, c->name);
}

int fa_rule_call(struct fa *f, const struct call *c, const struct rule_alloc *ra, enum rc_via via,
                 struct taint *r)
{
	*r = taint_clean;
	if (ra->kind == RK_RELEASE) {
		/* The user's assertion: it frees what its argument reaches (the rewrite drops it on
		 * arena memory, plan_release), so what waited for that object's free is done. */
		if (c->nargs > 0)
			fa_hold_freed(f, &c->targ[0], 1); /* it frees what it reaches */
		return 1;
	}
	r->unk = 1;
	r->usite = c->n;
	if (ra->kind == RK_STRDUP || ra->kind == RK_STRNDUP || ra->kind == RK_MEMDUP)
		dup_into(f, c, ra->kind, r);
	if (ra->kind != RK_FREE && ra->kind != RK_REALLOC)
		return 1;
	/* In a hotspot (and below a scope) the rewrite turns them into the runtime's
	 * ownership-aware free and realloc, where it can edit the call (a through-a-pointer call
	 * names the ownership-aware function at the address it takes: plan_addr.c). */
	size_t h[8], pr[8];
	int nm = ast_macro_callee_toks(f->a, c->n, h, pr, 8);
	const char *mft = ra->kind == RK_FREE ? ast_call_ftype(f->a, c->n) : NULL;
	/* spelled by a project macro: its definition becomes ownership-aware (plan_macro.c), but
	 * for a typed free wrapper, whose guarded form writes its argument twice */
	int edited = via == RC_ADDR || !ast_call_unrewritable(f->a, c->n, via == RC_NAME) ||
	             (nm > 0 && nm <= 8 && (!mft || ast_ftype_takes_void_ptr(mft)));
	if (ra->kind == RK_FREE && via != RC_ADDR &&
	    ast_typed_free_unrewritable(f->a, c->n, ast_call_ftype(f->a, c->n)))
		edited = 0;
	int aware = (f->free_aware || f->hot) && edited;
	/* the else of `arena_owner(p) ? arena_free(p) : f(p)`: heap memory only */
	if (ra->kind == RK_FREE && ast_call_owner_guarded(f->a, c->n, rtapi_emit(RE_OWNER_TEST)))
		aware = 1;
	if (c->nargs > 0)
		fa_under(f, &c->targ[0], c->n, NULL);
	/* A free the rewrite cannot edit (spelled by a macro, its callee named by one) stays
	 * libc's in every function: a scope's memory reaching it is freed by the heap allocator
	 * even where the rewrite makes the others ownership-aware. */
	if (c->nargs > 0 && !edited && c->targ[0].level && c->targ[0].kind == K_SCOPE) {
		int md = ast_macro_of(f->a, c->n);
		char *m = xasprintf(
		    "scope memory reaches %s() here, which the rewrite cannot make "
		    "ownership-aware (%s%s%s): the heap allocator would free arena memory",
		    c->name ? c->name : "a hook",
		    (f->a->nodes[c->n].flags & AF_MACRO) ? "inside a macro expansion"
		                                         : "its spelling",
		    md >= 0 ? " of " : "", md >= 0 ? f->a->mdefs[md].name : "");
		fa_escape(f, ESC_HEAP_FREE, ESC_ERROR, c->n, &c->targ[0], m);
		free(m);
	} else if (c->nargs > 0 && !aware) {
		fa_sink_heap(f, &c->targ[0], c->n, c->name ? c->name : "a hook", -1, NULL);
	}
	if (c->nargs > 0 && ra->kind == RK_FREE) {
		fa_hold_freed(f, &c->targ[0], 0);
		*r = taint_clean;
	}
	return 1;
}

/* The summary's bit for argument i: a variadic callee's extra arguments share one. */
static int sum_bit(const struct sum *s, int i)
{
	return s->variadic && i >= s->np && s->np < MAXP ? s->np : i;
}

/* The summary bits argument i binds: its own (or the variadic one), and the text the callee
 * formats from its variadic arguments where this one may be printed as a pointer. */
static uint32_t arg_bits(struct fa *f, const struct sum *s, const struct call *c, int i)
{
	uint32_t m = 1u << sum_bit(s, i);
	if (s->variadic && i >= s->np && s->np < MAXP && fa_arg_prints_pointer(f, c, i))
		m |= 1u << sum_textbit(s->np);
	return m;
}

static uint32_t args_of(struct fa *f, const struct sum *s, uint32_t mask, const struct call *c,
                        int i)
{
	return (mask & arg_bits(f, s, c, i)) != 0;
}

/* Summary: the callee stores arguments (mask s->into[j]) through argument j, or copies the
 * bytes they point to (s->into_bytes[j]): the pointers stored there, hidden as numbers, unless
 * the argument as written points to characters or numbers (a string, not `(char *)&p`). */
static void apply_into(struct fa *f, const struct call *c, const struct sum *s, int j)
{
	struct taint pt = c->targ[j];
	struct taint v = taint_clean;
	unsigned char hid = 0;
	for (int i = 0; i < c->nargs; i++) {
		if (args_of(f, s, s->into[sum_bit(s, j)], c, i)) {
			struct taint a = fa_arg_seen(f, c, i);
			hid |= a.hid && a.level; /* a number made from a pointer, stored as it is */
			v = taint_merge(v, a);
		}
		if (!args_of(f, s, s->into_bytes[sum_bit(s, j)], c, i))
			continue;
		unsigned char pc = fa_arg_pointee(f, c, i);
		struct taint in = fa_load(f, &c->targ[i], TC_PTR);
		/* characters, numbers: no pointer among them, unless known to hide one */
		if ((pc == TC_INT || pc == TC_FLOAT || pc == TC_FUNCPTR || pc == TC_DATA) &&
		    !(in.hid && in.level))
			continue;
		struct taint seen = fa_arg_seen(f, c, i);
		if (seen.local >= 0) /* `&p`: the bytes of local p are its value */
			in = taint_merge(in, seen);
		/* a pointer's own bytes made numbers are a hidden pointer (base64 of &p, or of a
		 * buffer they were staged in); those of a struct are copied as its pointers */
		hid |= (pc == TC_PTR || pc == TC_INT) && in.level;
		in.local = -1;
		v = taint_merge(v, in);
	}
	if (taint_empty(&v))
		return;
	v.hid |= hid;
	fa_store_through(f, &pt, &v, c->n, c->name);
}

/* Summary: arena memory the callee stores through argument j (`word_new(t, &w)`). */
static void apply_out(struct fa *f, const struct call *c, const struct sum *s, int j)
{
	struct taint v;
	if (s->out_arena[j] == RA_SCOPE) {
		v = fa_scope_origin(f, s->out_scope[j], c->n);
	} else if (s->out_arena_param[j] < c->nargs && c->argn[s->out_arena_param[j]] >= 0) {
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
	/* Into arena memory (a scope's tree the callee extends with memory of that scope): the
	 * memory goes where the tree goes, and the callee's own check answered for its stores. */
	if (pt.level) {
		fa_mem_store(f, &pt, &v, NULL);
		return;
	}
	fa_store_through(f, &pt, &v, c->n, c->name);
}

/* The callee's body leaves its callers' frames (longjmp): an escape where an arena is live,
 * unless it jumps to a buffer this call passes that this function setjmp's. */
static void apply_jumps(struct fa *f, const struct call *c, const struct sum *s)
{
	if (s->jumps)
		fa_jump(f, &taint_clean, c->n, c->name, s->jumps);
	if (s->jumps_home)
		fa_jump_to_home(f, s->jumps_home, c->n, c->name,
		                s->jumps_home_why ? s->jumps_home_why : "a longjmp");
	for (int i = 0; s->jumps_via && i < c->nargs; i++)
		if ((s->jumps_via >> sum_bit(s, i)) & 1u)
			fa_jump(f, &c->targ[i], c->n, c->name,
			        s->jumps_via_why ? s->jumps_via_why : "a longjmp");
}

/* Memory of a caller's scope escapes in the callee: the scope's check refuses it. */
static void apply_scope_esc(struct fa *f, const struct call *c, const struct sum *s)
{
	if (f->summarize) {
		if (!f->sum.scope_esc) {
			f->sum.scope_esc = xasprintf("through '%s', %s", c->name, s->scope_esc);
			f->sum.scope_esc_name =
			    s->scope_esc_name ? xstrdup(s->scope_esc_name) : NULL;
			f->sum.scope_esc_rule = s->scope_esc_rule;
			f->sum.scope_esc_push = s->scope_esc_push;
		}
		return;
	}
	int push = s->scope_esc_push;
	if (!f->sitemap || !(f->scope_fn || f->pushes || (push && f->hot && f->scope)))
		return;
	char *m =
	    push ? xasprintf("'%s' may leave another arena innermost, %s", c->name, s->scope_esc)
	         : xasprintf("memory of the scope's arena escapes through '%s', %s", c->name,
	                     s->scope_esc);
	fa_report(f, (enum esc_rule)s->scope_esc_rule, ESC_ERROR, c->n, NULL, m);
	free(m);
}

/* The callee hands out the bytes argument i points to: arena pointers among them escape. */
static void apply_bytes(struct fa *f, const struct call *c, const struct sum *s, int i)
{
	unsigned char pc = fa_arg_pointee(f, c, i);
	if (pc == TC_INT || pc == TC_FLOAT || pc == TC_FUNCPTR || pc == TC_DATA)
		return; /* characters, numbers: no pointer among them */
	struct taint in = fa_load(f, &c->targ[i], TC_PTR);
	if (!in.level)
		return;
	in.hid = 1;
	in.pder = in.preach = 0;
	char *how = xasprintf("whose body %s", s->why[sum_bit(s, i)]
	                                           ? s->why[sum_bit(s, i)]
	                                           : "hands the bytes of what it points to out of "
	                                             "the analysis' sight");
	fa_sink_call(f, &in, c->n, c->name, i, 1, ESC_HIDDEN, how);
	free(how);
}

/* The summary's keeps of argument i. */
static void apply_arg(struct fa *f, const struct call *c, const struct sum *s, int i)
{
	uint32_t m = arg_bits(f, s, c, i);
	int b = (s->keep & m & ~(1u << sum_bit(s, i))) ? sum_textbit(s->np) : sum_bit(s, i);
	if (s->under & m) {
		struct taint t = c->targ[i];
		t.under = 1;
		fa_under(f, &t, c->n, c->name);
	}
	if (c->targ[i].local >= 0 && ((s->keep | s->stored) & m))
		fa_expose(f, c->targ[i].local);
	if (s->bytes & m)
		apply_bytes(f, c, s, i);
	if (s->keep & m) {
		struct taint t = fa_arg_reach(f, c, i);
		int glob = s->pglob && ((s->keep_glob & ~s->keep_other) >> b) & 1u;
		int pended = glob && fa_glob_pend_param(f, s->pglob, &t, c->n, c->name);
		int unk = (s->keep_unknown >> b) & 1u;
		char *how = s->why[b] ? xasprintf("whose body %s", s->why[b])
		                      : xstrdup("whose body keeps it beyond the call");
		if (!pended)
			fa_sink_call(f, &t, c->n, c->name, i, (s->keep_def >> b) & 1u,
			             unk ? ESC_UNKNOWN : ESC_CALL, how);
		free(how);
	}
}

/* The summary's frees and deaths of argument i: after its stores, as the body frees what it
 * was handed last (a teardown that unlinks a node, then frees it). */
static void apply_free(struct fa *f, const struct call *c, const struct sum *s, int i)
{
	int b = sum_bit(s, i);
	if ((s->frees >> b) & 1u)
		fa_sink_heap(f, &c->targ[i], c->n, c->name, i, NULL);
	if ((s->frees_reach >> b) & 1u) {
		struct taint in = fa_load(f, &c->targ[i], TC_PTR);
		fa_sink_heap(f, &in, c->n, c->name, i,
		             "which hands a pointer stored there to free() or realloc()");
	}
	if ((s->dies >> b) & 1u)
		fa_hold_freed(f, &c->targ[i], (s->dies_deep >> b) & 1u);
}

/* The callee returns a fresh node holding these arguments (sum.ret_holds): they wait, as a
 * store of them into that object would, for the node's free (holds keyed by this call). */
static void hold_in_result(struct fa *f, const struct call *c, const struct sum *s)
{
	for (int i = 0; i < c->nargs; i++) {
		if (!args_of(f, s, s->ret_holds, c, i))
			continue;
		struct taint t = c->targ[i];
		t.local = -1;
		char *m = NULL;
		if (t.level && (t.kind == K_OWN || t.kind == K_SCOPE))
			m = xasprintf(
			    "arena memory passed to '%s', whose body stores it into the object "
			    "it returns, which may outlive the arena",
			    c->name);
		else if (!f->summarize || !(t.pder | (t.num ? 0 : t.preach)))
			continue;
		GROW(f->holds, f->nholds, f->holds_cap);
		f->holds[f->nholds++] =
		    (struct hold){c->n, -1, c->n, fa_severity(f, &t), ESC_PARAM, t, m, 0};
	}
}

struct taint fa_summary_call(struct fa *f, const struct call *c, const struct sum *s)
{
	for (int i = 0; i < c->nargs; i++)
		apply_arg(f, c, s, i);
	for (int j = 0; j < c->nargs && j < MAXP; j++)
		if (s->into[sum_bit(s, j)] || s->into_bytes[sum_bit(s, j)])
			apply_into(f, c, s, j);
	for (int j = 0; j < c->nargs; j++)
		if (sum_bit(s, j) == j && s->out_arena[j])
			apply_out(f, c, s, j);
	for (int j = 0; s->out_glob && j < c->nargs; j++)
		if ((s->out_glob >> sum_bit(s, j)) & 1u) {
			struct taint g = taint_clean;
			g.glob = 1;
			fa_store_through(f, &c->targ[j], &g, c->n, c->name);
		}
	for (int i = 0; i < c->nargs; i++)
		apply_free(f, c, s, i);
	for (int j = 0; j < c->nargs && j < MAXP; j++) {
		if (c->argn[j] < 0)
			continue;
		if ((s->arena_mark >> j) & 1u)
			arena_op(f, RT_MARK, c->argn[j], c->n);
		if ((s->arena_rewind >> j) & 1u)
			arena_op(f, RT_REWIND, c->argn[j], c->n);
		if ((s->arena_rel >> j) & 1u)
			arena_op(f, RT_RELEASE, c->argn[j], c->n);
	}
	if (s->jumps || s->jumps_via || s->jumps_home)
		apply_jumps(f, c, s);
	if (s->scope_esc)
		apply_scope_esc(f, c, s);
	struct taint r = taint_clean;
	for (int i = 0; i < c->nargs; i++) {
		if (args_of(f, s, s->ret, c, i)) {
			struct taint t = c->targ[i];
			t.local = -1;
			r = taint_merge(r, t);
		}
		if (args_of(f, s, s->ret_reach, c, i)) {
			struct taint t = fa_load(f, &c->targ[i], TC_PTR);
			r = taint_merge(r, t);
		}
	}
	if (s->ret_holds)
		hold_in_result(f, c, s);
	if (s->ret_glob)
		r.glob = 1;
	if (s->ret_arena == RA_SCOPE) {
		r = taint_merge(r, fa_scope_origin(f, s->ret_scope, c->n));
	} else if (s->ret_arena == RA_PARAM && s->ret_arena_param < c->nargs &&
	           c->argn[s->ret_arena_param] >= 0) {
		unsigned char kind;
		int id;
		fa_arena_of(f, c->argn[s->ret_arena_param], &kind, &id);
		r = taint_merge(r, taint_origin(kind, id, c->n));
	}
	return r;
}

/* Whether the result type spelled before the parameters of canonical type ft ("char *(int)")
 * is a data pointer: 1, 0, or -1 when it cannot tell (void, a function pointer's result). */
static int returns_pointer(const char *ft)
{
	const char *paren = ft ? strchr(ft, '(') : NULL;
	if (!paren || paren == ft || !strncmp(ft, "void ", 5) || strchr(paren + 1, '(') ||
	    strstr(ft, "(*"))
		return -1;
	return memchr(ft, '*', (size_t)(paren - ft)) != NULL;
}

/* Whether a call of type ftype, with nargs arguments, may reach address-taken function t: the
 * same type, or an address taken through a cast, or a type that does not say its parameters.
 * A function taken through a cast may take fewer parameters than the call passes (GLib's
 * G_CALLBACK handlers that omit the trailing user data: the ABI drops the extra ones). */
static int may_call(const struct addr_fn *t, int nargs, const char *ftype)
{
	if (!(t->np == nargs || (t->variadic && nargs >= t->np) || (t->cast && t->np < nargs)))
		return 0;
	/* Through a cast, fewer parameters, but not a pointer taken for a number or back
	 * (discount's (getc_func)fgetc is no target of its char *(*e_codefmt)(char *, int, char *))
	 */
	int rc = returns_pointer(ftype), rt = returns_pointer(t->ftype);
	if (t->cast && t->np < nargs && rc >= 0 && rt >= 0 && rc != rt)
		return 0;
	if (t->cast || !ftype || !t->ftype || !strcmp(ftype, t->ftype))
		return 1;
	size_t n = strlen(ftype), m = strlen(t->ftype);
	return (n >= 2 && !strcmp(ftype + n - 2, "()")) ||
	       (m >= 2 && !strcmp(t->ftype + m - 2, "()"));
}

size_t fa_each_target(struct fa *f, int nargs, const char *ftype,
                      void (*fn)(void *ctx, const struct sum *s, const char *name, int system),
                      void *ctx)
{
	const struct esc_sums *ss = f->sums;
	size_t n = 0;
	for (size_t i = 0; ss && i < ss->naddr; i++) {
		const struct addr_fn *t = &ss->addr[i];
		if (!may_call(t, nargs, ftype))
			continue;
		const struct sum *s = t->system ? NULL : sums_body(ss, t->usr);
		fn(ctx, s, t->name, t->system);
		n++;
	}
	return n;
}

struct taint fa_target_call(struct fa *f, const struct call *c, const struct sum *s, int system)
{
	struct taint r;
	const struct rt_func *rf = system ? rtapi_find(c->name) : NULL;
	const struct rule_alloc *ra = system ? rules_find_alloc(f->r, c->name) : NULL;
	if (rf)
		return rt_call(f, c->n, rf, c->targ, c->argn, c->nargs);
	/* libc's free or realloc reached through a pointer: the rewrite names the
	 * ownership-aware function wherever their address is taken, or refuses the arenas that
	 * reach such a call (plan_addr.c), as for a call by name. */
	if (ra && fa_rule_call(f, c, ra, RC_ADDR, &r))
		return r;
	if (s) {
		/* The globals it leaves holding scope memory, as for a call by name. */
		r = fa_summary_call(f, c, s);
		fa_glob_apply(f, s, c->n, c->name, NULL);
		return r;
	}
	if (system)
		return fa_external_call(f, c);
	fa_unknown_call(f, c, c->name);
	r = taint_clean;
	r.unk = 1;
	r.usite = c->n;
	return r;
}

int fa_teardown_macro(struct fa *f, int n)
{
	const struct ast *a = f->a;
	const struct ast_node *x = &a->nodes[n];
	if (!(x->flags & AF_MACRO) || x->kind != AK_BINARY || x->nchild != 2 || x->file < 0 ||
	    !ast_tok_is(a, x->file, ast_tok_at(a, x->file, x->begin), rtapi_emit(RE_TEARDOWN)))
		return 0;
	int fn = strip(a, ast_first(a, n)), arg = ast_next(a, ast_first(a, n));
	int d = fn >= 0 ? a->nodes[fn].decl : -1;
	if (arg < 0 || a->nodes[fn].kind != AK_DECLREF || d < 0 || a->decls[d].kind != DK_FUNC)
		return 0;
	if (a->nodes[arg].kind == AK_CAST || a->nodes[arg].kind == AK_PAREN)
		arg = strip(a, arg); /* (void)(p): the argument p */
	struct call c;
	memset(&c, 0, sizeof(c));
	c.n = n;
	c.name = a->decls[d].name;
	c.nargs = 1;
	c.targ[0] = fa_eval(f, arg);
	c.argn[0] = arg;
	const struct rt_func *rf = c.name ? rtapi_find(c.name) : NULL;
	const struct rule_alloc *ra = c.name ? rules_find_alloc(f->r, c.name) : NULL;
	const struct sum *s = sums_body(f->sums, a->decls[d].usr);
	struct taint r;
	if (rf)
		(void)rt_call(f, n, rf, c.targ, c.argn, 1);
	else if (ra)
		(void)fa_rule_call(f, &c, ra, RC_NAME, &r);
	else if (s)
		(void)fa_summary_call(f, &c, s);
	else
		(void)fa_external_call(f, &c);
	return 1;
}

void fa_cleanup_call(struct fa *f, int at, int var)
{
	const struct ast *a = f->a;
	struct call c;
	memset(&c, 0, sizeof(c));
	c.n = a->nodes[at].parent;
	c.name = a->nodes[at].name ? a->nodes[at].name : "a cleanup function";
	c.nargs = 1;
	c.targ[0] = taint_clean;
	c.targ[0].local = var;
	c.argn[0] = -1;
	int d = a->nodes[at].decl;
	const struct ast_decl *fd = d >= 0 ? &a->decls[d] : NULL;
	if (!fd) {
		fa_unknown_call(f, &c, c.name);
		return;
	}
	/* arena_t a __attribute__((cleanup(arena_release))): released where the block ends */
	const struct rt_func *rf = fd->name ? rtapi_find(fd->name) : NULL;
	if (rf && (rf->role == RT_RELEASE || rf->role == RT_DESTROY)) {
		released(f, var, c.n);
		return;
	}
	(void)fa_target_call(f, &c, sums_body(f->sums, fd->usr), (fd->flags & DF_SYSTEM) != 0);
}

/* A call through a hook field a rule names (hooks->free(p)): the allocator family's. */
static const struct rule_alloc *field_rule(struct fa *f, int cs)
{
	const struct ast *a = f->a;
	if (cs >= 0 && a->nodes[cs].kind == AK_UNARY && is_op(&a->nodes[cs], "*"))
		cs = strip(a, ast_first(a, cs));
	if (cs < 0 || a->nodes[cs].kind != AK_MEMBER || !a->nodes[cs].name)
		return NULL;
	return rules_find_field(f->r, a->nodes[cs].name);
}

/* va_start(ap, last) and va_copy(dst, src): the va_list carries the variadic arguments (the
 * walk's pseudo-parameter varbit). Returns 1 for those two. */
static int va_call(struct fa *f, const struct call *c)
{
	static const char *const start = "__builtin_va_start", *const copy = "__builtin_va_copy";
	int is_start = !strcmp(c->name, start);
	if ((!is_start && strcmp(c->name, copy)) || c->nargs < 2)
		return 0;
	int ap = c->targ[0].local;
	if (ap < 0)
		return 1;
	struct taint v = taint_clean;
	if (is_start && f->varbit >= 0)
		v.pder = v.preach = 1u << f->varbit;
	else if (!is_start)
		v = fa_arg_seen(f, c, 1);
	state_kill(&f->st, ap, root_path());
	if (!taint_empty(&v))
		state_put(&f->st, ap, root_path(), v);
	return 1;
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
	const struct sum *s = fdecl >= 0 ? sums_body(f->sums, a->decls[fdecl].usr) : NULL;
	if (fa_glob_unsafe_call(f, fdecl, s, c.argn, c.nargs))
		fa_glob_flush(f);
	const struct rule_alloc *ra =
	    fdecl >= 0 ? rules_find_alloc(f->r, c.name) : field_rule(f, cs);
	if (fdecl < 0 && ra && fa_rule_call(f, &c, ra, RC_FIELD, &r))
		return r;
	if (fdecl < 0 || !c.name)
		return fa_indirect_call(f, &c);
	if (va_call(f, &c))
		return taint_clean;
	const struct rt_func *rf = rtapi_find(c.name);
	if (rf)
		return rt_call(f, c.n, rf, c.targ, c.argn, c.nargs);
	if (ra && (ra->kind == RK_FREE || ra->kind == RK_REALLOC || !s)) {
		fa_rule_call(f, &c, ra, RC_NAME, &r);
		return r;
	}
	if (!s) {
		r = fa_external_call(f, &c);
		r.moved = 1; /* strchr(s, c) - 1, an allocator's wrapper returning past a header */
		return r;
	}
	r = fa_summary_call(f, &c, s);
	r.moved = 1;
	if (ra && ra->kind == RK_RELEASE && c.nargs > 0) /* the rule says it frees what it gets */
		fa_hold_freed(f, &c.targ[0], 1);
	if (s->ret_unk) {
		struct taint unknown = taint_clean;
		unknown.unk = 1;
		unknown.usite = n;
		r = taint_merge(r, unknown);
	}
	if (r.unk) /* whatever object of unknown origin it returns, this call made it */
		r.usite = n;
	fa_glob_apply(f, s, n, c.name, at_site ? &site : NULL);
	if (f->summarize && s->glob_copy)
		f->sum.glob_copy = 1;
	if (f->summarize && s->glob_free)
		f->sum.glob_free = 1;
	return at_site == 1 ? taint_merge(r, site) : r;
}
