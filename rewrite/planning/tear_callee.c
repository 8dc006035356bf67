/*
 * tear_callee: which scope a function runs under (tear_scope_reach), and the scope tag under
 * which a function reached from a scope may drop its `release` calls (tear_callee_scope, see
 * tear.h). Nothing here writes files.
 */
#include "analysis.h"
#include "front.h"
#include "mem.h"
#include "plan_int.h"
#include "tear.h"

#include <stdlib.h>
#include <string.h>

void tear_scope_reach(struct tear_tu *t, const struct plan_opts *o)
{
	const struct cg *g = o->cg;
	size_t nf = g->n;
	t->scope_of = xmalloc((nf + 1) * sizeof(int));
	t->outside = xcalloc(nf + 1, 1);
	unsigned char *mark = xcalloc(nf + 1, 1), *stop = xcalloc(nf + 1, 1),
	              *called = xcalloc(nf + 1, 1);
	int *starts = xcalloc(nf + 1, sizeof(int));
	for (size_t i = 0; i < nf; i++) {
		t->scope_of[i] = -1;
		for (size_t k = 0; k < o->nscopes; k++)
			stop[i] |= g->v[i].defined && !strcmp(g->v[i].name, o->scopes[k]);
		for (size_t e = 0; e < g->v[i].ncallees; e++)
			called[g->v[i].callees[e]] = 1;
	}
	for (size_t k = 0; k < o->nscopes; k++) {
		size_t ns = 0;
		for (size_t i = 0; i < nf; i++)
			if (g->v[i].defined && !strcmp(g->v[i].name, o->scopes[k]))
				starts[ns++] = (int)i;
		memset(mark, 0, nf + 1);
		cg_reach(g, starts, ns, NULL, mark, NULL);
		for (size_t i = 0; i < nf; i++)
			if (mark[i])
				t->scope_of[i] = t->scope_of[i] == -1 ? (int)k : -3;
	}
	size_t ns = 0;
	for (size_t i = 0; i < nf; i++)
		if (g->v[i].defined && (!called[i] || g->v[i].addr_taken))
			starts[ns++] = (int)i;
	cg_reach(g, starts, ns, stop, t->outside, NULL);
	free(mark);
	free(stop);
	free(called);
	free(starts);
}

int tear_callee_scope(struct fctx *c)
{
	const struct plan_opts *o = c->o;
	const struct ast *a = c->a;
	int fd = a->nodes[c->fn].decl;
	if (!o->cg || !o->nscopes || c->scope || fd < 0 || !a->decls[fd].usr)
		return -1;
	int ci = cg_find(o->cg, a->decls[fd].usr);
	struct tear_tu *t = tear_tu_get(c->tear);
	if (ci >= 0 && !t->scope_of)
		tear_scope_reach(t, o);
	int k = ci >= 0 ? t->scope_of[ci] : -1;
	if (k < 0 || t->outside[ci])
		return -1;
	/* The calls whose memory is the scope's: its own allocations, scope-memory returns. */
	int *sites = xmalloc((c->nallocs + 1) * sizeof(int));
	size_t ns = 0;
	for (size_t i = 0; i < c->nallocs; i++)
		sites[ns++] = c->allocs[i];
	int end = c->body + a->nodes[c->body].size;
	for (int n = c->body + 1; n <= end; n++)
		if (a->nodes[n].kind == AK_CALL && tear_callee_decl(a, n) >= 0 &&
		    plan_returns_scope_memory(c, n, o->scopes[k])) {
			sites = xrealloc(sites, (ns + 1) * sizeof(int));
			sites[ns++] = n;
		}
	if (ns) {
		struct esc_finding *ef = NULL;
		struct esc_check q = {
		    sites, ns, o->scopes[k], c->release_args, c->nreleases, c->from_arena, 0, 0};
		esc_findings_free(ef, esc_check(a, c->fn, &q, o->rules, o->sums, &ef));
	}
	free(sites);
	return ns ? (int)o->hot->n + k : -1;
}
