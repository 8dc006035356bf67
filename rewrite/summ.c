/*
 * summ: the split of a run into shards, the ownership of files, and the checks of a summaries
 * file against the sources (summ.h). The file's JSON is written and read in summ_json.c.
 */
#include "summ.h"
#include "analysis.h"
#include "err.h"
#include "front.h"
#include "fsio.h"
#include "mem.h"
#include "planning.h"
#include "sbuf.h"
#include "summ_int.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void summ_init(struct summ *s)
{
	memset(s, 0, sizeof(*s));
	s->export.fd = -1;
	cg_init(&s->cg);
}

void summ_free(struct summ *s)
{
	if (!s)
		return;
	free(s->base);
	for (size_t i = 0; i < s->nunits; i++)
		free(s->units[i].rel);
	free(s->units);
	free(s->rank);
	cmdlist_free(&s->mine);
	for (size_t i = 0; i < s->nfiles; i++)
		free(s->files[i].path);
	free(s->files);
	strmap_free(&s->fix);
	cJSON_Delete(s->doc);
	cg_free(&s->cg);
	out_free(&s->export);
	if (s->verdicts)
		plan_free(s->verdicts);
	free(s->verdicts);
	summ_init(s);
}

/* ---- the units, in an order that does not depend on the machine ---------------------------- */

/* One argument with its first absolute path made relative to base: "-I/src/inc" and
 * "/src/a.c" hash alike wherever the checkout lies. */
static void add_arg_rel(struct sbuf *sb, const char *arg, const char *base)
{
	const char *slash = strchr(arg, '/');
	if (!slash || (slash > arg && slash[-1] == '.')) {
		sb_adds(sb, arg);
	} else {
		char *rel = fs_relpath(slash, base);
		sb_add(sb, arg, (size_t)(slash - arg));
		sb_adds(sb, rel);
		free(rel);
	}
	sb_addc(sb, 0);
}

static uint64_t args_hash(const struct cmd *c, const char *base)
{
	struct sbuf sb = SBUF_INIT;
	add_arg_rel(&sb, c->dir, base);
	for (size_t k = 0; k < c->argc; k++)
		add_arg_rel(&sb, c->argv[k], base);
	uint64_t h = fs_hash(sb.buf, sb.len);
	sb_release(&sb);
	return h;
}

struct order_ent {
	const struct summ_unit *u;
	size_t db;
};

static int cmp_order(const void *pa, const void *pb)
{
	const struct order_ent *a = pa, *b = pb;
	int c = strcmp(a->u->rel, b->u->rel);
	if (c)
		return c;
	if (a->u->args != b->u->args)
		return a->u->args < b->u->args ? -1 : 1;
	return a->db < b->db ? -1 : a->db > b->db;
}

/* s->units sorted and s->rank from the database's order. */
static void order_units(struct summ *s, const struct cmdlist *all)
{
	size_t n = all->n;
	struct summ_unit *raw = xcalloc(n + 1, sizeof(*raw));
	struct order_ent *ord = xcalloc(n + 1, sizeof(*ord));
	for (size_t u = 0; u < n; u++) {
		raw[u].rel = fs_relpath(all->v[u].file, s->base);
		raw[u].args = args_hash(&all->v[u], s->base);
		ord[u] = (struct order_ent){&raw[u], u};
	}
	if (n)
		qsort(ord, n, sizeof(*ord), cmp_order);
	s->units = xcalloc(n + 1, sizeof(*s->units));
	s->rank = xcalloc(n + 1, sizeof(*s->rank));
	for (size_t i = 0; i < n; i++) {
		s->units[i] = *ord[i].u;
		s->rank[ord[i].db] = i;
	}
	s->nunits = n;
	free(ord);
	free(raw);
}

static int in_shard(const struct summ *s, size_t rank)
{
	return !s->n || (long)(rank % (size_t)s->n) == s->k - 1;
}

/* This shard's units, copied in database order. */
static void pick_mine(struct summ *s, const struct cmdlist *all)
{
	for (size_t u = 0; u < all->n; u++) {
		if (!in_shard(s, s->rank[u]))
			continue;
		struct cmd c;
		cmd_init(&c, all->v[u].file, all->v[u].dir);
		for (size_t k = 0; k < all->v[u].argc; k++)
			cmd_add_arg(&c, all->v[u].argv[k]);
		cmdlist_push(&s->mine, &c);
	}
}

/* ---- files and their owners ---------------------------------------------------------------- */

void summ_add_file(struct summ *s, const char *abs, uint64_t hash, size_t owner)
{
	const struct strmap_ent *en = strmap_find(&s->fix, abs);
	if (en) {
		struct summ_file *f = &s->files[en->val];
		if (owner < f->owner)
			f->owner = owner;
		return;
	}
	GROW(s->files, s->nfiles, s->files_cap);
	struct summ_file *f = &s->files[s->nfiles];
	f->path = xstrdup(abs);
	f->hash = hash;
	f->owner = owner;
	strmap_put(&s->fix, f->path, (int)s->nfiles++); /* the key is the file's own copy */
}

void summ_take_model(struct summ *s, const struct model *m)
{
	if (!s || s->path)
		return;
	for (size_t u = 0; u < m->n; u++) {
		const struct ast *a = m->asts[u];
		for (size_t i = 0; a && i < a->nfiles; i++)
			if (!a->files[i].system)
				summ_add_file(s, a->files[i].path,
				              fs_hash(a->files[i].text, a->files[i].len),
				              s->rank[u]);
	}
	s->all_bodies = m->all_bodies;
}

