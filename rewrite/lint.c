#include "lint.h"
#include "analysis.h"
#include "err.h"
#include "front.h"
#include "mem.h"
#include "strmap.h"
#include "summ.h"
#include "writing.h"

#include <stdlib.h>
#include <string.h>

/* ---- allow comments --------------------------------------------------------------------- */

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

/* ---- ordering ---------------------------------------------------------------------------- */

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

struct lint_job {
	struct model *m;
	const struct lint_opts *o;
	struct esc_list *per; /* one list per unit */
};

static void lint_one(void *ctx, size_t u)
{
	struct lint_job *j = ctx;
	esc_lint_unit(j->m->asts[u], j->o->rules, j->o->hot, j->m->sums, &j->per[u]);
}

/*
 * The findings of every unit, allowed ones and duplicates (a function in a header seen by
 * several units) dropped; each unit's ast is given back once merged. The units are analysed
 * in parallel (esc_lint_unit only reads the summaries) and merged in unit order, so the output
 * is the same at any -j.
 */
static void lint_units(struct model *m, const struct lint_opts *o, struct esc_list *all)
{
	struct lint_job j = {m, o, xcalloc(m->n + 1, sizeof(struct esc_list))};
	struct strmap seen = STRMAP_INIT; /* rule, offset and path of the findings kept */
	par_run(m->n, o->jobs, lint_one, &j);
	for (size_t u = 0; u < m->n; u++) {
		struct esc_list *l = &j.per[u];
		for (size_t i = 0; i < l->n; i++) {
			struct esc_finding *g = &l->v[i];
			/* In a shard, what lies in a file another shard owns is its to say. */
			int drop = !summ_owns(o->summ, g->at.path) || allowed(m->asts[u], g);
			if (!drop) {
				char *key =
				    xasprintf("%d %u %s", (int)g->rule, g->at.off, g->at.path);
				int created = 0;
				strmap_putb_dup(&seen, key, strlen(key), 0, &created);
				free(key);
				drop = !created;
			}
			if (drop) {
				esc_finding_free(g);
				continue;
			}
			GROW(all->v, all->n, all->cap);
			all->v[all->n++] = *g;
		}
		free(l->v);
		model_drop(m, u);
	}
	free(j.per);
	strmap_free_keys(&seen);
	if (all->n)
		qsort(all->v, all->n, sizeof(*all->v), cmp_finding);
}

int lint_run(const struct cmdlist *units, const struct lint_opts *o, FILE *out, struct err *e)
{
	struct model m;
	struct model_opts mo = {o->rules, o->hot, o->jobs, o->progress, NULL,
	                        NULL,     0,      NULL,    NULL,        NULL};
	struct esc_list all = {NULL, 0, 0};
	int rc = -1;
	summ_model_opts(o->summ, &mo);
	if (model_build(&m, units, &mo, e))
		goto out;
	summ_take_model(o->summ, &m);
	if (summ_exporting(o->summ)) {
		rc = summ_write(o->summ, &m, NULL, e) ? -1 : 0;
		goto out;
	}
	lint_units(&m, o, &all);
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
	model_free(&m);
	return rc;
}
