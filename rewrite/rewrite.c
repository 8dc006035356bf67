#include "rewrite.h"
#include "analysis.h"
#include "err.h"
#include "front.h"
#include "fsio.h"
#include "mem.h"
#include "planning.h"
#include "rtapi.h"
#include "rules.h"
#include "summ.h"
#include "writing.h"

#include <stdlib.h>
#include <string.h>

struct run {
	const struct rewrite_opts *o;
	const struct cmdlist *units;
	struct model_opts mo; /* the model borrows it */
	struct model m;
	struct plan_opts po;
	struct plan p;
	struct rulecheck_wrap *wraps; /* rewrite_verdicts: one per hotspot */
	unsigned char *judged;        /* per program (model.progs): one the run judged */
	FILE *out, *msg;
};

static void note_outside(void *ctx, int f, int root)
{
	struct run *r = ctx;
	const struct cg_func *fn = &r->m.cg.v[f];
	if (!summ_owns(r->o->summ, fn->file))
		return;
	char *rel = fs_relpath_cwd(fn->file);
	/* The root's file names the program when it is a main (tests/yajl_test.c: main). */
	char *rrel = fs_relpath_cwd(r->m.cg.v[root].file);
	const char *t = r->o->target;
	fprintf(r->msg,
	        "%s:%u: note: '%s' is also reached outside every scope (from '%s%s%s') in %s; "
	        "its allocations there come from the heap\n",
	        rel, fn->line, fn->name, t ? t : "", t ? ": " : "", r->m.cg.v[root].name, rrel);
	free(rrel);
	free(rel);
}

/* The unit whose source is `path`, or -1 (a header). */
static int unit_of(const struct run *r, const char *path)
{
	const struct cmd *c = cmdlist_find(r->units, path);
	return c ? (int)(c - r->units->v) : -1;
}

/* "bc/main.c: main", program p's name without link information. */
static void print_program(const struct run *r, size_t p)
{
	char *rel = fs_relpath_cwd(r->units->v[r->m.progs.main_unit[p]].file);
	fprintf(r->msg, "%s: main", rel);
	free(rel);
}

/* The units --program left out that define no main, a few by name: none of its units
 * references them. */
static void print_left_units(const struct run *r)
{
	const struct model *m = &r->m;
	size_t shown = 0;
	fprintf(r->msg, ", and %zu unit%s none of its units references (", m->nleft_units,
	        m->nleft_units == 1 ? "" : "s");
	for (size_t u = 0; u < m->n && shown < 4; u++) {
		if (progs_has(&m->progs, (size_t)m->program, u) || progs_of_main(&m->progs, u) >= 0)
			continue;
		char *rel = fs_relpath_cwd(r->units->v[u].file);
		fprintf(r->msg, "%s%s", shown++ ? ", " : "", rel);
		free(rel);
	}
	fprintf(r->msg, "%s)", m->nleft_units > shown ? ", ..." : "");
}

/* Several programs rewritten as one, or the ones --program left out (docs/rewrite.md). */
static void note_programs(const struct run *r)
{
	const struct model *m = &r->m;
	if (r->o->target) {
		char *rel = m->nmains ? fs_relpath_cwd(r->units->v[m->mains[0]].file) : NULL;
		fprintf(
		    r->msg,
		    "arena-rewrite: note: the program of target %s only (main in %s): %zu unit%s "
		    "of the sources left out, not parsed, never edited\n",
		    r->o->target, rel ? rel : "none of its units", r->o->target_left_out,
		    r->o->target_left_out == 1 ? "" : "s");
		free(rel);
	} else if (m->nleft_out || m->nleft_units) {
		char *rel = fs_relpath_cwd(r->o->program);
		fprintf(r->msg,
		        "%s: note: the program of this main only: %zu other program%s of the "
		        "sources left out",
		        rel, m->nleft_out, m->nleft_out == 1 ? "" : "s");
		if (m->nleft_units)
			print_left_units(r);
		fputs(", never edited\n", r->msg);
		free(rel);
	} else if (m->nmains > 1) {
		fprintf(r->msg, "arena-rewrite: note: the sources hold %zu programs (main in",
		        m->nmains);
		for (size_t k = 0; k < m->nmains && k < 4; k++) {
			char *rel = fs_relpath_cwd(r->units->v[m->mains[k]].file);
			fprintf(r->msg, "%s %s", k ? "," : "", rel);
			free(rel);
		}
		fprintf(r->msg,
		        "%s), rewritten as one; --program MAIN.c rewrites one and leaves the "
		        "others' code alone\n",
		        m->nmains > 4 ? ", ..." : "");
	}
}

