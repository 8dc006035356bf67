#include "model.h"
#include "cg.h"
#include "err.h"
#include "esc.h"
#include "front.h"
#include "fsio.h"
#include "hot.h"
#include "mem.h"
#include "progs.h"
#include "rtapi.h"
#include "rules.h"
#include "rulecheck.h"
#include "strmap.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

/* ---- translation units ------------------------------------------------------------------ */

/* Databases found by walking up from the sources, each loaded once. */
struct dbs {
	char **dirs;
	struct cmdlist *lists;
	size_t n, cap, lcap;
};

/* *found: abs's entry in the database above it, or NULL; -1 when that database is malformed
 * (cmd_check_db). */
static int find_walking_up(struct dbs *d, const char *abs, const struct cmd **found, struct err *e)
{
	char *dir = cmd_find_db(abs);
	*found = NULL;
	if (!dir)
		return 0;
	size_t k;
	for (k = 0; k < d->n && strcmp(d->dirs[k], dir); k++)
		;
	if (k == d->n) {
		GROW(d->dirs, d->n, d->cap);
		GROW(d->lists, d->n, d->lcap);
		memset(&d->lists[d->n], 0, sizeof(d->lists[d->n]));
		d->dirs[d->n] = dir;
		struct err ignore = ERR_INIT;
		int bad = cmd_check_db(dir, e);
		if (!bad)
			cx_cdb_load(dir, &d->lists[d->n], &ignore);
		err_clear(&ignore);
		d->n++;
		if (bad)
			return -1;
	} else {
		free(dir);
	}
	*found = cmdlist_find(&d->lists[k], abs);
	return 0;
}

static void dbs_free(struct dbs *d)
{
	for (size_t k = 0; k < d->n; k++) {
		free(d->dirs[k]);
		cmdlist_free(&d->lists[k]);
	}
	free(d->dirs);
	free(d->lists);
}

/* Every command of the database given with -p (no SOURCE named). */
static void units_from_db(const struct model_src *src, const struct cmdlist *db,
                          struct cmdlist *units)
{
	for (size_t i = 0; i < db->n; i++) {
		struct cmd c;
		cmd_init(&c, db->v[i].file, db->v[i].dir);
		for (size_t k = 0; k < db->v[i].argc; k++)
			cmd_add_arg(&c, db->v[i].argv[k]);
		if (src->have_cargs)
			cmd_add_user_args(&c, src->cargs, src->ncargs);
		cmdlist_push(units, &c);
	}
}

/* One SOURCE (named `name`): arguments after "--", else from -p DIR (where it must be), else
 * from a database found above it. */
static int unit_of_source(const struct model_src *src, const struct cmdlist *db, struct dbs *d,
                          const char *name, const char *abs, const char *cwd, struct cmdlist *units,
                          struct err *e)
{
	struct cmd c;
	if (src->have_cargs) {
		cmd_init(&c, abs, cwd);
		cmd_add_user_args(&c, src->cargs, src->ncargs);
	} else {
		const struct cmd *found = NULL;
		if (src->build_dir)
			found = cmdlist_find(db, abs);
		else if (find_walking_up(d, abs, &found, e))
			return -1;
		if (!found && src->build_dir)
			return err_set(e, ERR_INPUT, name, 0, 0,
			               "not in %s/compile_commands.json: add it there, or give its "
			               "compiler arguments after --",
			               src->build_dir);
		cmd_init(&c, abs, found ? found->dir : cwd);
		for (size_t k = 0; found && k < found->argc; k++)
			cmd_add_arg(&c, found->argv[k]);
	}
	cmdlist_push(units, &c);
	return 0;
}

int model_units(const struct model_src *src, struct cmdlist *units, struct err *e)
{
	struct cmdlist db = {0};
	if (src->build_dir &&
	    (cmd_check_db(src->build_dir, e) || cx_cdb_load(src->build_dir, &db, e)))
		return -1;
	char *cwd = getcwd(NULL, 0);
	int rc = 0;
	if (!cwd)
		rc = err_set(e, ERR_INPUT, NULL, 0, 0, "cannot read the current folder");
	else if (!src->nsources && !src->build_dir)
		rc = err_set(e, ERR_INPUT, NULL, 0, 0,
		             "no source files: name them, or give -p BUILD_DIR (see --help)");
	else if (!src->nsources)
		units_from_db(src, &db, units);
	struct dbs d = {0};
	for (size_t s = 0; s < src->nsources && !rc; s++) {
		char *abs = fs_abspath(src->sources[s], cwd);
		if (fs_check_source(src->sources[s], e))
			rc = -1;
		else
			rc = unit_of_source(src, &db, &d, src->sources[s], abs, cwd, units, e);
		free(abs);
	}
	dbs_free(&d);
	cmdlist_free(&db);
	free(cwd);
	return rc;
}