int summ_owns(const struct summ *s, const char *abs)
{
	if (!s || !s->n)
		return 1;
	const struct strmap_ent *en = strmap_find(&s->fix, abs);
	/* A file no unit read: only the first shard speaks of it. */
	return en ? in_shard(s, s->files[en->val].owner) : s->k == 1;
}

int summ_exporting(const struct summ *s)
{
	return s && s->export_path;
}

int summ_given_refusals(const struct summ *s, struct hotlist *hl)
{
	if (!s || !s->path)
		return 0;
	for (size_t h = 0; s->verdicts && hl && h < hl->n; h++)
		if (plan_refused(s->verdicts, (int)h))
			hot_set_off(hl, (int)h);
	return 1;
}

/* ---- checks of a loaded file ----------------------------------------------------------------- */

int summ_mismatch(const struct summ *s, struct err *e, const char *what)
{
	return err_set(e, ERR_INPUT, s->path, 0, 0,
	               "summaries do not match this run: %s; export them again with "
	               "--export-summaries",
	               what);
}

/* The units of the file are the run's, in the same order, with the same arguments. */
int summ_check_units(const struct summ *s, const struct summ_unit *got, size_t n, struct err *e)
{
	char buf[600];
	if (n != s->nunits) {
		snprintf(buf, sizeof(buf), "they cover %zu unit(s), this run has %zu", n,
		         s->nunits);
		return summ_mismatch(s, e, buf);
	}
	for (size_t i = 0; i < n; i++) {
		if (strcmp(got[i].rel, s->units[i].rel)) {
			snprintf(buf, sizeof(buf), "unit %s is not in this run", got[i].rel);
			return summ_mismatch(s, e, buf);
		}
		if (got[i].args != s->units[i].args) {
			snprintf(buf, sizeof(buf), "the compiler arguments of %s changed",
			         got[i].rel);
			return summ_mismatch(s, e, buf);
		}
	}
	return 0;
}

/* Every file the export read still holds what it read. */
int summ_check_files(const struct summ *s, struct err *e)
{
	for (size_t i = 0; i < s->nfiles; i++) {
		struct fs_text t = {NULL, 0};
		struct err ignore = ERR_INIT;
		/* a path of the file, which may name a FIFO: never waited on */
		int bad = fs_read_regular(s->files[i].path, &t, &ignore) ||
		          fs_hash(t.data, t.len) != s->files[i].hash;
		err_clear(&ignore);
		fs_text_free(&t);
		if (bad) {
			char *rel = fs_relpath_cwd(s->files[i].path);
			char buf[600];
			snprintf(buf, sizeof(buf), "%s changed since they were exported", rel);
			free(rel);
			return summ_mismatch(s, e, buf);
		}
	}
	return 0;
}

/* Hash of a file named on the command line, 0 for none. */
static int hash_input(const char *path, uint64_t *out, struct err *e)
{
	*out = 0;
	if (!path)
		return 0;
	struct fs_text t = {NULL, 0};
	if (fs_read(path, &t, e))
		return -1;
	*out = fs_hash(t.data, t.len);
	fs_text_free(&t);
	return 0;
}

int summ_prepare(struct summ *s, const struct summ_ctx *c, const struct cmdlist *all,
                 const struct cmdlist **units, struct err *e)
{
	s->ctx = *c;
	char *cwd = getcwd(NULL, 0);
	if (!cwd)
		return err_set(e, ERR_INPUT, NULL, 0, 0, "cannot read the current folder");
	s->base = fs_abspath(c->build_dir ? c->build_dir : ".", cwd);
	free(cwd);
	if (hash_input(c->hotspots, &s->hot_hash, e) || hash_input(c->rules, &s->rules_hash, e))
		return -1;
	order_units(s, all);
	*units = all;
	if (s->export_path && (out_resolve(&s->export, s->export_path, "the summaries file", e) ||
	                       out_open(&s->export, e)))
		return -1;
	if (!s->path)
		return 0;
	if (summ_load(s, e) || summ_check_files(s, e))
		return -1;
	pick_mine(s, all);
	*units = &s->mine;
	return 0;
}

/* The file was checked when loaded; against this run, a rewrite's graph (made from every unit) must
 * hold every function this shard's units name, and define every one they define: an empty
 * graph, or a node whose USR was changed, would leave the shard planning with facts of no
 * unit (a callee it cannot see taken as unknown, one it defines without its summary). */
static int given(void *ctx, struct model *m, struct err *e)
{
	const struct summ *s = ctx;
	struct cg mine;
	int rc = 0;
	cg_init(&mine);
	for (size_t u = 0; u < m->n && s->ctx.rewrite; u++)
		if (m->asts[u])
			cg_add_ast(&mine, m->asts[u], m->o->rules);
	for (size_t i = 0; i < mine.n && !rc; i++) {
		const struct cg_func *f = &mine.v[i];
		int at = cg_find(&s->cg, f->usr);
		if (at < 0 || (f->defined && !s->cg.v[at].defined)) {
			char buf[300];
			snprintf(buf, sizeof(buf),
			         "their graph does not %s %.200s, which this run's units %s",
			         f->defined ? "define" : "hold", f->name,
			         f->defined ? "define" : "name");
			rc = summ_mismatch(s, e, buf);
		}
	}
	cg_free(&mine);
	if (rc)
		return -1;
	cg_merge(&m->cg, &s->cg);
	summ_load_sums(s, m->sums);
	return 0;
}

void summ_model_opts(struct summ *s, struct model_opts *mo)
{
	if (!s || !s->path)
		return;
	mo->given = given;
	mo->given_ctx = s;
	mo->all_bodies = s->all_bodies;
}