/*
 * With several programs analysed as one: the programs each hotspot's unit is part of, in a
 * note at its definition; judged[p] set for each program holding a hotspot the run kept. With
 * --program, only that program is judged.
 */
static void note_hotspot_programs(const struct run *r, unsigned char *judged)
{
	const struct model *m = &r->m;
	const struct hotlist *hl = r->o->hot;
	if (m->program >= 0) {
		judged[m->program] = 1;
		return;
	}
	for (size_t i = 0; hl && m->progs.n > 1 && i < m->cg.n; i++) {
		const struct cg_func *fn = &m->cg.v[i];
		int h = fn->defined ? hot_first(hl, fn->name) : -1, u = -1, n = 0;
		while (h >= 0 && hl->v[h].file && !hot_file_matches(hl->v[h].file, fn->file))
			h = hot_next(hl, h);
		if (h < 0 || (u = unit_of(r, fn->file)) < 0 || !summ_owns(r->o->summ, fn->file))
			continue;
		for (size_t p = 0; p < m->progs.n; p++)
			n += progs_has(&m->progs, p, (size_t)u);
		char *rel = fs_relpath_cwd(fn->file);
		fprintf(r->msg, "%s:%u: note: hotspot '%s' is part of %s", rel, fn->line, fn->name,
		        n == 1 ? "the program of "
		        : n    ? ""
		               : "no program: no main's program has ");
		if (n > 1)
			fprintf(r->msg, "%d programs: ", n);
		for (size_t p = 0, k = 0; p < m->progs.n; p++) {
			if (!progs_has(&m->progs, p, (size_t)u))
				continue;
			judged[p] = 1;
			fputs(k++ ? ", " : "", r->msg);
			print_program(r, p);
		}
		fprintf(r->msg, "%s\n", n ? "" : "this unit");
		free(rel);
	}
}

/*
 * An edited unit that a program the run did not judge is part of too: that program now needs
 * the runtime to link. A warning when the run left that program's code out (--program: its
 * calls into the unit were never judged), a note when it was analysed with the run.
 */
static void note_shared(const struct run *r, const struct edit_set *sets, size_t nsets,
                        const unsigned char *judged)
{
	const struct model *m = &r->m;
	for (size_t k = 0; k < nsets && m->progs.n > 1; k++) {
		int u = unit_of(r, sets[k].path);
		for (size_t p = 0; u >= 0 && p < m->progs.n; p++) {
			if (judged[p] || !progs_has(&m->progs, p, (size_t)u))
				continue;
			char *rel = fs_relpath_cwd(sets[k].path);
			fprintf(r->msg, "%s: %s: also part of the program of ", rel,
			        m->program >= 0 ? "warning" : "note");
			print_program(r, p);
			if (m->program >= 0) {
				char *mrel =
				    fs_relpath_cwd(r->units->v[m->progs.main_unit[p]].file);
				fprintf(
				    r->msg,
				    ", which this run left out: that program now needs the runtime "
				    "to link, and its calls into this file were not judged "
				    "(rewrite "
				    "it with --program %s too, or build it against the original "
				    "file)\n",
				    mrel);
				free(mrel);
			} else {
				fputs(
				    ", which holds no hotspot: that program now needs the runtime "
				    "to link\n",
				    r->msg);
			}
			free(rel);
		}
	}
}

/* ---- planning ------------------------------------------------------------------------------ */

