/*
 * planmerge: the merging of per-unit plans, the queries on their records and the per-file edit
 * sets (plan_merge, plan_refused, plan_tag_refused, plan_finish in plan.h).
 *
 * A run over a large unit has thousands of records, sites and edits, so nothing here scans the
 * records once per record: struct plan_ix chains the records by hotspot and by tag, and keeps
 * the key ("hot:off:file") of every record and site seen, to drop the duplicates that a
 * function in a header gives (one per unit that includes it). plan_merge and plan_finish bring
 * the index up to date (records added since are indexed first); the const queries use it when
 * it covers every record, and otherwise scan, which only a plan nobody merged ever needs.
 *
 * Invariant: ix->nfuncs records and ix->nsites sites are indexed, the first ones of the plan.
 * The index's keys are its own; its chains hold record indexes, which stay valid because
 * records are only appended.
 */
#include "analysis.h"
#include "edit.h"
#include "mem.h"
#include "plan.h"
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

struct plan_ix {
	size_t nfuncs, nsites;      /* records and sites indexed */
	struct strmap funcs, sites; /* their keys */
	char **keys;
	size_t nkeys, keys_cap;
	int *first_hot, *first_alias; /* by hotspot or tag: a record, -1 none */
	/* by hotspot or group: some record of it refused itself (1), a veto record names it (2) */
	unsigned char *direct;
	size_t nids;
	int *next_hot, *next_alias; /* by record: the next one of the same hotspot, tag */
	size_t recs_cap;
};

static void ix_free(struct plan_ix *ix)
{
	if (!ix)
		return;
	for (size_t i = 0; i < ix->nkeys; i++)
		free(ix->keys[i]);
	free(ix->keys);
	strmap_free(&ix->funcs);
	strmap_free(&ix->sites);
	free(ix->first_hot);
	free(ix->first_alias);
	free(ix->direct);
	free(ix->next_hot);
	free(ix->next_alias);
	free(ix);
}

static void ix_ids(struct plan_ix *ix, int id)
{
	if (id < 0 || (size_t)id < ix->nids)
		return;
	size_t n = ix->nids ? ix->nids : 16;
	while (n <= (size_t)id)
		n *= 2;
	ix->first_hot = xrealloc(ix->first_hot, n * sizeof(int));
	ix->first_alias = xrealloc(ix->first_alias, n * sizeof(int));
	ix->direct = xrealloc(ix->direct, n);
	for (size_t i = ix->nids; i < n; i++) {
		ix->first_hot[i] = ix->first_alias[i] = -1;
		ix->direct[i] = 0;
	}
	ix->nids = n;
}

/* The key of a record or site; NULL when it is already in m (a duplicate). */
static char *new_key(struct plan_ix *ix, struct strmap *m, int hot, unsigned off, const char *file,
                     int val)
{
	char *k = xasprintf("%d:%u:%s", hot, off, file);
	if (strmap_find(m, k)) {
		free(k);
		return NULL;
	}
	GROW(ix->keys, ix->nkeys, ix->keys_cap);
	ix->keys[ix->nkeys++] = k;
	strmap_put(m, k, val);
	return k;
}

/*
 * One verdict per definition: a function defined in a header is planned once per unit that
 * includes it, and is rewritten only when it is safe in every one of them, whatever the order
 * of the units. f is the duplicate record of one already in dst.
 */
static void merge_verdict(struct plan *dst, struct plan_ix *ix, struct plan_func *f)
{
	char *k = xasprintf("%d:%u:%s", f->hot, f->off, f->file);
	const struct strmap_ent *en = strmap_find(&ix->funcs, k);
	free(k);
	if (!en || !f->refused || dst->funcs[en->val].refused)
		return;
	struct plan_func *d = &dst->funcs[en->val];
	d->refused = 1;
	free(d->why);
	d->why = f->why;
	f->why = NULL;
	free(d->blame);
	d->blame = f->blame;
	f->blame = NULL;
	if (d->hot >= 0 && (size_t)d->hot < ix->nids)
		ix->direct[d->hot] |= 1;
}

