/*
 * summ_json: the summaries file (docs/cli.md, section 9) written from a model and a plan, and
 * read back into struct summ with every field checked. Paths in the file are relative to the
 * base folder and hashes are 16 hex digits (a JSON number cannot hold 64 bits), so the file
 * means the same on every machine that has the same checkout.
 */
#include "analysis.h"
#include "err.h"
#include "fsio.h"
#include "jsonx.h"
#include "mem.h"
#include "planning.h"
#include "summ_int.h"
#include "writing.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char format_name[] = "arena-rewrite-summaries";

/* ---- writing --------------------------------------------------------------------------------- */

static void add_hex(cJSON *o, const char *k, uint64_t v, int have)
{
	char buf[17];
	snprintf(buf, sizeof(buf), "%016" PRIx64, v);
	if (have)
		cJSON_AddStringToObject(o, k, buf);
	else
		cJSON_AddNullToObject(o, k);
}

static void add_rel(cJSON *o, const char *k, const struct summ *s, const char *abs)
{
	if (!abs) {
		cJSON_AddNullToObject(o, k);
		return;
	}
	char *rel = fs_relpath(abs, s->base);
	cJSON_AddStringToObject(o, k, rel);
	free(rel);
}

static void add_str_or_null(cJSON *o, const char *k, const char *v)
{
	if (v)
		cJSON_AddStringToObject(o, k, v);
	else
		cJSON_AddNullToObject(o, k);
}

static cJSON *header_json(const struct summ *s, const struct model *m)
{
	cJSON *root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "format", format_name);
	cJSON_AddNumberToObject(root, "version", SUMM_FORMAT_VERSION);
	cJSON_AddStringToObject(root, "tool", s->ctx.tool_version);
	cJSON_AddStringToObject(root, "libclang", model_libclang_version());
	add_hex(root, "hotspots", s->hot_hash, s->ctx.hotspots != NULL);
	add_hex(root, "rules", s->rules_hash, s->ctx.rules != NULL);
	if (s->ctx.rewrite) {
		cJSON *rw = cJSON_AddObjectToObject(root, "rewrite");
		cJSON_AddNumberToObject(rw, "exit_style", s->ctx.style);
		cJSON_AddBoolToObject(rw, "force", s->ctx.force);
	} else {
		cJSON_AddNullToObject(root, "rewrite");
	}
	cJSON_AddBoolToObject(root, "all_bodies", m->all_bodies);
	cJSON *units = cJSON_AddArrayToObject(root, "units");
	for (size_t i = 0; i < s->nunits; i++) {
		cJSON *u = cJSON_CreateObject();
		cJSON_AddStringToObject(u, "file", s->units[i].rel);
		add_hex(u, "args", s->units[i].args, 1);
		cJSON_AddItemToArray(units, u);
	}
	cJSON *files = cJSON_AddArrayToObject(root, "files");
	for (size_t i = 0; i < s->nfiles; i++) {
		cJSON *f = cJSON_CreateObject();
		add_rel(f, "path", s, s->files[i].path);
		add_hex(f, "hash", s->files[i].hash, 1);
		cJSON_AddNumberToObject(f, "owner", (double)s->files[i].owner);
		cJSON_AddItemToArray(files, f);
	}
	return root;
}