struct pjob {
	struct run *r;
	struct plan *plans;
	struct err *errs;
};

static void plan_unit(void *ctx, size_t u)
{
	struct pjob *j = ctx;
	plan_tu(&j->plans[u], j->r->m.asts[u], &j->r->po, &j->errs[u]);
	model_drop(&j->r->m, u); /* planned: its ast is no longer needed */
}

/* Plans every unit on `jobs` threads and merges the plans in unit order. */
static int plan_units(struct run *r, struct err *e)
{
	size_t n = r->m.n;
	struct pjob j = {r, xcalloc(n + 1, sizeof(struct plan)),
	                 xcalloc(n + 1, sizeof(struct err))};
	par_run(n, r->o->jobs, plan_unit, &j);
	int rc = err_take_first(j.errs, n, e);
	for (size_t u = 0; u < n; u++) {
		plan_merge(&r->p, &j.plans[u]);
		plan_free(&j.plans[u]);
	}
	plan_macro_resolve(&r->p, &r->po);
	free(j.plans);
	free(j.errs);
	return rc;
}

/* ---- what the run says about each site and function ---------------------------------------- */

static void print_sites(const struct run *r)
{
	const struct plan *p = &r->p;
	for (size_t i = 0; i < p->nsites; i++) {
		const struct plan_site *s = &p->sites[i];
		int removed = s->replacement && !strcmp(s->replacement, TEAR_REMOVED);
		if (!summ_owns(r->o->summ, s->file) || (s->replacement && !removed) ||
		    (removed && plan_tag_refused(p, s->tag)))
			continue;
		char *rel = fs_relpath_cwd(s->file);
		if (removed)
			fprintf(
			    r->msg,
			    "%s:%u:%u: note: %s removed (it still runs in malloc mode): it frees "
			    "only memory of the arena released right after\n",
			    rel, s->line, s->col, s->callee);
		else
			fprintf(r->msg, "%s:%u:%u: note: %s() not rewritten: %s\n", rel, s->line,
			        s->col, s->callee, s->reason);
		free(rel);
	}
}

/* The rule a site's callee was rewritten by: a function's name, or a hook table's field. */
static const struct rule_alloc *site_rule(const struct rules *r, const char *callee)
{
	const struct rule_alloc *ra = callee ? rules_find_alloc(r, callee) : NULL;
	return ra || !callee ? ra : rules_find_field(r, callee);
}

/*
 * A `release` call dropped for a scope frees what its argument reaches; where a hotspot of the
 * scope left an allocation on the heap (spelled in a macro's argument, ...), that memory may be
 * in the walk, and the arena would not free it: the drops of that scope are kept, and a note
 * names the buffer (docs/scopes.md, section 8).
 */
static void keep_walks(struct run *r)
{
	struct plan *p = &r->p;
	const struct hotlist *hl = r->o->hot;
	size_t ng = hl->n + r->m.nscopes;
	p->heap_left = xcalloc(ng + 1, 1);
	p->nheap_left = ng;
	const struct plan_site **first = xcalloc(ng + 1, sizeof(*first));
	for (size_t i = 0; i < p->nsites; i++) {
		const struct plan_site *s = &p->sites[i];
		const struct rule_alloc *ra = site_rule(r->o->rules, s->callee);
		if (s->replacement || s->hot < 0 || (size_t)s->hot >= hl->n || !ra ||
		    !rules_kind_allocates(ra->kind) || plan_refused(p, s->hot))
			continue;
		for (size_t f = 0; f < p->nfuncs; f++) {
			int g = p->funcs[f].group;
			if (p->funcs[f].hot != s->hot || g < 0 || (size_t)g >= ng || first[g])
				continue;
			first[g] = s;
		}
	}
	for (size_t i = 0; i < p->nsites; i++) {
		const struct plan_site *s = &p->sites[i];
		int g = PLAN_TAG_NEEDS(0) - s->tag;
		if (s->tag > PLAN_TAG_NEEDS(0) || (size_t)g >= ng || !first[g] || !s->replacement ||
		    plan_tag_refused(p, s->tag))
			continue;
		const struct plan_site *h = first[g];
		char *rel = fs_relpath_cwd(s->file), *hrel = fs_relpath_cwd(h->file);
		if (r->msg && summ_owns(r->o->summ, s->file))
			fprintf(
			    r->msg,
			    "%s:%u:%u: note: %s() kept (a release rule): hotspot '%s' of scope "
			    "'%s' "
			    "leaves %s() at %s:%u:%u on the heap (%s), which the walk may free and "
			    "the arena would not\n",
			    rel, s->line, s->col, s->callee, hl->v[h->hot].function,
			    r->m.scopes[g - (int)hl->n], h->callee, hrel, h->line, h->col,
			    h->reason);
		free(rel);
		free(hrel);
	}
	for (size_t g = 0; g < ng; g++)
		p->heap_left[g] = first[g] != NULL;
	free(first);
}

