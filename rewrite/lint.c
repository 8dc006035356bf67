#include "lint.h"
#include "ast.h"
#include "cg.h"
#include "cmd.h"
#include "cx.h"
#include "err.h"
#include "esc.h"
#include "hot.h"
#include "lintout.h"
#include "mem.h"
#include "strmap.h"
#include "par.h"

#include <stdlib.h>
#include <string.h>

/* ---- parsing all units ---------------------------------------------------------------------- */

struct pjob {
	const struct cmdlist *units;
	struct ast **asts;
	struct err *errs;
	const char *const *names; /* bodies worth converting: see cx_parse_related */
	size_t nnames;
	const unsigned char *redo; /* NULL: first pass; else the units to convert in full */
};

static const char *const arena_prefix[] = {"arena_"};

static void parse_one(void *ctx, size_t i)
{
	struct pjob *j = ctx;
	if (!j->redo) {
		cx_parse_related(&j->units->v[i], j->names, j->nnames, arena_prefix, 1, &j->asts[i],
		                 &j->errs[i]);
	} else if (j->redo[i]) {
		ast_free(j->asts[i]);
		j->asts[i] = NULL;
		cx_parse(&j->units->v[i], NULL, 0, &j->asts[i], &j->errs[i]);
	}
}

static int parse_all(const struct cmdlist *units, long jobs, struct pjob *jp, struct err *e)
{
	struct pjob j = *jp;
	j.errs = xcalloc(units->n + 1, sizeof(struct err));
	par_run(units->n, jobs, parse_one, &j);
	int rc = err_take_first(j.errs, units->n, e);
	free(j.errs);
	return rc;
}

/* ---- bodies another unit needs ----------------------------------------------------------------
 */

static int has_body(const struct ast *a, int fn)
{
	for (int c = ast_first(a, fn); c >= 0; c = ast_next(a, c))
		if (a->nodes[c].kind == AK_COMPOUND)
			return 1;
	return 0;
}

/*
 * cx_parse_related chooses bodies one unit at a time; a body it skipped may matter to another
 * unit: a function called from a converted body elsewhere (its summary), or a caller of a
 * function converted elsewhere whose result may be arena memory. Marks the units to convert
 * in full; returns how many. The asts' strings live until the asts are freed.
 */
static size_t units_to_redo(struct ast **asts, size_t n, const unsigned char *done,
                            unsigned char *redo)
{
	struct strmap called = STRMAP_INIT, returns = STRMAP_INIT;
	for (size_t u = 0; u < n; u++) {
		const struct ast *a = asts[u];
		for (size_t k = 0; k < a->nnodes; k++) {
			const struct ast_node *x = &a->nodes[k];
			const char *usr = x->decl >= 0 ? a->decls[x->decl].usr : NULL;
			if (!usr || !*usr)
				continue;
			if (x->kind == AK_FUNC && (x->flags & AF_DEFINITION) &&
			    (x->tclass == TC_PTR || x->tclass == TC_RECORD) && has_body(a, (int)k))
				strmap_put(&returns, usr, 0);
			if (x->kind == AK_CALL && !(a->decls[x->decl].flags & DF_SYSTEM))
				strmap_put(&called, usr, 0);
		}
	}
	size_t nredo = 0;
	for (size_t u = 0; u < n; u++) {
		const struct ast *a = asts[u];
		int skipped = 0, need = 0;
		for (size_t k = 0; k < a->nnodes && !need; k++) {
			const struct ast_node *x = &a->nodes[k];
			if (x->kind != AK_FUNC || !(x->flags & AF_DEFINITION) || x->decl < 0 ||
			    has_body(a, (int)k))
				continue;
			skipped = 1;
			need = strmap_find(&called, a->decls[x->decl].usr) != NULL;
		}
		for (size_t d = 0; d < a->ndecls && skipped && !need; d++)
			need = a->decls[d].kind == DK_FUNC && !(a->decls[d].flags & DF_SYSTEM) &&
			       strmap_find(&returns, a->decls[d].usr) != NULL;
		redo[u] = need && !done[u];
		nredo += redo[u];
	}
	strmap_free(&called);
	strmap_free(&returns);
	return nredo;
}

/* ---- hotspots and scopes -----------------------------------------------------------------------
 */

/*
 * Marks def[h] for every hotspot entry defined in some unit (its name, and its file when it
 * names one), and puts every defined function's name in `names`: one pass over the units'
 * top-level declarations, whatever the length of the list.
 */
static void defined_in(struct ast **asts, size_t n, const struct hotlist *hl, unsigned char *def,
                       struct strmap *names)
{
	for (size_t u = 0; u < n; u++) {
		const struct ast *a = asts[u];
		for (size_t k = 0; k < a->nnodes; k++) {
			const struct ast_node *x = &a->nodes[k];
			if (x->kind == AK_FUNC && (x->flags & AF_DEFINITION) && x->name &&
			    x->file >= 0) {
				strmap_put(names, x->name, 0);
				for (int h = hot_first(hl, x->name); h >= 0; h = hot_next(hl, h))
					def[h] |=
					    !hl->v[h].file ||
					    hot_file_matches(hl->v[h].file, a->files[x->file].path);
			}
			if (x->kind == AK_FUNC || x->kind == AK_RECORD)
				k += (size_t)x->size;
		}
	}
}

