#include "progs.h"
#include "ast.h"
#include "mem.h"
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

/* Symbols with external linkage that some unit defines, and what each unit references. */
struct syms {
	struct strmap by_usr; /* usr -> symbol index; borrows the asts' interned USRs */
	size_t **defs;        /* defs[s]: the units defining symbol s, ascending */
	size_t *ndefs, n, cap, ncap;
	size_t **refs; /* refs[u]: the symbols unit u references and does not define */
	size_t *nrefs;
	size_t *last; /* last[s]: 1 + the last unit that noted s (deduplication) */
};

/* A top-level definition the linker sees: a function body, a variable with an initializer, or
 * a file-scope variable not declared `extern` (a tentative definition). */
static const char *defined_usr(const struct ast *a, const struct ast_node *x)
{
	if (x->decl < 0 || (x->flags & AF_SYSHDR))
		return NULL;
	const struct ast_decl *d = &a->decls[x->decl];
	int def = x->kind == AK_FUNC  ? (x->flags & AF_DEFINITION) != 0
	          : x->kind == AK_VAR ? (x->flags & AF_DEFINITION) || !(x->flags & AF_EXTERN)
	                              : 0;
	return def && d->usr && !(d->flags & DF_STATIC) ? d->usr : NULL;
}

static void add_def(struct syms *sy, const char *usr, size_t u)
{
	size_t before = sy->by_usr.n;
	const struct strmap_ent *ent = strmap_put(&sy->by_usr, usr, (int)sy->n);
	if (sy->by_usr.n != before) {
		GROW(sy->defs, sy->n, sy->cap);
		GROW(sy->ndefs, sy->n, sy->ncap);
		sy->defs[sy->n] = NULL;
		sy->ndefs[sy->n++] = 0;
	}
	size_t s = (size_t)ent->val;
	if (sy->ndefs[s] && sy->defs[s][sy->ndefs[s] - 1] == u)
		return;
	sy->defs[s] = xrealloc(sy->defs[s], (sy->ndefs[s] + 1) * sizeof(size_t));
	sy->defs[s][sy->ndefs[s]++] = u;
}

static int defines(const struct syms *sy, size_t s, size_t u)
{
	for (size_t k = 0; k < sy->ndefs[s]; k++)
		if (sy->defs[s][k] == u)
			return 1;
	return 0;
}

/* The symbol node x of unit u references, or -1: a name of a function or variable. */
static int referenced(const struct syms *sy, const struct ast *a, const struct ast_node *x)
{
	if (x->decl < 0 ||
	    !(x->kind == AK_DECLREF || x->kind == AK_CALL || (x->flags & AF_CLEANUP)))
		return -1;
	const struct ast_decl *d = &a->decls[x->decl];
	if ((d->kind != DK_FUNC && d->kind != DK_VAR) || !d->usr || (d->flags & DF_STATIC))
		return -1;
	const struct strmap_ent *ent = strmap_find(&sy->by_usr, d->usr);
	return ent ? ent->val : -1;
}

static void collect(struct syms *sy, struct ast *const *asts, size_t nunits)
{
	for (size_t u = 0; u < nunits; u++) {
		const struct ast *a = asts[u];
		for (size_t k = 0; a && k < a->nnodes; k += (size_t)a->nodes[k].size + 1) {
			const char *usr = defined_usr(a, &a->nodes[k]);
			if (usr)
				add_def(sy, usr, u);
		}
	}
	sy->refs = xcalloc(nunits + 1, sizeof(*sy->refs));
	sy->nrefs = xcalloc(nunits + 1, sizeof(*sy->nrefs));
	sy->last = xcalloc(sy->n + 1, sizeof(*sy->last));
	for (size_t u = 0; u < nunits; u++) {
		const struct ast *a = asts[u];
		for (size_t k = 0; a && k < a->nnodes; k++) {
			int s = referenced(sy, a, &a->nodes[k]);
			if (s < 0 || sy->last[s] == u + 1 || defines(sy, (size_t)s, u))
				continue;
			sy->last[s] = u + 1;
			sy->refs[u] = xrealloc(sy->refs[u], (sy->nrefs[u] + 1) * sizeof(size_t));
			sy->refs[u][sy->nrefs[u]++] = (size_t)s;
		}
	}
}