/* Why an accepted hotspot moves no allocation onto an arena: its first skipped allocation's
 * reason, or what its rewritten calls were. */
static const char *unchanged_why(const struct plan_func *f, const char *skipped)
{
	if (skipped)
		return skipped; /* "inside a macro expansion", ... */
	if (f->nrewritten)
		return "only its free and realloc calls were made ownership-aware; its allocations "
		       "go through a function the rules do not know (a wrapper needs a `name` "
		       "rule, "
		       "docs/rewrite.md, section 1), or a project macro, which allocates from a "
		       "scope only (give the hotspot a `scope`)";
	return "no call of an allocator the rules know in it (a wrapper needs a `name` rule, "
	       "docs/rewrite.md, section 1)";
}

/* Per entry, in one pass over the sites: the allocations moved onto an arena, and (why, when
 * not NULL) the first skipped one's reason. */
static int *moved_per_entry(const struct run *r, const char **why)
{
	const struct plan *p = &r->p;
	const struct hotlist *hl = r->o->hot;
	int *moved = xcalloc(hl->n + 1, sizeof(*moved));
	for (size_t i = 0; i < p->nsites; i++) {
		const struct plan_site *s = &p->sites[i];
		if (s->hot < 0 || (size_t)s->hot >= hl->n)
			continue;
		const struct rule_alloc *ra = site_rule(r->o->rules, s->callee);
		int alloc = ra && rules_kind_allocates(ra->kind);
		/* arena_realloc_any keeps heap memory on the heap: no allocation moved */
		char fn[64] = "";
		if (s->replacement)
			snprintf(fn, sizeof(fn), "%.*s", (int)strcspn(s->replacement, " ("),
			         s->replacement);
		const struct rt_func *rf = *fn ? rtapi_find(fn) : NULL;
		int aware = rf && (rf->role == RT_RESIZE_ANY || rf->role == RT_FREE);
		if (s->replacement && alloc && !aware && strcmp(s->replacement, TEAR_REMOVED))
			moved[s->hot]++;
		else if (why && !s->replacement && alloc && !why[s->hot])
			why[s->hot] = s->reason;
	}
	return moved;
}