/* ---- parsing every unit once -------------------------------------------------------------- */

struct pjob {
	const struct model *m;
	const char *const *names; /* bodies worth converting, with one unit and no scope */
	size_t nnames;
	struct err *errs;
	atomic_size_t nparses; /* calls into cx: what the stats line reports */
};

static void parse_one(void *ctx, size_t u)
{
	struct pjob *j = ctx;
	const struct model *m = j->m;
	atomic_fetch_add(&j->nparses, 1);
	/* Bodies naming any runtime function are worth converting: they hold arena memory. */
	const char *prefix = rtapi_prefix();
	if (m->all_bodies)
		cx_parse(&m->units->v[u], NULL, 0, &m->asts[u], &j->errs[u]);
	else
		cx_parse_related(&m->units->v[u], j->names, j->nnames, &prefix, 1, &m->asts[u],
		                 &j->errs[u]);
}

/* Appends name to v unless `seen` (the names of v) has it: a lookup, not a scan of v. */
static void add_name(const char ***v, size_t *n, struct strmap *seen, const char *name)
{
	size_t before = seen->n;
	strmap_put(seen, name, 0);
	if (seen->n == before)
		return;
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = name;
}

static int parse_units(struct model *m, struct err *e)
{
	const struct hotlist *hl = m->o->hot;
	struct pjob j = {m, NULL, 0, NULL, 0};
	struct strmap seen = STRMAP_INIT;
	for (size_t h = 0; hl && h < hl->n; h++) {
		add_name((const char ***)&j.names, &j.nnames, &seen, hl->v[h].function);
		if (hl->v[h].scope)
			add_name((const char ***)&j.names, &j.nnames, &seen, hl->v[h].scope);
	}
	strmap_free(&seen);
	m->all_bodies = m->n > 1 || m->nscopes > 0 || m->o->all_bodies;
	j.errs = xcalloc(m->n + 1, sizeof(*j.errs));
	par_run(m->n, m->o->jobs, parse_one, &j);
	m->nparses += atomic_load(&j.nparses);
	int rc = err_take_first(j.errs, m->n, e);
	free(j.errs);
	free((void *)j.names);
	return rc;
}

/* ---- programs ------------------------------------------------------------------------------ */

static int defines_main(const struct ast *a)
{
	for (size_t k = 0; a && k < a->nnodes; k += (size_t)a->nodes[k].size + 1) {
		const struct ast_node *x = &a->nodes[k];
		if (x->kind == AK_FUNC && (x->flags & AF_DEFINITION) && !(x->flags & AF_SYSHDR) &&
		    x->name && !strcmp(x->name, "main"))
			return 1;
	}
	return 0;
}

/* Gives back unit u's ast as an empty one: nothing of it is seen. */
static void leave_out(struct model *m, size_t u)
{
	ast_free(m->asts[u]);
	m->asts[u] = ast_new(m->units->v[u].file);
}

/*
 * Records the units defining main and, without a target (whose units are its program already),
 * the units of each main's program (progs.h). With o->program, leaves out every unit outside
 * that program: the other mains' units and those no unit of it references.
 */
static int programs(struct model *m, struct err *e)
{
	const char *prog = m->o->program;
	const struct cmd *want = prog ? cmdlist_find(m->units, prog) : NULL;
	if (prog && !want)
		return err_set(e, ERR_INPUT, prog, 0, 0,
		               "--program names none of the %zu source file(s) of the run", m->n);
	size_t *all = xcalloc(m->n + 1, sizeof(*all)), nall = 0;
	for (size_t u = 0; u < m->n; u++)
		if (defines_main(m->asts[u]))
			all[nall++] = u;
	if (!m->o->target && nall && m->n > 1)
		progs_build(&m->progs, m->asts, m->n, all, nall);
	int p = want ? progs_of_main(&m->progs, (size_t)(want - m->units->v)) : -1;
	if (want && p < 0 && !(nall == 1 && all[0] == (size_t)(want - m->units->v))) {
		free(all);
		return err_set(e, ERR_INPUT, prog, 0, 0, "--program: this file defines no main");
	}
	m->mains = all;
	m->nmains = nall;
	if (p < 0)
		return 0;
	m->program = p;
	m->nmains = 0;
	for (size_t u = 0; u < m->n; u++) {
		if (progs_has(&m->progs, (size_t)p, u)) {
			if (defines_main(m->asts[u]))
				m->mains[m->nmains++] = u;
			continue;
		}
		if (defines_main(m->asts[u]))
			m->nleft_out++;
		else
			m->nleft_units++;
		leave_out(m, u);
	}
	return 0;
}

