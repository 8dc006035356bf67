/*
 * plan_macro: allocator calls spelled by the project's own function-like macros (issue 26).
 *
 * Such a call is rewritten in the macro's DEFINITION, once, to the runtime's scope-aware form
 * with the original allocator as the fallback (`malloc(n)` -> `arena_cur_alloc(n)`,
 * `(p)->m_mem.malloc_fcn((n))` -> `arena_cur_alloc_with((p)->m_mem.malloc_fcn, (n))`,
 * `free(x)` -> `arena_free(x)`), so that every expansion outside a scope behaves as before. The
 * definition is shared by every expansion, hence two invariants:
 *
 * - Allocation forms (`arena_cur_*`) take memory of whichever scope is live where the macro is
 *   expanded. Each planned function that expands an allocation of macro M records, for every
 *   scope whose arena may be live in it, which hotspot entry of that scope it is (a "use").
 *   plan_macro_resolve, after the merge of every unit, refuses the hotspots that asked for M's
 *   scope-aware form while some live scope reaches an expansion of M that is not one of its
 *   accepted hotspots (the escape analysis judged nothing there), or while M has several
 *   definitions in play; to a fixpoint, since each refusal may make another use unjudged.
 * - Ownership-aware forms (`arena_free`, `arena_realloc_any`) are right whatever happens to
 *   any arena, like those the planner writes at calls; they are "weak" edits, dropped where an
 *   accepted allocation form rewrites the same tokens (`arena_cur_realloc` is ownership-aware
 *   too).
 *
 * The definition's tokens are the unit's raw tokens of its file; nothing here reads C text
 * other than through them. Owns nothing beyond the plan's records it appends.
 */
#include "analysis.h"
#include "front.h"
#include "fsio.h"
#include "mem.h"
#include "plan_int.h"
#include "rtapi.h"
#include "rules.h"
#include "sbuf.h"

#include <stdlib.h>
#include <string.h>

/* "file:begin" of macro d's definition, the key that tells definitions apart. */
static char *mdef_key(const struct ast *a, int d)
{
	return xasprintf("%s:%u", a->files[a->mdefs[d].file].path, a->mdefs[d].begin);
}

static void add_use(struct fctx *c, int call, int d, int hot, int need, int group)
{
	const struct ast *a = c->a;
	const struct ast_node *x = &a->nodes[call];
	struct plan *p = c->p;
	GROW(p->muses, p->nmuses, p->muses_cap);
	p->muses[p->nmuses++] = (struct plan_muse){mdef_key(a, d),
	                                           xstrdup(a->mdefs[d].name),
	                                           xstrdup(a->files[a->mdefs[d].file].path),
	                                           a->mdefs[d].line,
	                                           xstrdup(a->files[x->file].path),
	                                           x->loc,
	                                           x->line,
	                                           x->col,
	                                           xstrdup(a->nodes[c->fn].name),
	                                           hot,
	                                           need,
	                                           group};
}

void plan_macro_uses(struct fctx *c, int call, enum rule_kind kind)
{
	int d = ast_macro_of(c->a, call);
	if (d < 0 || kind == RK_FREE || !c->p->sets || !PLAN_TAG_IS_SET(c->need))
		return;
	const struct cg_set *s = &c->p->sets->v[c->need - INT_MIN];
	int n = (int)c->o->hot->n;
	for (size_t i = 0; i < s->n; i++) {
		if (s->v[i] < n)
			continue; /* an own arena is no scope: arena_cur_* never sees it */
		int need = -1;
		for (size_t k = 0; k < c->nhots; k++)
			if (c->groups[k] == s->v[i])
				need = c->hots[k];
		if (c->scope && c->hot == s->v[i])
			need = c->hot; /* the scope allocating from its own arena */
		add_use(c, call, d, -1, need, s->v[i]);
	}
}

/* Records call as left alone, inside macro d, for `why` (the site's reason names the macro). */
static int skip(struct fctx *c, int call, const char *name, int d, const char *why)
{
	const struct ast_mdef *m = &c->a->mdefs[d];
	char *rel = fs_relpath_cwd(c->a->files[m->file].path);
	char *r = xasprintf("inside a macro expansion: macro '%s' (defined at %s:%u) %s", m->name,
	                    rel, m->line, why);
	plan_add_tagged_site(c, c->hot, call, name, NULL, r);
	free(r);
	free(rel);
	return 1;
}