/* Refusals, warnings under --force, hotspots with nothing to rewrite; 1 when one is refused. */
static int print_funcs(const struct run *r)
{
	const struct plan *p = &r->p;
	const struct hotlist *hl = r->o->hot;
	const struct model *m = &r->m;
	int refused = 0;
	const char **why = xcalloc(hl->n + 1, sizeof(*why));
	int *moved = moved_per_entry(r, why);
	for (size_t i = 0; i < p->nfuncs; i++) {
		const struct plan_func *f = &p->funcs[i];
		if (!summ_owns(r->o->summ, f->file))
			continue;
		int group = f->hot >= (int)hl->n;
		const char *name = group ? m->scopes[f->hot - (int)hl->n] : hl->v[f->hot].function;
		const char *what = group ? "scope" : "hotspot";
		/* A scope that is a hotspot too has both records; say things once. */
		if (!group && m->nscopes && f->refused) {
			int dup = 0;
			for (size_t k = 0; k < m->nscopes; k++)
				dup |= !strcmp(m->scopes[k], name);
			if (dup)
				continue;
		}
		char *rel = fs_relpath_cwd(f->file);
		if (f->refused) {
			fprintf(r->msg,
			        "%s:%u: error: %s '%s' refused, nothing written for it:%s\n", rel,
			        f->line, what, name, f->why);
			refused = 1;
		} else if (f->idle) {
			fprintf(
			    r->msg,
			    "%s:%u: warning: scope '%s' writes nothing: no hotspot allocating from "
			    "its arena moves an allocation onto it\n",
			    rel, f->line, name);
		} else if (f->warn) {
			fprintf(r->msg, "%s:%u: warning: %s '%s' rewritten under --force:%s\n", rel,
			        f->line, what, name, f->warn);
		} else if (!group && !moved[f->hot] && (f->group < 0 || !f->nrewritten)) {
			fprintf(
			    r->msg,
			    "%s:%u: warning: hotspot '%s' moves no allocation onto an arena: %s\n",
			    rel, f->line, name, unchanged_why(f, why[f->hot]));
		}
		if (!f->refused && f->group >= 0 && plan_refused(p, f->group))
			refused = 1;
		if (!f->refused && !f->idle && f->frees_early)
			fprintf(
			    r->msg,
			    "%s:%u: note: scope '%s' holds what the loop at line %u frees as it "
			    "goes: its arena keeps every iteration's memory until '%s' returns "
			    "(ARENA_STATS=1 shows how much); a scope inside the loop would give it "
			    "back (docs/scopes.md, section 12)\n",
			    rel, f->line, name, f->frees_early, name);
		free(rel);
	}
	free(moved);
	free(why);
	return refused;
}

/* ---- edits, diff and writes ----------------------------------------------------------------- */

/* After the writes: a run that changes nothing says so, an -i run gives its counts. A shard's
 * share of a run does not speak for the whole run. */
static void print_counts(const struct run *r, size_t nsets)
{
	const struct rewrite_opts *o = r->o;
	if (o->summ)
		return;
	if (!nsets) {
		fputs("arena-rewrite: note: nothing changed: no hotspot gives an edit\n", r->msg);
		return;
	}
	if (!o->in_place)
		return;
	struct report_counts c;
	report_count(&r->p, o->hot->n, r->m.nscopes, &c);
	fprintf(r->msg,
	        "arena-rewrite: wrote %zu file%s: %d call site%s rewritten, %d made "
	        "ownership-aware, %d teardown walk%s removed, %d skipped, %d hotspot%s or "
	        "scope%s refused\n",
	        nsets, nsets == 1 ? "" : "s", c.rewritten, c.rewritten == 1 ? "" : "s",
	        c.ownership_aware, c.removed, c.removed == 1 ? "" : "s", c.skipped, c.refused,
	        c.refused == 1 ? "" : "s", c.refused == 1 ? "" : "s");
}

/* The write phase (wset.h): the report's text is made here, where the plan is. */
static int finish(struct run *r, struct err *e)
{
	const struct rewrite_opts *o = r->o;
	struct edit_set *sets = NULL;
	size_t nsets = plan_finish(&r->p, &sets), kept = 0;
	for (size_t k = 0; k < nsets; k++) { /* a shard writes the files it owns */
		if (summ_owns(o->summ, sets[k].path))
			sets[kept++] = sets[k];
		else
			edit_free(&sets[k]);
	}
	nsets = kept;
	char *json = o->report ? report_json(&r->p, o->hot, r->m.scopes, r->m.nscopes) : NULL;
	struct wset_opts wo = {o->in_place, o->report, json, r->units, r->out, r->msg, o->diff};
	int rc = wset_run(sets, nsets, &wo, e);
	if (!rc && r->judged && !o->summ)
		note_shared(r, sets, nsets, r->judged);
	if (!rc)
		print_counts(r, nsets);
	free(json);
	for (size_t k = 0; k < nsets; k++)
		edit_free(&sets[k]);
	free(sets);
	return rc;
}