/* ---- hotspots and scopes defined ----------------------------------------------------------- */

/*
 * Marks def[h] for every hotspot entry with a definition the rewrite can see (at the top level,
 * outside system headers; in its file when the entry names one), and puts every such
 * definition's name in `names` (interned in the asts): one pass over the units' top-level
 * declarations, whatever the length of the list.
 */
static void mark_defined(const struct model *m, const struct hotlist *hl, unsigned char *def,
                         struct strmap *names)
{
	for (size_t u = 0; u < m->n; u++) {
		const struct ast *a = m->asts[u];
		for (size_t k = 0; k < a->nnodes; k += (size_t)a->nodes[k].size + 1) {
			const struct ast_node *x = &a->nodes[k];
			if (x->kind != AK_FUNC || !(x->flags & AF_DEFINITION) ||
			    (x->flags & AF_SYSHDR) || !x->name || x->file < 0)
				continue;
			strmap_put(names, x->name, 0);
			for (int h = hot_first(hl, x->name); h >= 0; h = hot_next(hl, h))
				def[h] |= !hl->v[h].file ||
				          hot_file_matches(hl->v[h].file, a->files[x->file].path);
		}
	}
}

static int check_defined(const struct model *m, struct err *e)
{
	const struct hotlist *hl = m->o->hot;
	if (!hl)
		return 0;
	unsigned char *def = xcalloc(hl->n + 1, 1);
	struct strmap names = STRMAP_INIT;
	mark_defined(m, hl, def, &names);
	int rc = 0;
	unsigned char *und = m->o->undefined;
	for (size_t h = 0; h < hl->n && (!rc || und); h++) {
		const struct hotspot *hs = &hl->v[h];
		const char *what = "hotspot", *name = hs->function, *file = hs->file;
		if (hs->off) /* found in the round that refused it */
			continue;
		if (def[h]) {
			if (!hs->scope || strmap_find(&names, hs->scope))
				continue;
			what = "scope";
			name = hs->scope;
			file = NULL;
		}
		if (und)
			und[h] = def[h] ? MODEL_UNDEF_SCOPE : MODEL_UNDEF_FUNC;
		if (rc)
			continue;
		/* the program named: a target's, or --program's (its units, not those left out) */
		char *rel = m->program >= 0 ? fs_relpath_cwd(m->o->program) : NULL;
		const char *prog = m->o->target ? m->o->target : rel ? rel : "";
		rc = err_set(e, ERR_INPUT, NULL, 0, 0,
		             "%s: %s function '%s'%s%s is defined in none of the %zu source "
		             "file(s) parsed%s%s%s",
		             hs->where, what, name, file ? " in " : "", file ? file : "",
		             m->n - m->nleft_out - m->nleft_units,
		             m->o->target      ? " (the program of target '"
		             : m->program >= 0 ? " (the program of --program '"
		                               : "",
		             prog, *prog ? "')" : "");
		free(rel);
	}
	strmap_free(&names);
	free(def);
	return rc;
}

/*
 * The defined functions of the call graph by name, each name's in index order: first (name ->
 * index), then next[i] until -1. Built once, so matching scopes and hotspots against the graph
 * costs a lookup per name, not a scan of the graph per scope or hotspot.
 */
struct byname {
	struct strmap first; /* borrows the graph's names */
	int *next;
};

static void byname_init(struct byname *b, const struct cg *g)
{
	b->first = (struct strmap)STRMAP_INIT;
	b->next = xmalloc((g->n + 1) * sizeof(int));
	for (size_t i = g->n; i-- > 0;) {
		if (!g->v[i].defined)
			continue;
		const char *name = g->v[i].name;
		int created = !strmap_find(&b->first, name);
		struct strmap_ent *ent = strmap_putb(&b->first, name, strlen(name), (int)i);
		b->next[i] = created ? -1 : ent->val;
		ent->val = (int)i;
	}
}