static void ix_add_func(struct plan_ix *ix, const struct plan_func *f, int i)
{
	if ((size_t)i >= ix->recs_cap) {
		ix->recs_cap = ix->recs_cap ? 2 * ix->recs_cap : 64;
		ix->next_hot = xrealloc(ix->next_hot, ix->recs_cap * sizeof(int));
		ix->next_alias = xrealloc(ix->next_alias, ix->recs_cap * sizeof(int));
	}
	ix->next_hot[i] = ix->next_alias[i] = -1;
	if (f->hot >= 0) {
		ix_ids(ix, f->hot);
		ix->next_hot[i] = ix->first_hot[f->hot];
		ix->first_hot[f->hot] = i;
		ix->direct[f->hot] |= (f->refused != 0) | (f->veto ? 2 : 0);
	}
	if (f->alias >= 0) {
		ix_ids(ix, f->alias);
		ix->next_alias[i] = ix->first_alias[f->alias];
		ix->first_alias[f->alias] = i;
	}
	ix->nfuncs = (size_t)i + 1;
}

/* Indexes the records and sites added since the last call. */
static struct plan_ix *ix_update(struct plan *p)
{
	if (!p->ix)
		p->ix = xcalloc(1, sizeof(*p->ix));
	struct plan_ix *ix = p->ix;
	for (size_t i = ix->nfuncs; i < p->nfuncs; i++) {
		const struct plan_func *f = &p->funcs[i];
		new_key(ix, &ix->funcs, f->hot, f->off, f->file, (int)i);
		ix_add_func(ix, f, (int)i);
	}
	for (; ix->nsites < p->nsites; ix->nsites++) {
		const struct plan_site *s = &p->sites[ix->nsites];
		new_key(ix, &ix->sites, s->hot, s->off, s->file, 0);
	}
	return ix;
}

static int ix_fresh(const struct plan *p)
{
	return p->ix && p->ix->nfuncs == p->nfuncs;
}

static void site_clear(struct plan_site *s)
{
	free(s->file);
	free(s->callee);
	free(s->replacement);
	free(s->reason);
}

static void func_clear(struct plan_func *f)
{
	free(f->file);
	free(f->why);
	free(f->blame);
	free(f->warn);
}

/* The parsed texts' hashes (plan.h): a file two units parsed differently gets hash 0. */
static void merge_texts(struct plan *dst, struct plan *src)
{
	for (size_t i = 0; i < src->ntexts; i++) {
		struct plan_text *t = &src->texts[i];
		size_t j = 0;
		while (j < dst->ntexts && strcmp(dst->texts[j].file, t->file))
			j++;
		if (j < dst->ntexts) {
			if (dst->texts[j].hash != t->hash)
				dst->texts[j].hash = 0; /* changed between two parses */
			free(t->file);
			continue;
		}
		GROW(dst->texts, dst->ntexts, dst->texts_cap);
		dst->texts[dst->ntexts++] = *t;
	}
	free(src->texts);
}