/* The model and the merged plan of every unit: what both a rewrite and its verdicts need. */
static int plan_all(struct run *r, struct err *e)
{
	const struct rewrite_opts *o = r->o;
	struct model_opts mo = {o->rules, o->hot, o->jobs, o->progress, NULL,
	                        NULL,     0,      NULL,    NULL,        NULL};
	mo.undefined = o->undefined;
	mo.program = o->program;
	mo.target = o->target;
	summ_model_opts(o->summ, &mo);
	r->mo = mo;
	if (model_build(&r->m, r->units, &r->mo, e))
		return -1;
	summ_take_model(o->summ, &r->m);
	r->po = (struct plan_opts){o->style,
	                           o->force,
	                           o->rules,
	                           o->hot,
	                           r->m.scope_fn,
	                           r->m.nscopes,
	                           r->m.cg.n ? &r->m.cg : NULL,
	                           r->m.reach,
	                           r->m.sums,
	                           r->m.reach_local,
	                           r->m.addr_frees,
	                           r->m.addr_free_local,
	                           r->m.addr_free_scoped,
	                           r->m.n == 1,
	                           r->m.sets.n ? &r->m.sets : NULL};
	/* Before the plans give the asts back: what the sources show of the hotspots. */
	if (r->wraps)
		for (size_t h = 0; h < o->hot->n; h++)
			rulecheck_wrapper(r->m.asts, r->m.n, o->rules, o->hot->v[h].function,
			                  &r->wraps[h]);
	return plan_units(r, e);
}

/* ---- rounds: a refusal is final once the rest is judged without it --------------------------- */

/* Switches off the entries allocating from scope `name`, marking them in gone: 1 if any. */
static int switch_off_scope(struct hotlist *hl, const char *name, unsigned char *gone)
{
	int any = 0;
	for (size_t h = 0; h < hl->n; h++)
		if (!hl->v[h].off && hl->v[h].scope && !strcmp(hl->v[h].scope, name)) {
			hot_set_off(hl, (int)h);
			gone[h] = 1;
			any = 1;
		}
	return any;
}

/*
 * Switches off the entries of every scope none of whose entries moves an allocation onto its
 * arena (idle[k]): its push and release would be all its edits. A second run over a rewrite
 * whose refused hotspot kept only an ownership-aware realloc finds such a scope, and must
 * write nothing, as the first did. 1 when some entry went off.
 */
static int switch_off_idle(struct run *r, struct hotlist *hl, unsigned char *gone,
                           unsigned char *idle)
{
	const struct model *m = &r->m;
	int *moved = moved_per_entry(r, NULL), more = 0;
	for (size_t k = 0; k < m->nscopes; k++) {
		if (!*m->scope_fn[k] || !hot_is_scope(hl, m->scopes[k]))
			continue;
		int any = 0;
		for (size_t h = 0; h < hl->n; h++) /* sites are recorded under a function's first */
			any |= !hl->v[h].off && hl->v[h].scope &&
			       !strcmp(hl->v[h].scope, m->scopes[k]) &&
			       moved[hot_first_entry(hl, (int)h)] > 0;
		for (size_t i = 0; i < r->p.nsites; i++) /* its own: calls returning its memory */
			any |= r->p.sites[i].hot == (int)(hl->n + k) && r->p.sites[i].replacement;
		if (any)
			continue;
		idle[k] = 1;
		more |= switch_off_scope(hl, m->scopes[k], gone);
	}
	free(moved);
	return more;
}

/* Switches off the entries this round refused, and those allocating from a refused scope, and
 * keeps in `kept` the records and sites of what is gone: those entries, refused scopes, and
 * scopes left without entries (which no later round plans), and the calls left alone
 * elsewhere. 1 when some entry went off. */