static void byname_free(struct byname *b)
{
	strmap_free(&b->first);
	free(b->next);
}

/* The first defined function named name, or -1; then b->next[i]. */
static int byname_first(const struct byname *b, const char *name)
{
	const struct strmap_ent *ent = strmap_find(&b->first, name);
	return ent ? ent->val : -1;
}

/* The call graph and the functions reachable from a scope. */
static void reach_scopes(struct model *m)
{
	size_t nf = m->cg.n;
	int *starts = xcalloc(nf + 1, sizeof(int));
	size_t ns = 0;
	struct byname b;
	byname_init(&b, &m->cg);
	for (size_t k = 0; k < m->nscopes; k++)
		for (int i = byname_first(&b, m->scope_fn[k]); i >= 0; i = b.next[i])
			starts[ns++] = i;
	byname_free(&b);
	m->reach = xcalloc(nf + 1, 1);
	cg_reach(&m->cg, starts, ns, NULL, m->reach, NULL);
	free(starts);
}

/* The label lattice of reach_local: none (-1), one hotspot h, several (-3). */
static int join_label(int have, int add)
{
	return have == -1 || have == add ? add : -3;
}

/* Joins `add` into label[c]; queues c when its label rose. */
static void raise_label(int *label, int c, int add, int *queue, size_t *tail)
{
	int j = join_label(label[c], add);
	if (j != label[c]) {
		label[c] = j;
		queue[(*tail)++] = c;
	}
}

/*
 * Spreads the labels of the queued functions (queue[0..tail)) along the calls; an indirect
 * call reaches every function whose address is taken. raw_only: only calls no field rule
 * covers do (the veto's question, veto_macro_addr: a covered call hands its pointer heap
 * memory or sizes, never arena memory). addr: the label the callers through a pointer already
 * give. Returns the join of the labels of the functions making raw calls (raw: the seeds').
 */
static int spread(const struct model *m, int *label, int *queue, size_t tail, int addr, int raw,
                  int raw_only)
{
	size_t nf = m->cg.n, head = 0;
	for (;;) {
		while (head < tail) {
			const struct cg_func *fn = &m->cg.v[queue[head]];
			int l = label[queue[head++]];
			for (size_t k = 0; k < fn->ncallees; k++)
				raise_label(label, fn->callees[k], l, queue, &tail);
			if (raw_only ? fn->indirect_raw : fn->indirect)
				addr = join_label(addr, l);
			if (fn->indirect_raw)
				raw = join_label(raw, l);
		}
		/* Functions whose address is taken get the label of every indirect caller. */
		for (size_t c = 0; addr != -1 && c < nf; c++)
			if (m->cg.v[c].addr_taken)
				raise_label(label, (int)c, addr, queue, &tail);
		if (head == tail)
			break;
	}
	return raw;
}

/*
 * Which own-arena hotspot reaches each function (into label). One worklist over the graph: a
 * label only rises (none, one, several) and a function is queued only when its label rises,
 * so at most twice: the queue holds 2 * cg.n entries, whatever the number of hotspots.
 * Returns the labels of the raw calls made (spread).
 */
static int label_locals(const struct model *m, int *label, int raw_only)
{
	const struct hotlist *hl = m->o->hot;
	size_t nf = m->cg.n, tail = 0;
	int *queue = xmalloc((2 * nf + 1) * sizeof(int));
	for (size_t i = 0; i < nf; i++)
		label[i] = -1;
	int addr = -1, raw = -1;
	for (size_t i = 0; i < nf; i++) {
		const struct cg_func *f = &m->cg.v[i];
		if (!f->defined)
			continue;
		for (int h = hot_first(hl, f->name); h >= 0; h = hot_next(hl, h)) {
			const struct hotspot *hs = &hl->v[h];
			if ((hs->scope && strcmp(hs->scope, hs->function)) ||
			    (hs->file && !hot_file_matches(hs->file, f->file)))
				continue;
			for (size_t k = 0; k < f->ncallees; k++)
				raise_label(label, f->callees[k], h, queue, &tail);
			if (raw_only ? f->indirect_raw : f->indirect)
				addr = join_label(addr, h);
			if (f->indirect_raw)
				raw = join_label(raw, h);
		}
	}
	raw = spread(m, label, queue, tail, addr, raw, raw_only);
	free(queue);
	return raw;
}