void plan_merge(struct plan *dst, struct plan *src)
{
	struct plan_ix *ix = ix_update(dst);
	if (!dst->sets)
		dst->sets = src->sets;
	for (size_t i = 0; i < src->nfuncs; i++) {
		struct plan_func *f = &src->funcs[i];
		if (!new_key(ix, &ix->funcs, f->hot, f->off, f->file, (int)dst->nfuncs)) {
			merge_verdict(dst, ix, f);
			func_clear(f);
			continue;
		}
		GROW(dst->funcs, dst->nfuncs, dst->funcs_cap);
		dst->funcs[dst->nfuncs++] = *f;
		ix_add_func(ix, f, (int)dst->nfuncs - 1);
	}
	for (size_t i = 0; i < src->nsites; i++) {
		struct plan_site *s = &src->sites[i];
		if (!new_key(ix, &ix->sites, s->hot, s->off, s->file, 0)) {
			site_clear(s);
			continue;
		}
		GROW(dst->sites, dst->nsites, dst->sites_cap);
		dst->sites[dst->nsites++] = *s;
		ix->nsites = dst->nsites;
	}
	for (size_t i = 0; i < src->nedits; i++) {
		GROW(dst->edits, dst->nedits, dst->edits_cap);
		dst->edits[dst->nedits++] = src->edits[i];
	}
	for (size_t i = 0; i < src->nincs; i++) {
		GROW(dst->incs, dst->nincs, dst->incs_cap);
		dst->incs[dst->nincs++] = src->incs[i];
	}
	for (size_t i = 0; i < src->nmuses; i++) {
		GROW(dst->muses, dst->nmuses, dst->muses_cap);
		dst->muses[dst->nmuses++] = src->muses[i];
	}
	free(src->muses);
	merge_texts(dst, src);
	free(src->funcs);
	free(src->sites);
	free(src->edits);
	free(src->incs);
	ix_free(src->ix);
	memset(src, 0, sizeof(*src));
}

void plan_keep_record(struct plan *dst, const struct plan_func *f, const char *why)
{
	GROW(dst->funcs, dst->nfuncs, dst->funcs_cap);
	struct plan_func *d = &dst->funcs[dst->nfuncs++];
	*d = *f;
	d->file = xstrdup(f->file);
	d->why = f->why ? xstrdup(f->why) : NULL;
	d->blame = f->blame ? xstrdup(f->blame) : NULL;
	d->warn = f->warn ? xstrdup(f->warn) : NULL;
	if (!f->refused && why) {
		d->refused = 1;
		free(d->why);
		d->why = xstrdup(why);
		free(d->blame);
		d->blame = NULL;
	}
}

void plan_keep_site(struct plan *dst, const struct plan_site *s)
{
	GROW(dst->sites, dst->nsites, dst->sites_cap);
	struct plan_site *d = &dst->sites[dst->nsites++];
	*d = *s;
	d->file = xstrdup(s->file);
	d->callee = s->callee ? xstrdup(s->callee) : NULL;
	d->replacement = s->replacement ? xstrdup(s->replacement) : NULL;
	d->reason = s->reason ? xstrdup(s->reason) : NULL;
}

static int group_refused(const struct plan *p, int g)
{
	if (ix_fresh(p))
		return (size_t)g < p->ix->nids && p->ix->direct[g];
	for (size_t i = 0; i < p->nfuncs; i++)
		if (p->funcs[i].hot == g && p->funcs[i].refused)
			return 1;
	return 0;
}

static int vetoed(const struct plan *p, int h)
{
	if (h < 0)
		return 0;
	if (ix_fresh(p))
		return (size_t)h < p->ix->nids && (p->ix->direct[h] & 2);
	for (size_t i = 0; i < p->nfuncs; i++)
		if (p->funcs[i].hot == h && p->funcs[i].veto)
			return 1;
	return 0;
}

static int record_refused(const struct plan *p, const struct plan_func *f)
{
	return f->refused || (f->group >= 0 && group_refused(p, f->group)) || vetoed(p, f->hot);
}

int plan_refused(const struct plan *p, int h)
{
	if (h < 0)
		return 0;
	if (ix_fresh(p)) {
		int i = (size_t)h < p->ix->nids ? p->ix->first_hot[h] : -1;
		for (; i >= 0; i = p->ix->next_hot[i])
			if (record_refused(p, &p->funcs[i]))
				return 1;
		return 0;
	}
	for (size_t i = 0; i < p->nfuncs; i++)
		if (p->funcs[i].hot == h && record_refused(p, &p->funcs[i]))
			return 1;
	return 0;
}

/* Edits tagged t are dropped when every record carrying that tag is refused: a hotspot that
 * serves two scopes keeps its rewrite while one of them is accepted. */