static int switch_off_refused(struct run *r, struct hotlist *hl, struct plan *kept)
{
	const struct model *m = &r->m;
	size_t nid = hl->n + m->nscopes;
	unsigned char *gone = xcalloc(nid + 1, 1);
	int more = 0;
	for (size_t h = 0; h < hl->n; h++)
		if (!hl->v[h].off && plan_refused(&r->p, (int)h)) {
			hot_set_off(hl, (int)h);
			gone[h] = 1;
			more = 1;
		}
	for (size_t k = 0; k < m->nscopes; k++) {
		if (!plan_refused(&r->p, (int)(hl->n + k)))
			continue;
		more |= switch_off_scope(hl, m->scopes[k], gone);
	}
	unsigned char *idle = xcalloc(m->nscopes + 1, 1);
	/* Idle is judged on a round that refused nothing: one that did recorded the sites of
	 * entries now off, which the next round records under others. */
	if (!more)
		more = switch_off_idle(r, hl, gone, idle);
	for (size_t k = 0; k < m->nscopes; k++)
		gone[hl->n + k] = *m->scope_fn[k] && !hot_is_scope(hl, m->scopes[k]);
	for (size_t i = 0; more && i < r->p.nfuncs; i++) {
		const struct plan_func *f = &r->p.funcs[i];
		if (f->hot < 0 || (size_t)f->hot >= nid || !gone[f->hot])
			continue;
		int k = f->hot - (int)hl->n;
		plan_keep_record(kept, f,
		                 k >= 0 && !idle[k]
		                     ? "\n  every hotspot allocating from its arena is refused"
		                     : NULL);
		kept->funcs[kept->nfuncs - 1].idle = k >= 0 && idle[k];
	}
	for (size_t i = 0; more && i < r->p.nsites; i++) {
		/* and the calls left alone in code those reached: their notes explain refusals */
		const struct plan_site *st = &r->p.sites[i];
		if ((st->hot >= 0 && (size_t)st->hot < nid && gone[st->hot]) ||
		    (st->hot < 0 && !st->replacement))
			plan_keep_site(kept, st);
	}
	free(gone);
	free(idle);
	return more;
}

/*
 * Plans the run until its verdicts hold together. A round judges every hotspot as if all the
 * others were rewritten: an accepted scope may count on the ownership-aware realloc in a
 * refused hotspot's body, or on a refused constructor's memory being an arena's
 * (tests/corpus/refw_*). So the entries a round refuses are switched off (their functions
 * become ordinary ones: hot.h) and the sources are judged again, until a round refuses nothing
 * new; the last round's plan is the one written, with the earlier refusals' records added. Each
 * round parses the sources again. A shard given the facts (--summaries) is judged once, with
 * the entries the export's rounds refused switched off, as its share of the whole run.
 */
static int plan_rounds(struct run *r, struct err *e)
{
	/* The caller's list: entries are switched back on before returning. */
	struct hotlist *hl = (struct hotlist *)r->o->hot;
	struct plan kept;
	memset(&kept, 0, sizeof(kept));
	int given = summ_given_refusals(r->o->summ, hl), rc;
	for (;;) {
		rc = plan_all(r, e);
		if (rc || given || !hl || !switch_off_refused(r, hl, &kept))
			break;
		plan_free(&r->p);
		model_free(&r->m);
		memset(&r->p, 0, sizeof(r->p));
		memset(&r->m, 0, sizeof(r->m));
	}
	if (!rc && !summ_exporting(r->o->summ) && r->msg) {
		note_programs(r);
		model_outside(&r->m, note_outside, r);
	}
	if (!rc && kept.nfuncs)
		plan_merge(&r->p, &kept);
	plan_free(&kept);
	for (size_t h = 0; hl && h < hl->n; h++)
		hl->v[h].off = 0;
	if (!rc && !summ_exporting(r->o->summ) && r->msg) { /* refused entries too */
		r->judged = xcalloc(r->m.progs.n + 1, 1);
		note_hotspot_programs(r, r->judged);
	}
	return rc;
}