static void syms_free(struct syms *sy, size_t nunits)
{
	for (size_t s = 0; s < sy->n; s++)
		free(sy->defs[s]);
	for (size_t u = 0; u < nunits; u++)
		free(sy->refs[u]);
	free(sy->defs);
	free(sy->ndefs);
	free(sy->refs);
	free(sy->nrefs);
	free(sy->last);
	strmap_free(&sy->by_usr);
}

/* One program's walk: its units (in), the queue of units whose references are still to be
 * read, and the references put off because several units define their symbol. */
struct walk {
	const struct syms *sy;
	const unsigned char *other_main; /* units defining another program's main */
	unsigned char *in;
	size_t *queue, head, tail;
	size_t *later, nlater;
};

static void take(struct walk *w, size_t u)
{
	if (w->in[u] || w->other_main[u])
		return;
	w->in[u] = 1;
	w->queue[w->tail++] = u;
}

/* Whether symbol s is defined in the program already; *cands: how many units could define it. */
static int resolved(const struct walk *w, size_t s, size_t *cands, size_t *one)
{
	*cands = 0;
	for (size_t k = 0; k < w->sy->ndefs[s]; k++) {
		size_t d = w->sy->defs[s][k];
		if (w->in[d])
			return 1;
		if (!w->other_main[d]) {
			*one = d;
			(*cands)++;
		}
	}
	return 0;
}

static void drain(struct walk *w)
{
	while (w->head < w->tail) {
		size_t u = w->queue[w->head++];
		for (size_t k = 0; k < w->sy->nrefs[u]; k++) {
			size_t s = w->sy->refs[u][k], cands, one = 0;
			if (resolved(w, s, &cands, &one) || !cands)
				continue;
			if (cands == 1)
				take(w, one);
			else
				w->later[w->nlater++] = s;
		}
	}
}

/* The put-off symbols the program still does not define: every candidate unit is taken. */
static int take_ambiguous(struct walk *w)
{
	size_t n = w->nlater, before = w->tail;
	w->nlater = 0;
	for (size_t k = 0; k < n; k++) {
		size_t s = w->later[k], cands, one;
		if (resolved(w, s, &cands, &one))
			continue;
		for (size_t j = 0; j < w->sy->ndefs[s]; j++)
			take(w, w->sy->defs[s][j]);
	}
	return w->tail > before;
}

void progs_build(struct progs *ps, struct ast *const *asts, size_t nunits, const size_t *mains,
                 size_t nmains)
{
	memset(ps, 0, sizeof(*ps));
	ps->n = nmains;
	ps->nunits = nunits;
	ps->main_unit = xcalloc(nmains + 1, sizeof(size_t));
	ps->in = xcalloc(nmains * nunits + 1, 1);
	struct syms sy = {STRMAP_INIT, NULL, NULL, 0, 0, 0, NULL, NULL, NULL};
	collect(&sy, asts, nunits);
	size_t nrefs = 0;
	for (size_t u = 0; u < nunits; u++)
		nrefs += sy.nrefs[u];
	unsigned char *other = xcalloc(nunits + 1, 1);
	struct walk w = {&sy,
	                 other,
	                 NULL,
	                 xmalloc((nunits + 1) * sizeof(size_t)),
	                 0,
	                 0,
	                 xmalloc((nrefs + 1) * sizeof(size_t)),
	                 0};
	for (size_t p = 0; p < nmains; p++) {
		ps->main_unit[p] = mains[p];
		memset(other, 0, nunits + 1);
		for (size_t q = 0; q < nmains; q++)
			other[mains[q]] = q != p;
		w.in = ps->in + p * nunits;
		w.head = w.tail = w.nlater = 0;
		take(&w, mains[p]);
		do
			drain(&w);
		while (take_ambiguous(&w));
	}
	free(w.queue);
	free(w.later);
	free(other);
	syms_free(&sy, nunits);
}

int progs_has(const struct progs *ps, size_t p, size_t u)
{
	return p < ps->n && u < ps->nunits && ps->in[p * ps->nunits + u];
}

int progs_of_main(const struct progs *ps, size_t u)
{
	for (size_t p = 0; p < ps->n; p++)
		if (ps->main_unit[p] == u)
			return (int)p;
	return -1;
}

void progs_free(struct progs *ps)
{
	free(ps->main_unit);
	free(ps->in);
	memset(ps, 0, sizeof(*ps));
}