int plan_macro_call(struct fctx *c, int call, const char *name, enum rule_kind kind, int rv,
                    int tag)
{
	const struct ast *a = c->a;
	int d = ast_macro_of(a, call);
	if (d < 0)
		return 0;
	int alloc = kind != RK_FREE && kind != RK_REALLOC;
	/* The scope-aware form where the arena is the current scope's; ownership-aware only
	 * otherwise (an own arena is a local variable no other expansion can name). */
	int strong = (c->style == RS_SCOPED || c->scope) && kind != RK_FREE;
	if (alloc && !strong)
		return c->style == RS_LOCAL ? skip(c, call, name, d, PLAN_MACRO_NEEDS_SCOPE) : 0;
	enum rule_style st = strong ? RS_SCOPED : kind == RK_FREE ? c->style : RS_OWNER;
	const struct rt_func *rf = rtapi_call(kind, st, rv);
	if (!rf || rf->arena_arg == 0)
		return 0;
	size_t head[8], paren[8];
	int nt = ast_macro_callee_toks(a, call, head, paren, 8);
	if (nt <= 0 || nt > 8)
		return skip(c, call, name, d,
		            nt ? "calls it more than 8 times"
		               : "does not spell the call in its own body (another macro does)");
	const struct ast_mdef *m = &a->mdefs[d];
	const struct ast_file *fl = &a->files[m->file];
	int with = rf->hook_arg >= 0;
	if (strong)
		tag = c->hot;
	for (int i = 0; i < nt; i++) {
		const struct ast_token *h = &fl->tok[head[i]], *pt = &fl->tok[paren[i]];
		if (with) {
			char *t = xasprintf("%s(", rf->name);
			plan_add_file_edit(c, tag, m->file, h->begin, h->begin, t, !strong);
			free(t);
			plan_add_file_edit(c, tag, m->file, pt->begin, pt->end, ", ", !strong);
		} else {
			plan_add_file_edit(c, tag, m->file, h->begin, h->end, rf->name, !strong);
		}
	}
	plan_note_text(c->p, fl->path, fl);
	plan_add_include(c->p, a, m->file, m->begin);
	if (strong)
		add_use(c, call, d, c->hot, -1, -1);
	char *repl = xasprintf("%s (in the definition of %s)", rf->name, m->name);
	plan_add_tagged_site(c, tag, call, name, repl, NULL);
	free(repl);
	c->nrewritten++;
	if (strong) {
		GROW(c->allocs, c->nallocs, c->allocs_cap);
		c->allocs[c->nallocs++] = call;
	}
	return 1;
}

/* ---- after the merge ----------------------------------------------------------------------- */

static int cmp_use(const void *pa, const void *pb)
{
	const struct plan_muse *a = pa, *b = pb;
	int r = strcmp(a->macro, b->macro);
	return r ? r : strcmp(a->key, b->key);
}

/* Why the uses [i, j) of one macro name keep its scope-aware definition from being written, or
 * NULL (malloc'd). */