int rewrite_run(const struct cmdlist *units, const struct rewrite_opts *o, FILE *out, FILE *msg,
                struct err *e)
{
	struct run r;
	memset(&r, 0, sizeof(r));
	r.o = o;
	r.units = units;
	r.out = out;
	r.msg = msg;
	int rc = -1;
	if (plan_rounds(&r, e))
		goto out;
	if (summ_exporting(o->summ)) {
		rc = summ_write(o->summ, &r.m, &r.p, e) ? -1 : 0;
		goto out;
	}
	summ_merge_verdicts(o->summ, &r.p);
	keep_walks(&r);
	print_sites(&r);
	int refused = print_funcs(&r);
	if (!finish(&r, e))
		rc = refused;
out:
	free(r.judged);
	plan_free(&r.p);
	model_free(&r.m);
	return rc;
}

/* The first line of a refusal text, trimmed ("why" lists one reason a line). */
static char *first_line(const char *why)
{
	while (*why == '\n' || *why == ' ')
		why++;
	size_t n = strcspn(why, "\n");
	return xstrndup(why, n);
}

/* Whether name is a line of list ("a\nb\n"). */
static int name_listed(const char *list, const char *name)
{
	size_t n = strlen(name);
	for (const char *l = list; *l; l = strchr(l, '\n') + 1) {
		if (!strncmp(l, name, n) && l[n] == '\n')
			return 1;
		if (!strchr(l, '\n'))
			break;
	}
	return 0;
}

int rewrite_verdicts(const struct cmdlist *units, const struct rewrite_opts *o,
                     struct rewrite_verdict *v, struct err *e)
{
	struct run r;
	memset(&r, 0, sizeof(r));
	r.o = o;
	r.units = units;
	const struct hotlist *hl = o->hot;
	r.wraps = xcalloc(hl->n + 1, sizeof(*r.wraps));
	int rc = plan_all(&r, e); /* one round: prof_check runs its own (tool/prof_check.c) */
	for (size_t h = 0; rc && h < hl->n; h++)
		free(r.wraps[h].via);
	for (size_t h = 0; !rc && h < hl->n; h++) {
		v[h].wrapper = r.wraps[h].kind;
		v[h].via_kind = r.wraps[h].via_kind;
		v[h].via = r.wraps[h].via;
	}
	free(r.wraps);
	for (size_t i = 0; !rc && i < r.p.nfuncs; i++) {
		const struct plan_func *f = &r.p.funcs[i];
		int group = f->hot >= (int)hl->n;
		for (size_t h = 0; h < hl->n; h++) {
			const struct hotspot *hs = &hl->v[h];
			int mine =
			    group ? hs->scope && !strcmp(hs->scope, r.m.scopes[f->hot - (int)hl->n])
			          : f->hot == (int)h;
			if (!mine)
				continue;
			/* a scope refused for memory of other hotspots only: theirs to move */
			if (group && f->blame && !name_listed(f->blame, hs->function))
				continue;
			if (f->refused && !v[h].self) {
				v[h].self = 1;
				free(v[h].why);
				v[h].why = first_line(f->why ? f->why : "refused");
			}
		}
	}
	/* Allocations moved onto the arena: a rewrite of frees alone moves nothing. */
	for (size_t i = 0; !rc && i < r.p.nsites; i++) {
		const struct plan_site *st = &r.p.sites[i];
		const struct rule_alloc *ra = site_rule(o->rules, st->callee);
		int alloc = ra && rules_kind_allocates(ra->kind);
		if (st->hot < 0 || (size_t)st->hot >= hl->n || !alloc)
			continue;
		if (st->replacement && strcmp(st->replacement, TEAR_REMOVED))
			v[st->hot].nrewritten++;
		else if (!st->replacement && !v[st->hot].skipped && st->reason)
			v[st->hot].skipped = xstrdup(st->reason);
	}
	for (size_t h = 0; !rc && h < hl->n; h++) {
		v[h].refused = plan_refused(&r.p, (int)h);
		if (v[h].refused && !v[h].why)
			v[h].why = xstrdup("refused with its scope's other hotspots");
	}
	plan_free(&r.p);
	model_free(&r.m);
	return rc;
}