static void reach_locals(struct model *m)
{
	m->reach_local = xmalloc((m->cg.n + 1) * sizeof(int));
	label_locals(m, m->reach_local, 0);
}

/* Whether some scope reaches, through direct and raw calls only, a raw call. */
static int scopes_reach_raw(const struct model *m)
{
	size_t nf = m->cg.n, tail = 0;
	int *label = xmalloc((nf + 1) * sizeof(int));
	int *queue = xmalloc((2 * nf + 1) * sizeof(int));
	struct byname b;
	byname_init(&b, &m->cg);
	for (size_t i = 0; i < nf; i++)
		label[i] = -1;
	for (size_t k = 0; k < m->nscopes; k++)
		for (int i = byname_first(&b, m->scope_fn[k]); i >= 0; i = b.next[i])
			if (label[i] == -1) {
				label[i] = 0;
				queue[tail++] = i;
			}
	byname_free(&b);
	int raw = spread(m, label, queue, tail, -1, -1, 1);
	free(queue);
	free(label);
	return raw != -1;
}

/*
 * Whether a reached function is libc's free or realloc called through a pointer, and which
 * arenas make such calls that the rewrite leaves as they are (no field rule covers them): the
 * own-arena hotspots (addr_free_local) and whether some scope (addr_free_scoped).
 */
static void reached_addr_free(struct model *m)
{
	for (size_t i = 0; i < m->cg.n; i++) {
		const struct cg_func *f = &m->cg.v[i];
		int reached = (m->reach && m->reach[i]) || m->reach_local[i] != -1;
		const struct rule_alloc *ra = rules_find_alloc(m->o->rules, f->name);
		if (reached && !f->defined && f->addr_taken && ra &&
		    (ra->kind == RK_FREE || ra->kind == RK_REALLOC))
			m->addr_frees = 1;
	}
	if (m->addr_frees) {
		int *label = xmalloc((m->cg.n + 1) * sizeof(int));
		m->addr_free_local = label_locals(m, label, 1);
		free(label);
		m->addr_free_scoped = m->nscopes && scopes_reach_raw(m);
	} else {
		m->addr_free_local = -1;
	}
}

/* Appends arena id to the list of every function mark holds. */
static void add_to_marked(const struct model *m, const unsigned char *mark, int id, int **lists,
                          size_t *lens)
{
	for (size_t i = 0; i < m->cg.n; i++)
		if (mark[i]) {
			lists[i] = xrealloc(lists[i], (lens[i] + 1) * sizeof(int));
			lists[i][lens[i]++] = id;
		}
}

/* The arenas that may be live in each function (model.sets): one walk of the graph per arena,
 * in id order, so each function's list comes out sorted. */
static void arena_sets(struct model *m)
{
	const struct hotlist *hl = m->o->hot;
	size_t nf = m->cg.n;
	int **lists = xcalloc(nf + 1, sizeof(*lists));
	size_t *lens = xcalloc(nf + 1, sizeof(*lens));
	int *starts = xmalloc((nf + 1) * sizeof(int));
	unsigned char *mark = xmalloc(nf + 1);
	struct byname b;
	byname_init(&b, &m->cg);
	for (size_t id = 0; id < hl->n + m->nscopes; id++) {
		size_t ns = 0;
		const char *name = id < hl->n ? hl->v[id].function : m->scope_fn[id - hl->n];
		/* An entry refused in an earlier round is no arena now; nor is a scope left
		 * without one. */
		if (id < hl->n ? hl->v[id].off : !hot_is_scope(hl, name))
			continue;
		for (int i = byname_first(&b, name); i >= 0; i = b.next[i]) {
			const struct hotspot *hs = id < hl->n ? &hl->v[id] : NULL;
			if (hs && ((hs->scope && strcmp(hs->scope, hs->function)) ||
			           (hs->file && !hot_file_matches(hs->file, m->cg.v[i].file))))
				continue;
			starts[ns++] = i;
		}
		if (!ns)
			continue;
		memset(mark, 0, nf + 1);
		cg_reach(&m->cg, starts, ns, NULL, mark, NULL);
		add_to_marked(m, mark, (int)id, lists, lens);
	}
	byname_free(&b);
	int *all = xmalloc((hl->n + m->nscopes + 1) * sizeof(int));
	for (size_t id = 0; id < hl->n + m->nscopes; id++)
		all[id] = (int)id;
	m->sets.all = cg_sets_intern(&m->sets, all, hl->n + m->nscopes);
	free(all);
	m->sets.of = xmalloc((nf + 1) * sizeof(int));
	for (size_t i = 0; i < nf; i++) {
		m->sets.of[i] = lens[i] ? cg_sets_intern(&m->sets, lists[i], lens[i]) : -1;
		free(lists[i]);
	}
	free(lists);
	free(lens);
	free(starts);
	free(mark);
}