static int check_hot(const struct hotlist *hl, struct ast **asts, size_t n, struct err *e)
{
	unsigned char *def = xcalloc(hl->n + 1, 1);
	struct strmap names = STRMAP_INIT;
	defined_in(asts, n, hl, def, &names);
	int rc = 0;
	for (size_t h = 0; h < hl->n && !rc; h++) {
		const struct hotspot *hs = &hl->v[h];
		if (!def[h])
			rc = err_set(e, ERR_INPUT, NULL, 0, 0,
			             "%s: hotspot function '%s'%s%s is defined in none of the %zu "
			             "source file(s) parsed",
			             hs->where, hs->function, hs->file ? " in " : "",
			             hs->file ? hs->file : "", n);
		else if (hs->scope && !strmap_find(&names, hs->scope))
			rc = err_set(e, ERR_INPUT, NULL, 0, 0,
			             "%s: scope function '%s' is defined in none of the %zu "
			             "source file(s) parsed",
			             hs->where, hs->scope, n);
	}
	strmap_free(&names);
	free(def);
	return rc;
}

/* Functions reachable from a scope get ownership-aware free/realloc in the rewrite. */
static void mark_scopes(const struct hotlist *hl, struct ast **asts, size_t n,
                        struct esc_sums *sums)
{
	int any = 0;
	for (size_t h = 0; h < hl->n; h++)
		any |= hl->v[h].scope && strcmp(hl->v[h].scope, hl->v[h].function);
	if (!any)
		return;
	struct cg g;
	cg_init(&g);
	for (size_t u = 0; u < n; u++)
		cg_add_ast(&g, asts[u]);
	int *starts = xcalloc(g.n + 1, sizeof(int));
	unsigned char *mark = xcalloc(g.n + 1, 1);
	size_t ns = 0;
	for (size_t i = 0; i < g.n; i++) {
		if (!g.v[i].defined)
			continue;
		for (size_t h = 0; h < hl->n; h++)
			if (hl->v[h].scope && strcmp(hl->v[h].scope, hl->v[h].function) &&
			    !strcmp(hl->v[h].scope, g.v[i].name)) {
				starts[ns++] = (int)i;
				break;
			}
	}
	cg_reach(&g, starts, ns, NULL, mark, NULL);
	for (size_t i = 0; i < g.n; i++)
		if (mark[i])
			esc_sums_set_free_aware(sums, g.v[i].usr);
	free(starts);
	free(mark);
	cg_free(&g);
}

/* ---- allow comments
 * ------------------------------------------------------------------------------ */

/* Does comment text [p, e) say `arena-lint: allow(... id ...)`? */
static int comment_allows(const char *p, const char *e, const char *id)
{
	static const char key[] = "arena-lint:";
	size_t kl = sizeof(key) - 1, il = strlen(id);
	for (; p + kl <= e; p++) {
		if (memcmp(p, key, kl))
			continue;
		const char *q = p + kl;
		while (q < e && (*q == ' ' || *q == '\t'))
			q++;
		if (e - q < 6 || memcmp(q, "allow(", 6))
			continue;
		q += 6;
		for (;;) {
			while (q < e && (*q == ' ' || *q == '\t' || *q == ','))
				q++;
			const char *w = q;
			while (q < e && *q != ',' && *q != ')' && *q != ' ' && *q != '\t')
				q++;
			if (q == w)
				break;
			if ((size_t)(q - w) == il && !memcmp(w, id, il))
				return 1;
			if (q >= e || *q == ')')
				break;
		}
	}
	return 0;
}

static unsigned line_start(const char *t, unsigned off)
{
	while (off > 0 && t[off - 1] != '\n')
		off--;
	return off;
}

/* A comment token on the finding's line or the line above allows its rule. */
static int allowed(const struct ast *a, const struct esc_finding *g)
{
	int f = -1;
	for (size_t i = 0; i < a->nfiles && f < 0; i++)
		if (!strcmp(a->files[i].path, g->at.path))
			f = (int)i;
	if (f < 0)
		return 0;
	const struct ast_file *fl = &a->files[f];
	if (!fl->ntok || g->at.off > fl->len)
		return 0;
	unsigned ls = line_start(fl->text, g->at.off);
	unsigned from = ls > 0 ? line_start(fl->text, ls - 1) : 0;
	unsigned to = g->at.off;
	while (to < fl->len && fl->text[to] != '\n')
		to++;
	size_t t = ast_tok_at(a, f, from);
	if (t > 0)
		t--; /* a block comment that starts above and ends in range */
	const char *id = esc_rule_id(g->rule);
	for (; t < fl->ntok && fl->tok[t].begin < to; t++) {
		const struct ast_token *k = &fl->tok[t];
		if (k->kind != TK_COMMENT || k->end <= from)
			continue;
		if (comment_allows(fl->text + k->begin, fl->text + k->end, id))
			return 1;
	}
	return 0;
}