static int hot_in_group_refused(const struct plan *p, int g)
{
	for (size_t i = 0; i < p->nfuncs; i++)
		if (p->funcs[i].group == g && p->funcs[i].refused)
			return 1;
	return 0;
}

/* Whether every arena of set k is refused. */
static int set_refused(const struct plan *p, int k)
{
	if (!p->sets || k < 0 || (size_t)k >= p->sets->n)
		return 0;
	const struct cg_set *s = &p->sets->v[k];
	for (size_t i = 0; i < s->n; i++)
		if (!plan_refused(p, s->v[i]))
			return 0;
	return 1;
}

int plan_tag_refused(const struct plan *p, int t)
{
	if (PLAN_TAG_IS_SET(t))
		return set_refused(p, t - INT_MIN);
	if (t <= PLAN_TAG_NEEDS(0))
		return plan_tag_refused(p, PLAN_TAG_NEEDS(0) - t) ||
		       hot_in_group_refused(p, PLAN_TAG_NEEDS(0) - t) ||
		       ((size_t)(PLAN_TAG_NEEDS(0) - t) < p->nheap_left &&
		        p->heap_left[PLAN_TAG_NEEDS(0) - t]);
	if (t < 0)
		return 0;
	int found = 0;
	if (ix_fresh(p)) {
		int i = (size_t)t < p->ix->nids ? p->ix->first_alias[t] : -1;
		for (; i >= 0; i = p->ix->next_alias[i]) {
			found = 1;
			if (!record_refused(p, &p->funcs[i]))
				return 0;
		}
		return found;
	}
	for (size_t i = 0; i < p->nfuncs; i++) {
		if (p->funcs[i].alias != t)
			continue;
		found = 1;
		if (!record_refused(p, &p->funcs[i]))
			return 0;
	}
	return found;
}

static int cmp_set(const void *a, const void *b)
{
	return strcmp(((const struct edit_set *)a)->path, ((const struct edit_set *)b)->path);
}

/* Whether edit ed's tag is dropped, from plan_finish's per-tag answers. */
static int edit_dropped(const struct plan *p, const struct plan_edit *ed,
                        const unsigned char *dropped, const unsigned char *needs_dropped,
                        const unsigned char *set_dropped)
{
	size_t nids = p->ix->nids, nset = p->sets ? p->sets->n : 0;
	if (ed->hot >= 0 && (size_t)ed->hot < nids && dropped[ed->hot])
		return 1;
	if (PLAN_TAG_IS_SET(ed->hot) && (size_t)(ed->hot - INT_MIN) < nset &&
	    set_dropped[ed->hot - INT_MIN])
		return 1;
	int g = PLAN_TAG_NEEDS(0) - ed->hot;
	return ed->hot <= PLAN_TAG_NEEDS(0) && (size_t)g < nids && needs_dropped[g];
}

/* Whether the place edit ed replaces is in m; with add, puts it there. */
static int strong_key(struct strmap *m, const struct plan_edit *ed, int add)
{
	char *k = xasprintf("%zu:%zu:%s", ed->begin, ed->end, ed->file);
	int found = strmap_find(m, k) != NULL;
	if (add && !found)
		strmap_put(m, k, 0);
	else
		free(k);
	return found;
}