/*
 * The call graph, and what the arenas reach: every function a scope or an own-arena hotspot
 * may call while its arena is live gets ownership-aware frees, and so do the summaries.
 */
static void reach_all(struct model *m)
{
	if (!m->o->hot || !m->o->hot->n)
		return;
	for (size_t u = 0; u < m->n && !m->o->given; u++)
		cg_add_ast(&m->cg, m->asts[u], m->o->rules);
	if (m->nscopes)
		reach_scopes(m);
	reach_locals(m);
	arena_sets(m);
	for (size_t i = 0; i < m->cg.n; i++)
		if (((m->reach && m->reach[i]) || m->reach_local[i] != -1) && m->cg.v[i].defined)
			esc_sums_set_free_aware(m->sums, m->cg.v[i].usr);
	reached_addr_free(m);
}

void model_outside(const struct model *m, void (*fn)(void *ctx, int f, int root), void *ctx)
{
	const struct hotlist *hl = m->o->hot;
	size_t nf = m->cg.n;
	if (!m->nscopes)
		return;
	/* Roots: defined functions nothing in the sources calls (main, a library's API). */
	unsigned char *called = xcalloc(nf + 1, 1), *stop = xcalloc(nf + 1, 1);
	struct byname b;
	byname_init(&b, &m->cg);
	for (size_t k = 0; k < m->nscopes; k++)
		for (int i = byname_first(&b, m->scope_fn[k]); i >= 0; i = b.next[i])
			stop[i] = 1;
	for (size_t i = 0; i < nf; i++)
		for (size_t k = 0; k < m->cg.v[i].ncallees; k++)
			called[m->cg.v[i].callees[k]] = 1;
	int *starts = xcalloc(nf + 1, sizeof(int)), *via = xcalloc(nf + 1, sizeof(int));
	size_t ns = 0;
	for (size_t i = 0; i < nf; i++)
		if (m->cg.v[i].defined && !called[i] && !m->cg.v[i].addr_taken)
			starts[ns++] = (int)i;
	unsigned char *outside = xcalloc(nf + 1, 1);
	cg_reach(&m->cg, starts, ns, stop, outside, via);
	for (size_t h = 0; h < hl->n; h++) {
		if (hl->v[h].off || !hl->v[h].scope || !strcmp(hl->v[h].scope, hl->v[h].function))
			continue;
		for (int i = byname_first(&b, hl->v[h].function); i >= 0; i = b.next[i]) {
			if (stop[i] || !outside[i])
				continue;
			int root = i;
			while (via[root] >= 0)
				root = via[root];
			fn(ctx, i, root);
		}
	}
	byname_free(&b);
	free(called);
	free(stop);
	free(starts);
	free(via);
	free(outside);
}

/* ---- the model ------------------------------------------------------------------------------ */

static void summarize(struct model *m)
{
	for (size_t u = 0; u < m->n; u++)
		esc_sums_prepare(m->sums, m->asts[u], m->o->rules);
	for (size_t u = 0; esc_sums_by_name(m->sums) && u < m->n; u++)
		esc_sums_prepare_by_name(m->sums, m->asts[u]);
	/* Summaries grow monotonically; the round limit only guards against a bug. */
	for (int round = 0; round < 64; round++) {
		int changed = 0;
		for (size_t u = 0; u < m->n; u++)
			changed |= esc_summarize(m->sums, m->asts[u], m->o->rules, m->o->hot);
		esc_sums_next_round(m->sums);
		if (!changed)
			break;
	}
}