/* ---- ordering
 * ------------------------------------------------------------------------------------ */

static int cmp_finding(const void *pa, const void *pb)
{
	const struct esc_finding *a = pa, *b = pb;
	int c = strcmp(a->at.path, b->at.path);
	if (c)
		return c;
	if (a->at.off != b->at.off)
		return a->at.off < b->at.off ? -1 : 1;
	if (a->rule != b->rule)
		return a->rule < b->rule ? -1 : 1;
	return 0;
}

int lint_parse(const struct cmdlist *units, const char *const *names, size_t nnames, long jobs,
               struct ast **asts, struct err *e)
{
	size_t n = units->n;
	struct pjob pj = {units, asts, NULL, names, nnames, NULL};
	unsigned char *done = xcalloc(n + 1, 1), *redo = xcalloc(n + 1, 1);
	int bad = parse_all(units, jobs, &pj, e);
	/* Each round converts some units in full; a unit is converted in full at most once. */
	while (!bad && n > 1 && units_to_redo(asts, n, done, redo)) {
		pj.redo = redo;
		bad = parse_all(units, jobs, &pj, e);
		for (size_t u = 0; u < n; u++)
			done[u] |= redo[u];
	}
	free(done);
	free(redo);
	return bad;
}

void lint_summarize(struct ast *const *asts, size_t n, const struct rules *r,
                    const struct hotlist *hot, struct esc_sums *sums)
{
	/* Summaries grow monotonically; the round limit only guards against a bug. */
	for (int round = 0; round < 64; round++) {
		int changed = 0;
		for (size_t u = 0; u < n; u++)
			changed |= esc_summarize(sums, asts[u], r, hot);
		esc_sums_next_round(sums);
		if (!changed)
			break;
	}
}

int lint_run(const struct cmdlist *units, const struct lint_opts *o, FILE *out, struct err *e)
{
	size_t n = units->n;
	struct ast **asts = xcalloc(n + 1, sizeof(*asts));
	struct esc_sums *sums = esc_sums_new();
	struct esc_list all = {NULL, 0, 0};
	int rc = -1;
	/* Bodies that can touch arena memory: runtime calls, hotspots, scopes, and their kin. */
	const char **names = xcalloc(o->hot ? 2 * o->hot->n + 1 : 1, sizeof(*names));
	size_t nnames = 0;
	for (size_t h = 0; o->hot && h < o->hot->n; h++) {
		names[nnames++] = o->hot->v[h].function;
		if (o->hot->v[h].scope)
			names[nnames++] = o->hot->v[h].scope;
	}
	int bad = lint_parse(units, names, nnames, o->jobs, asts, e);
	free(names);
	if (bad)
		goto out;
	if (o->hot) {
		if (check_hot(o->hot, asts, n, e))
			goto out;
		mark_scopes(o->hot, asts, n, sums);
	}
	lint_summarize(asts, n, o->rules, o->hot, sums);
	for (size_t u = 0; u < n; u++) {
		struct esc_list l = {NULL, 0, 0};
		esc_lint_unit(asts[u], o->rules, o->hot, sums, &l);
		for (size_t i = 0; i < l.n; i++) {
			struct esc_finding *g = &l.v[i];
			int drop = allowed(asts[u], g);
			for (size_t k = 0; k < all.n && !drop; k++)
				drop = all.v[k].rule == g->rule && all.v[k].at.off == g->at.off &&
				       !strcmp(all.v[k].at.path, g->at.path);
			if (drop) {
				esc_finding_free(g);
				continue;
			}
			GROW(all.v, all.n, all.cap);
			all.v[all.n++] = *g;
		}
		free(l.v);
	}
	if (all.n)
		qsort(all.v, all.n, sizeof(*all.v), cmp_finding);
	const char *fmt = o->format ? o->format : "text";
	char *text = !strcmp(fmt, "json")    ? lintout_json(all.v, all.n)
	             : !strcmp(fmt, "sarif") ? lintout_sarif(all.v, all.n, o->tool_version)
	                                     : lintout_text(all.v, all.n);
	fputs(text, out);
	fflush(out);
	free(text);
	int errors = 0, warnings = 0;
	for (size_t i = 0; i < all.n; i++) {
		if (all.v[i].severity == ESC_ERROR)
			errors++;
		else
			warnings++;
	}
	if (all.n && !strcmp(fmt, "text"))
		fprintf(stderr, "arena-rewrite: %d error(s), %d warning(s)\n", errors, warnings);
	rc = errors ? 1 : 0;
out:
	esc_list_free(&all);
	esc_sums_free(sums);
	for (size_t u = 0; u < n; u++)
		ast_free(asts[u]);
	free(asts);
	return rc;
}