static char *blocked(const struct plan *p, const struct plan_opts *o, size_t i, size_t j)
{
	const struct plan_muse *u = p->muses;
	char *di = fs_relpath_cwd(u[i].dfile), *why = NULL;
	for (size_t k = i + 1; k < j && !why; k++)
		if (strcmp(u[k].key, u[i].key)) {
			char *dk = fs_relpath_cwd(u[k].dfile);
			why = xasprintf("\n  macro '%s' has several definitions in play (%s:%u and "
			                "%s:%u): its allocations are left alone",
			                u[i].macro, di, u[i].dline, dk, u[k].dline);
			free(dk);
		}
	/* Every function left unjudged, once each, so one run names them all. */
	struct sbuf list;
	sb_init(&list);
	size_t nlisted = 0;
	for (size_t k = i; k < j && !why; k++) {
		if (u[k].group < 0 || plan_refused(p, u[k].group) ||
		    (u[k].need >= 0 && !plan_refused(p, u[k].need)))
			continue;
		int seen = 0;
		for (size_t q = i; q < k && !seen; q++)
			seen = u[q].group == u[k].group && !strcmp(u[q].fn, u[k].fn) &&
			       !(u[q].need >= 0 && !plan_refused(p, u[q].need));
		if (seen)
			continue;
		if (nlisted++ < 8) {
			char *at = fs_relpath_cwd(u[k].file);
			sb_addf(&list, "%s'%s' (%s:%u:%u, scope '%s'%s)", nlisted > 1 ? ", " : "",
			        u[k].fn, at, u[k].line, u[k].col,
			        o->scopes[u[k].group - (int)o->hot->n],
			        u[k].need >= 0 ? ", refused" : "");
			free(at);
		}
	}
	if (nlisted)
		why = xasprintf("\n  macro '%s' (defined at %s:%u) would allocate from a scope in "
		                "%zu function%s that %s no hotspot%s of it: %s%s\n  list them as "
		                "hotspots of that scope, or spell the allocation there without the "
		                "macro",
		                u[i].macro, di, u[i].dline, nlisted, nlisted > 1 ? "s" : "",
		                nlisted > 1 ? "are" : "is", nlisted > 1 ? "s" : "",
		                list.len ? list.buf : "", nlisted > 8 ? ", ..." : "");
	sb_release(&list);
	free(di);
	return why;
}

/* A veto record refusing hotspot or scope group h (planmerge.c), at use u, for `why`. */
static void veto(struct plan *p, const struct plan_muse *u, int h, const char *why)
{
	GROW(p->funcs, p->nfuncs, p->funcs_cap);
	struct plan_func *pf = &p->funcs[p->nfuncs++];
	memset(pf, 0, sizeof(*pf));
	pf->hot = h;
	pf->group = pf->alias = -1;
	pf->file = xstrdup(u->file);
	pf->off = u->off;
	pf->line = u->line;
	pf->refused = pf->veto = 1;
	pf->why = xstrdup(why);
}

/*
 * The hotspot that asked for the scope-aware definition is refused, every entry of it (the
 * definition's edits carry one tag, kept while one record of that tag is accepted), and so are
 * the scopes it allocates from: their ownership-aware edits of the macro would otherwise stay,
 * and a second run would find the hotspot's allocation already rewritten. gdone marks the
 * hotspots and groups vetoed already.
 */
static void veto_use(struct plan *p, const struct plan_muse *u, const char *why,
                     unsigned char *gdone, size_t ng)
{
	size_t nf = p->nfuncs;
	for (size_t f = 0; f < nf; f++) {
		const struct plan_func *r = &p->funcs[f];
		if (r->veto || (r->alias != u->hot && r->hot != u->hot))
			continue;
		int ids[2] = {r->hot, r->group};
		for (int k = 0; k < 2; k++) {
			if (ids[k] < 0 || (size_t)ids[k] >= ng || gdone[ids[k]])
				continue;
			gdone[ids[k]] = 1;
			veto(p, u, ids[k], why);
		}
	}
}

void plan_macro_resolve(struct plan *p, const struct plan_opts *o)
{
	if (!p->nmuses)
		return;
	qsort(p->muses, p->nmuses, sizeof(*p->muses), cmp_use);
	unsigned char *done = xcalloc(p->nmuses, 1);
	size_t ng = o->hot->n + o->nscopes;
	unsigned char *gdone = xcalloc(ng + 1, 1);
	for (int changed = 1; changed;) {
		changed = 0;
		for (size_t i = 0, j; i < p->nmuses; i = j) {
			for (j = i + 1;
			     j < p->nmuses && !strcmp(p->muses[j].macro, p->muses[i].macro); j++)
				;
			char *why = blocked(p, o, i, j);
			for (size_t k = i; why && k < j; k++) {
				const struct plan_muse *u = &p->muses[k];
				/* even one refused on its own: an entry of it for another scope may
				 * still be accepted, and keep the definition */
				if (u->hot < 0 || done[k])
					continue;
				done[k] = 1;
				changed = 1;
				veto_use(p, u, why, gdone, ng);
			}
			free(why);
		}
	}
	free(done);
	free(gdone);
}

void plan_muse_clear(struct plan_muse *u)
{
	free(u->key);
	free(u->macro);
	free(u->dfile);
	free(u->file);
	free(u->fn);
}