size_t plan_finish(struct plan *p, struct edit_set **out)
{
	struct plan_ix *ix = ix_update(p);
	/* Whether each tag's edits are dropped, decided once per tag. */
	unsigned char *dropped = xcalloc(ix->nids + 1, 1);
	for (size_t t = 0; t < ix->nids; t++)
		dropped[t] = (unsigned char)plan_tag_refused(p, (int)t);
	/* Groups some hotspot allocating from them refused (for PLAN_TAG_NEEDS), in one pass. */
	unsigned char *needs_dropped = xcalloc(ix->nids + 1, 1);
	for (size_t i = 0; i < p->nfuncs; i++)
		if (p->funcs[i].group >= 0 && (size_t)p->funcs[i].group < ix->nids &&
		    p->funcs[i].refused)
			needs_dropped[p->funcs[i].group] = 1;
	for (size_t g = 0; g < ix->nids; g++)
		needs_dropped[g] |= dropped[g] | (g < p->nheap_left && p->heap_left[g]);
	/* One set per file with at least one accepted edit, found by path. */
	struct strmap byfile = STRMAP_INIT;
	struct edit_set *sets = NULL;
	size_t nf = 0, cap = 0;
	size_t nset = p->sets ? p->sets->n : 0;
	unsigned char *set_dropped = xcalloc(nset + 1, 1);
	for (size_t k = 0; k < nset; k++)
		set_dropped[k] = (unsigned char)set_refused(p, (int)k);
	unsigned char *keep = xcalloc(p->nedits + 1, 1);
	struct strmap strong = STRMAP_INIT; /* "begin:end:file" of accepted non-weak edits */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < p->nedits; i++) {
			const struct plan_edit *ed = &p->edits[i];
			if (pass == 0) {
				keep[i] = !edit_dropped(p, ed, dropped, needs_dropped, set_dropped);
				if (keep[i] && !ed->weak && ed->hot >= 0)
					strong_key(&strong, ed, 1);
			} else if (keep[i] && ed->weak && strong_key(&strong, ed, 0)) {
				keep[i] = 0;
			}
		}
	strmap_free_keys(&strong);
	for (size_t i = 0; i < p->nedits; i++) {
		const struct plan_edit *ed = &p->edits[i];
		if (!keep[i])
			continue;
		const struct strmap_ent *en = strmap_find(&byfile, ed->file);
		if (!en) {
			GROW(sets, nf, cap);
			edit_init(&sets[nf], ed->file);
			en = strmap_put(&byfile, ed->file, (int)nf++);
		}
		edit_add(&sets[en->val], ed->begin, ed->end, ed->text, ed->seq);
	}
	/* A file's first include spot, once. */
	unsigned char *has_inc = xcalloc(nf + 1, 1);
	for (size_t i = 0; i < p->nincs; i++) {
		const struct strmap_ent *en = strmap_find(&byfile, p->incs[i].file);
		if (!en || has_inc[en->val])
			continue;
		has_inc[en->val] = 1;
		edit_add(&sets[en->val], p->incs[i].begin, p->incs[i].end, p->incs[i].text,
		         p->incs[i].seq);
	}
	for (size_t i = 0; i < p->ntexts; i++) {
		const struct strmap_ent *en = strmap_find(&byfile, p->texts[i].file);
		if (en) {
			sets[en->val].parsed_hash = p->texts[i].hash;
			sets[en->val].have_parsed = 1;
		}
	}
	if (nf) /* qsort(NULL, 0) is undefined */
		qsort(sets, nf, sizeof(*sets), cmp_set);
	strmap_free(&byfile);
	free(has_inc);
	free(dropped);
	free(needs_dropped);
	free(set_dropped);
	free(keep);
	*out = sets ? sets : xcalloc(1, sizeof(*sets));
	return nf;
}

void plan_free(struct plan *p)
{
	for (size_t i = 0; i < p->nsites; i++)
		site_clear(&p->sites[i]);
	for (size_t i = 0; i < p->nedits; i++) {
		free(p->edits[i].file);
		free(p->edits[i].text);
	}
	for (size_t i = 0; i < p->nincs; i++) {
		free(p->incs[i].file);
		free(p->incs[i].text);
	}
	for (size_t i = 0; i < p->nfuncs; i++)
		func_clear(&p->funcs[i]);
	free(p->sites);
	free(p->edits);
	free(p->incs);
	free(p->funcs);
	for (size_t i = 0; i < p->ntexts; i++)
		free(p->texts[i].file);
	free(p->texts);
	for (size_t i = 0; i < p->nmuses; i++)
		plan_muse_clear(&p->muses[i]);
	free(p->muses);
	free(p->heap_left);
	ix_free(p->ix);
	memset(p, 0, sizeof(*p));
}