static cJSON *graph_json(const struct summ *s, const struct cg *g)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; i < g->n; i++) {
		const struct cg_func *f = &g->v[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "usr", f->usr);
		cJSON_AddStringToObject(o, "name", f->name);
		add_rel(o, "file", s, f->file);
		cJSON_AddNumberToObject(o, "line", f->line);
		cJSON_AddBoolToObject(o, "defined", f->defined);
		cJSON_AddBoolToObject(o, "indirect", f->indirect);
		cJSON_AddBoolToObject(o, "addr_taken", f->addr_taken);
		cJSON_AddBoolToObject(o, "allocs", f->allocs);
		cJSON_AddBoolToObject(o, "indirect_raw", f->indirect_raw);
		cJSON *c = cJSON_AddArrayToObject(o, "callees");
		for (size_t k = 0; k < f->ncallees; k++)
			cJSON_AddItemToArray(c, cJSON_CreateNumber(f->callees[k]));
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

static cJSON *verdicts_json(const struct summ *s, const struct plan *p)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; i < p->nfuncs; i++) {
		const struct plan_func *f = &p->funcs[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "hot", f->hot);
		cJSON_AddNumberToObject(o, "group", f->group);
		cJSON_AddNumberToObject(o, "alias", f->alias);
		add_rel(o, "file", s, f->file);
		cJSON_AddNumberToObject(o, "off", f->off);
		cJSON_AddNumberToObject(o, "line", f->line);
		cJSON_AddBoolToObject(o, "refused", f->refused);
		if (f->veto)
			cJSON_AddBoolToObject(o, "veto", 1);
		add_str_or_null(o, "why", f->why);
		add_str_or_null(o, "warn", f->warn);
		cJSON_AddNumberToObject(o, "rewritten", f->nrewritten);
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

int summ_write(const struct summ *s, const struct model *m, const struct plan *p, struct err *e)
{
	cJSON *root = header_json(s, m);
	cJSON_AddItemToObject(root, "graph", graph_json(s, &m->cg));
	cJSON_AddItemToObject(root, "summaries", esc_sums_json(m->sums));
	cJSON_AddItemToObject(root, "address_taken", esc_addr_json(m->sums));
	if (p)
		cJSON_AddItemToObject(root, "verdicts", verdicts_json(s, p));
	else
		cJSON_AddNullToObject(root, "verdicts");
	char *text = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	text = jsonx_utf8(text);
	size_t len = strlen(text);
	text = xrealloc(text, len + 2);
	text[len++] = '\n';
	struct out *o = (struct out *)&s->export;
	int rc = out_check(o, e) || out_write(o, text, len, stdout, stderr, e) ? -1 : 0;
	free(text);
	return rc;
}

/* ---- reading -----------------------------------------------------------------------------------
 */

static int malformed(const struct summ *s, struct err *e, const char *what)
{
	return err_set(e, ERR_INPUT, s->path, 0, 0, "not a valid summaries file: %s", what);
}

static const char *get_str(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* 16 hex digits, or null (have = 0); -1 otherwise. */
static int get_hex(const cJSON *o, const char *k, uint64_t *out, int *have)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	*out = 0;
	*have = 0;
	if (cJSON_IsNull(v))
		return 0;
	if (!cJSON_IsString(v) || strlen(v->valuestring) != 16 ||
	    strspn(v->valuestring, "0123456789abcdef") != 16)
		return -1;
	*out = (uint64_t)strtoull(v->valuestring, NULL, 16);
	*have = 1;
	return 0;
}

/* The context the facts were computed in, against this run's. */
static int load_context(struct summ *s, const cJSON *doc, struct err *e)
{
	const char *fmt = get_str(doc, "format");
	long long ver;
	if (!fmt || strcmp(fmt, format_name))
		return malformed(s, e, "no \"format\": \"arena-rewrite-summaries\"");
	if (jsonx_get_int(doc, "version", 0, INT_MAX, &ver))
		return malformed(s, e, "no format version");
	if (ver != SUMM_FORMAT_VERSION) {
		char buf[120];
		snprintf(buf, sizeof(buf), "format version %lld, this tool reads version %d", ver,
		         SUMM_FORMAT_VERSION);
		return summ_mismatch(s, e, buf);
	}
	const char *tool = get_str(doc, "tool"), *lc = get_str(doc, "libclang");
	if (!tool || !lc || strcmp(tool, s->ctx.tool_version) ||
	    strcmp(lc, model_libclang_version()))
		return summ_mismatch(s, e,
		                     "another version of arena-rewrite or libclang exported them");
	uint64_t h;
	int have, bodies;
	if (get_hex(doc, "hotspots", &h, &have))
		return malformed(s, e, "\"hotspots\"");
	if (have != (s->ctx.hotspots != NULL) || h != s->hot_hash)
		return summ_mismatch(s, e, "the hotspot list differs");
	if (get_hex(doc, "rules", &h, &have))
		return malformed(s, e, "\"rules\"");
	if (have != (s->ctx.rules != NULL) || h != s->rules_hash)
		return summ_mismatch(s, e, "the --rules file differs");
	const cJSON *rw = cJSON_GetObjectItemCaseSensitive(doc, "rewrite");
	long long style;
	int force;
	if (s->ctx.rewrite && !cJSON_IsObject(rw))
		return summ_mismatch(s, e,
		                     "they were exported by --lint, and a rewrite needs the "
		                     "verdicts of --hotspots --export-summaries");
	if (s->ctx.rewrite &&
	    (jsonx_get_int(rw, "exit_style", 0, 1, &style) || jsonx_get_bool(rw, "force", &force)))
		return malformed(s, e, "\"rewrite\"");
	if (s->ctx.rewrite && (style != s->ctx.style || force != s->ctx.force))
		return summ_mismatch(s, e, "--exit-style or --force differs");
	if (jsonx_get_bool(doc, "all_bodies", &bodies))
		return malformed(s, e, "\"all_bodies\"");
	s->all_bodies = bodies;
	return 0;
}

static int load_units(struct summ *s, const cJSON *arr, struct err *e)
{
	if (!cJSON_IsArray(arr))
		return malformed(s, e, "\"units\"");
	size_t n = (size_t)cJSON_GetArraySize(arr), i = 0;
	struct summ_unit *got = xcalloc(n + 1, sizeof(*got));
	const cJSON *u;
	int rc = 0;
	cJSON_ArrayForEach(u, arr)
	{
		int have;
		got[i].rel = (char *)get_str(u, "file");
		if (!got[i].rel || get_hex(u, "args", &got[i].args, &have) || !have)
			rc = -1;
		i++;
	}
	rc = rc ? malformed(s, e, "\"units\"") : summ_check_units(s, got, n, e);
	free(got); /* the strings are the document's */
	return rc;
}

static int load_files(struct summ *s, const cJSON *arr, struct err *e)
{
	const cJSON *f;
	if (!cJSON_IsArray(arr))
		return malformed(s, e, "\"files\"");
	cJSON_ArrayForEach(f, arr)
	{
		const char *rel = get_str(f, "path");
		uint64_t h;
		int have;
		long long owner;
		if (!rel || get_hex(f, "hash", &h, &have) || !have ||
		    jsonx_get_int(f, "owner", 0, (double)s->nunits - 1, &owner))
			return malformed(s, e, "\"files\"");
		char *abs = fs_abspath(rel, s->base);
		summ_add_file(s, abs, h, (size_t)owner);
		free(abs);
	}
	return 0;
}

/* An optional boolean under k: absent gives dflt; present, it must be a boolean. */
static int get_opt_bool(const cJSON *o, const char *k, int dflt, int *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	*out = dflt;
	if (!v)
		return 0;
	if (!cJSON_IsBool(v))
		return -1;
	*out = cJSON_IsTrue(v);
	return 0;
}

static int load_callees(const cJSON *callees, long long n, struct cg_func *f)
{
	const cJSON *c;
	cJSON_ArrayForEach(c, callees)
	{
		if (!cJSON_IsNumber(c) || !(c->valuedouble >= 0) || c->valuedouble >= (double)n ||
		    c->valuedouble != (double)(int)c->valuedouble)
			return -1;
		GROW(f->callees, f->ncallees, f->callees_cap);
		f->callees[f->ncallees++] = (int)c->valuedouble;
	}
	return 0;
}

/* One graph node; a defined function has its file (cg.h: file is NULL only while called). */
static int load_node(struct summ *s, const cJSON *o, long long n)
{
	const char *usr = get_str(o, "usr"), *name = get_str(o, "name");
	const cJSON *file = cJSON_GetObjectItemCaseSensitive(o, "file");
	const cJSON *callees = cJSON_GetObjectItemCaseSensitive(o, "callees");
	long long line;
	struct cg_func f;
	memset(&f, 0, sizeof(f));
	if (!usr || !*usr || !name || (!cJSON_IsString(file) && !cJSON_IsNull(file)) ||
	    jsonx_get_int(o, "line", 0, UINT_MAX, &line) ||
	    jsonx_get_bool(o, "defined", &f.defined) ||
	    jsonx_get_bool(o, "indirect", &f.indirect) ||
	    jsonx_get_bool(o, "addr_taken", &f.addr_taken) || !cJSON_IsArray(callees) ||
	    (f.defined && (!cJSON_IsString(file) || !*file->valuestring)) ||
	    cg_find(&s->cg, usr) >= 0)
		return -1;
	/* Files without the fields say nothing: every function may allocate; a function that
	 * calls through a pointer may hand memory to what it holds. */
	if (get_opt_bool(o, "allocs", 1, &f.allocs) ||
	    get_opt_bool(o, "indirect_raw", f.indirect, &f.indirect_raw) ||
	    load_callees(callees, n, &f)) {
		free(f.callees);
		return -1;
	}
	f.usr = xstrdup(usr);
	f.name = xstrdup(name);
	f.file = cJSON_IsString(file) ? fs_abspath(file->valuestring, s->base) : NULL;
	f.line = (unsigned)line;
	GROW(s->cg.v, s->cg.n, s->cg.cap);
	s->cg.v[s->cg.n] = f;
	strmap_put(&s->cg.index, s->cg.v[s->cg.n].usr, (int)s->cg.n); /* the node's own copy */
	s->cg.n++;
	return 0;
}

static int load_graph(struct summ *s, const cJSON *arr, struct err *e)
{
	const cJSON *o;
	if (!cJSON_IsArray(arr))
		return malformed(s, e, "\"graph\"");
	long long n = cJSON_GetArraySize(arr), i = 0;
	char what[64];
	cJSON_ArrayForEach(o, arr)
	{
		if (load_node(s, o, n)) {
			snprintf(what, sizeof(what), "\"graph\", entry %lld", i);
			return malformed(s, e, what);
		}
		i++;
	}
	return 0;
}

/* The indexes a record may hold (plan.h): hotspots 0..n-1, scope groups n..n+k-1. */
struct ids {
	long long nhot, nall;
};

static int ids_ok(const struct ids *b, long long hot, long long group, long long alias)
{
	return hot >= 0 && hot < b->nall &&
	       (group == -1 || (group >= b->nhot && group < b->nall)) &&
	       (alias == -2 || alias == -1 || (alias >= 0 && alias < b->nall));
}

static int load_verdict(struct summ *s, struct plan *p, const struct ids *b, const cJSON *o)
{
	long long hot, group, alias, off, line, nrw;
	int refused, veto;
	const char *file = get_str(o, "file");
	const cJSON *why = cJSON_GetObjectItemCaseSensitive(o, "why");
	const cJSON *warn = cJSON_GetObjectItemCaseSensitive(o, "warn");
	if (!file || !*file || jsonx_get_int(o, "hot", -1, INT_MAX, &hot) ||
	    jsonx_get_int(o, "group", -1, INT_MAX, &group) ||
	    jsonx_get_int(o, "alias", -2, INT_MAX, &alias) || !ids_ok(b, hot, group, alias) ||
	    jsonx_get_int(o, "off", 0, UINT_MAX, &off) ||
	    jsonx_get_int(o, "line", 0, UINT_MAX, &line) ||
	    jsonx_get_bool(o, "refused", &refused) || get_opt_bool(o, "veto", 0, &veto) ||
	    jsonx_get_int(o, "rewritten", 0, INT_MAX, &nrw) ||
	    (!cJSON_IsString(why) && !cJSON_IsNull(why)) ||
	    (!cJSON_IsString(warn) && !cJSON_IsNull(warn)) || cJSON_IsString(why) != refused ||
	    (veto && !refused))
		return -1;
	GROW(p->funcs, p->nfuncs, p->funcs_cap);
	struct plan_func *f = &p->funcs[p->nfuncs++];
	memset(f, 0, sizeof(*f));
	f->hot = (int)hot;
	f->group = (int)group;
	f->alias = (int)alias;
	f->file = fs_abspath(file, s->base);
	f->off = (unsigned)off;
	f->line = (unsigned)line;
	f->refused = refused;
	f->veto = veto;
	f->why = cJSON_IsString(why) ? xstrdup(why->valuestring) : NULL;
	f->warn = cJSON_IsString(warn) ? xstrdup(warn->valuestring) : NULL;
	f->nrewritten = (int)nrw;
	return 0;
}

/* The distinct scopes of the list that are not their own hotspot (model.c: m->scopes). */
static long long count_scopes(const struct hotlist *hl)
{
	struct strmap seen = STRMAP_INIT;
	for (size_t h = 0; hl && h < hl->n; h++)
		if (hl->v[h].scope && strcmp(hl->v[h].scope, hl->v[h].function))
			strmap_put(&seen, hl->v[h].scope, 0);
	long long n = (long long)seen.n;
	strmap_free(&seen);
	return n;
}

static int load_verdicts(struct summ *s, const cJSON *arr, struct err *e)
{
	const cJSON *o;
	if (!s->ctx.rewrite)
		return 0;
	if (!cJSON_IsArray(arr))
		return summ_mismatch(s, e, "they hold no verdicts: export them with --hotspots");
	s->verdicts = xcalloc(1, sizeof(*s->verdicts));
	struct ids b = {s->ctx.hot ? (long long)s->ctx.hot->n : 0, 0};
	b.nall = b.nhot + count_scopes(s->ctx.hot);
	long long i = 0;
	char what[64];
	cJSON_ArrayForEach(o, arr)
	{
		if (load_verdict(s, s->verdicts, &b, o)) {
			snprintf(what, sizeof(what), "\"verdicts\", entry %lld", i);
			return malformed(s, e, what);
		}
		i++;
	}
	return 0;
}

/*
 * What the writer guarantees across the sections of a rewrite's file, checked so that a file edited
 * by hand (or by a fault) is refused rather than trusted: a summary is of a function its graph
 * defines (one of any other USR is not this tool's: refused, not ignored, since a lost summary
 * would change a verdict silently); every function a hotspot names that the graph defines has a
 * verdict (without one the shards would plan that hotspot with nothing); a verdict is in a file of
 * the file table.
 */
static int check_sums(struct summ *s, const cJSON *arr, struct err *e)
{
	const cJSON *o;
	long long i = 0;
	char what[96];
	cJSON_ArrayForEach(o, arr)
	{
		const char *usr = get_str(o, "usr");
		int at = usr ? cg_find(&s->cg, usr) : -1;
		if (at < 0 || !s->cg.v[at].defined) {
			snprintf(what, sizeof(what),
			         "\"summaries\", entry %lld (a function its graph does not define)",
			         i);
			return malformed(s, e, what);
		}
		i++;
	}
	return 0;
}

static int has_verdict(const struct plan *p, int hot)
{
	for (size_t i = 0; i < p->nfuncs; i++)
		if (p->funcs[i].hot == hot)
			return 1;
	return 0;
}

static int check_verdicts(struct summ *s, struct err *e)
{
	const struct hotlist *hl = s->ctx.hot;
	char what[160];
	if (!s->verdicts)
		return 0;
	for (size_t i = 0; i < s->verdicts->nfuncs; i++)
		if (!strmap_find(&s->fix, s->verdicts->funcs[i].file)) {
			snprintf(what, sizeof(what),
			         "\"verdicts\", entry %zu (a file its file table does not list)",
			         i);
			return malformed(s, e, what);
		}
	for (size_t n = 0; hl && n < s->cg.n; n++) {
		const struct cg_func *f = &s->cg.v[n];
		if (!f->defined)
			continue;
		for (int h = hot_first(hl, f->name); h >= 0; h = hot_next(hl, h)) {
			const struct hotspot *hs = &hl->v[h];
			if ((hs->scope && strcmp(hs->scope, hs->function)) ||
			    (hs->file && !hot_file_matches(hs->file, f->file)) ||
			    has_verdict(s->verdicts, h))
				continue;
			snprintf(what, sizeof(what),
			         "\"verdicts\" (none for hotspot '%.80s', which its graph defines)",
			         hs->function);
			return malformed(s, e, what);
		}
	}
	return 0;
}

int summ_load(struct summ *s, struct err *e)
{
	struct fs_text t = {NULL, 0};
	if (fs_read(s->path, &t, e))
		return -1;
	s->doc = jsonx_parse(t.data, t.len, s->path, "summaries file", e);
	fs_text_free(&t);
	if (!s->doc)
		return -1;
	const cJSON *d = s->doc;
	if (!cJSON_IsObject(d))
		return malformed(s, e, "not an object");
	if (load_context(s, d, e) ||
	    load_units(s, cJSON_GetObjectItemCaseSensitive(d, "units"), e) ||
	    load_files(s, cJSON_GetObjectItemCaseSensitive(d, "files"), e) ||
	    load_graph(s, cJSON_GetObjectItemCaseSensitive(d, "graph"), e) ||
	    load_verdicts(s, cJSON_GetObjectItemCaseSensitive(d, "verdicts"), e) ||
	    check_verdicts(s, e))
		return -1;
	struct esc_sums *check = esc_sums_new();
	int bad = esc_sums_from_json(check, cJSON_GetObjectItemCaseSensitive(d, "summaries"));
	if (!bad && esc_addr_from_json(check, cJSON_GetObjectItemCaseSensitive(d, "address_taken")))
		bad = 2;
	esc_sums_free(check);
	if (bad)
		return malformed(s, e, bad == 2 ? "\"address_taken\"" : "\"summaries\"");
	/* A lint's file has no graph (the lint builds none): its summaries are checked alone. */
	return s->ctx.rewrite ? check_sums(s, cJSON_GetObjectItemCaseSensitive(d, "summaries"), e)
	                      : 0;
}

void summ_load_sums(const struct summ *s, struct esc_sums *sums)
{
	esc_sums_from_json(sums, cJSON_GetObjectItemCaseSensitive(s->doc, "summaries"));
	esc_addr_from_json(sums, cJSON_GetObjectItemCaseSensitive(s->doc, "address_taken"));
}

void summ_merge_verdicts(struct summ *s, struct plan *p)
{
	if (s && s->verdicts)
		plan_merge(p, s->verdicts);
}