int model_build(struct model *m, const struct cmdlist *units, const struct model_opts *o,
                struct err *e)
{
	memset(m, 0, sizeof(*m));
	m->program = -1;
	m->units = units;
	m->o = o;
	m->n = units->n;
	m->asts = xcalloc(m->n + 1, sizeof(*m->asts));
	m->sums = esc_sums_new();
	cg_init(&m->cg);
	m->unit_names = xcalloc(m->n + 1, sizeof(*m->unit_names));
	for (size_t u = 0; u < m->n; u++)
		m->unit_names[u] = fs_relpath_cwd(units->v[u].file);
	par_progress(o->progress, (const char *const *)m->unit_names, m->n);
	const struct hotlist *hl = o->hot;
	struct strmap seen = STRMAP_INIT;
	for (size_t h = 0; hl && h < hl->n; h++)
		if (hl->v[h].scope && strcmp(hl->v[h].scope, hl->v[h].function))
			add_name(&m->scopes, &m->nscopes, &seen, hl->v[h].scope);
	strmap_free(&seen);
	m->scope_fn = xcalloc(m->nscopes + 1, sizeof(*m->scope_fn));
	for (size_t k = 0; k < m->nscopes; k++)
		m->scope_fn[k] = hot_is_scope(hl, m->scopes[k]) ? m->scopes[k] : "";
	if (parse_units(m, e) || programs(m, e))
		return -1;
	/* Given facts were checked and computed over every unit by the run that exported them. */
	if (o->given ? o->given(o->given_ctx, m, e) : check_defined(m, e))
		return -1;
	/* Before anything reads a rule: what the sources say a rule's function is. */
	if (o->rules && rulecheck_run(m->asts, m->n, o->rules, e))
		return -1;
	reach_all(m);
	if (!o->given)
		summarize(m);
	return 0;
}

void model_drop(struct model *m, size_t u)
{
	ast_free(m->asts[u]);
	m->asts[u] = NULL;
}

static void print_stats(const struct model *m)
{
	const char *want = getenv("ARENA_REWRITE_STATS");
	if (!want || !*want || !strcmp(want, "0"))
		return;
	struct rusage ru;
	long rss = getrusage(RUSAGE_SELF, &ru) ? 0 : ru.ru_maxrss;
	fprintf(stderr, "arena-rewrite: stats: units %zu, parses %zu, bodies %s, peak rss %ld kB\n",
	        m->n, m->nparses, m->all_bodies ? "all" : "selected", rss);
}

void model_free(struct model *m)
{
	if (m->units)
		print_stats(m);
	for (size_t u = 0; u < m->n && m->asts; u++)
		ast_free(m->asts[u]);
	free(m->asts);
	free(m->mains);
	progs_free(&m->progs);
	free(m->scopes);
	free(m->scope_fn);
	free(m->reach);
	free(m->reach_local);
	cg_free(&m->cg);
	cg_sets_free(&m->sets);
	esc_sums_free(m->sums);
	if (m->unit_names) /* the progress line must not read them once freed */
		par_progress(PAR_PROGRESS_OFF, NULL, 0);
	for (size_t u = 0; u < m->n && m->unit_names; u++)
		free(m->unit_names[u]);
	free(m->unit_names);
	memset(m, 0, sizeof(*m));
}

/* ---- debugging aid ------------------------------------------------------------------------ */

static void dump_ast(const struct ast *a, FILE *out)
{
	for (size_t n = 0; n < a->nnodes; n++) {
		const struct ast_node *x = &a->nodes[n];
		int depth = 0;
		for (int p = x->parent; p >= 0; p = a->nodes[p].parent)
			depth++;
		const char *type = x->decl >= 0 ? a->decls[x->decl].type : NULL;
		fprintf(out, "%*s%s %u:%u [%u,%u) %s%s%s%s%s t%d d%d%s%s\n", depth * 2, "",
		        ast_kind_name(x->kind), x->line, x->col, x->begin, x->end,
		        x->name ? x->name : "", x->op ? " op=" : "", x->op ? x->op : "",
		        (x->flags & AF_MACRO) ? " MACRO" : "",
		        (x->flags & AF_MACRO_ARG) ? "-ARG" : "", x->tclass, x->decl,
		        type ? " : " : "", type ? type : "");
	}
}

int model_dump(const struct cmdlist *units, FILE *out, struct err *e)
{
	for (size_t u = 0; u < units->n; u++) {
		struct ast *a;
		if (cx_parse(&units->v[u], NULL, 0, &a, e))
			return -1;
		dump_ast(a, out);
		ast_free(a);
	}
	return 0;
}

const char *model_libclang_version(void)
{
	return cx_version();
}
