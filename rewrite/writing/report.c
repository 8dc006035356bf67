#include "report.h"
#include "analysis.h"
#include "fsio.h"
#include "jsonx.h"
#include "mem.h"
#include "planning.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

/* {file, line, column, call} of a site; the caller adds replacement or reason. */
static cJSON *site_object(const struct plan_site *s)
{
	cJSON *so = cJSON_CreateObject();
	char *rel = fs_relpath_cwd(s->file);
	cJSON_AddStringToObject(so, "file", rel);
	free(rel);
	cJSON_AddNumberToObject(so, "line", s->line);
	cJSON_AddNumberToObject(so, "column", s->col);
	cJSON_AddStringToObject(so, "call", s->callee);
	return so;
}

/* A rewritten site (with whether its edit is applied) or a skipped one (with the reason). */
static void add_site_to(const struct plan *p, const struct plan_site *s, cJSON *done,
                        cJSON *skipped)
{
	cJSON *so = site_object(s);
	if (s->replacement) {
		cJSON_AddStringToObject(so, "replacement", s->replacement);
		cJSON_AddBoolToObject(so, "applied", !plan_tag_refused(p, s->tag));
		cJSON_AddItemToArray(done, so);
	} else {
		cJSON_AddStringToObject(so, "reason", s->reason);
		cJSON_AddItemToArray(skipped, so);
	}
}

static void add_str(cJSON *o, const char *k, const char *v)
{
	if (v)
		cJSON_AddStringToObject(o, k, v);
	else
		cJSON_AddNullToObject(o, k);
}

void report_count(const struct plan *p, size_t nhot, size_t nscopes, struct report_counts *c)
{
	memset(c, 0, sizeof(*c));
	for (size_t i = 0; i < p->nsites; i++) {
		const struct plan_site *s = &p->sites[i];
		int applied = s->replacement && !plan_tag_refused(p, s->tag);
		if (!s->replacement)
			c->skipped++;
		else if (!applied)
			continue;
		else if (!strcmp(s->replacement, TEAR_REMOVED))
			c->removed++;
		else if (s->hot == -2)
			c->ownership_aware++;
		else if (s->hot >= 0)
			c->rewritten++;
	}
	for (size_t h = 0; h < nhot + nscopes; h++)
		c->refused += plan_refused(p, (int)h);
}

char *report_json(const struct plan *p, const struct hotlist *hl, const char *const *scope_names,
                  size_t nscopes)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *arr = cJSON_AddArrayToObject(root, "hotspots");
	for (size_t h = 0; h < hl->n; h++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddItemToArray(arr, o);
		add_str(o, "function", hl->v[h].function);
		add_str(o, "file", hl->v[h].file);
		add_str(o, "scope", hl->v[h].scope);
		cJSON *defs = cJSON_CreateArray();
		int found = 0, refused = 0, rw = 0;
		for (size_t i = 0; i < p->nfuncs; i++) {
			const struct plan_func *f = &p->funcs[i];
			if (f->hot != (int)h)
				continue;
			found = 1;
			refused |= f->refused;
			rw += f->nrewritten;
			cJSON *d = cJSON_CreateObject();
			char *rel = fs_relpath_cwd(f->file);
			cJSON_AddStringToObject(d, "file", rel);
			free(rel);
			cJSON_AddNumberToObject(d, "line", f->line);
			if (f->why)
				cJSON_AddStringToObject(d, "refused", f->why + 1 + 2);
			if (f->warn)
				cJSON_AddStringToObject(d, "forced", f->warn + 1 + 2);
			cJSON_AddItemToArray(defs, d);
		}
		/* A hotspot allocating from a caller's scope is refused with that scope. */
		refused |= plan_refused(p, (int)h);
		cJSON_AddStringToObject(o, "status",
		                        !found    ? "not-found"
		                        : refused ? "refused"
		                        : rw      ? "rewritten"
		                                  : "unchanged");
		cJSON_AddItemToObject(o, "definitions", defs);
		cJSON *done = cJSON_AddArrayToObject(o, "sites_rewritten");
		cJSON *skipped = cJSON_AddArrayToObject(o, "sites_skipped");
		int first = hot_first_entry(hl, (int)h);
		for (size_t i = 0; i < p->nsites; i++) {
			const struct plan_site *s = &p->sites[i];
			if (s->hot == first)
				add_site_to(p, s, done, skipped);
		}
	}
	/* Scope functions: their arena, exits and own sites. */
	cJSON *scopes = cJSON_AddArrayToObject(root, "scopes");
	for (size_t k = 0; k < nscopes; k++) {
		int g = (int)hl->n + (int)k;
		cJSON *o = cJSON_CreateObject();
		cJSON_AddItemToArray(scopes, o);
		cJSON_AddStringToObject(o, "function", scope_names[k]);
		int idle = 0;
		for (size_t i = 0; i < p->nfuncs; i++)
			idle |= p->funcs[i].hot == g && p->funcs[i].idle;
		cJSON_AddStringToObject(o, "status",
		                        plan_refused(p, g) ? "refused"
		                        : idle             ? "unchanged"
		                                           : "rewritten");
		/* the scope's note: a loop of it frees as it goes (docs/rewrite.md, section 9) */
		unsigned early = 0;
		for (size_t i = 0; i < p->nfuncs; i++)
			if (p->funcs[i].hot == g && p->funcs[i].frees_early && !early)
				early = p->funcs[i].frees_early;
		if (early)
			cJSON_AddNumberToObject(o, "frees_as_it_goes_line", early);
		cJSON *done = cJSON_AddArrayToObject(o, "sites_rewritten");
		cJSON *skipped = cJSON_AddArrayToObject(o, "sites_skipped");
		for (size_t i = 0; i < p->nsites; i++)
			if (p->sites[i].hot == g)
				add_site_to(p, &p->sites[i], done, skipped);
	}
	/* free/realloc made ownership-aware in code reachable from a scope */
	cJSON *owner = cJSON_AddArrayToObject(root, "ownership_aware");
	for (size_t i = 0; i < p->nsites; i++) {
		const struct plan_site *s = &p->sites[i];
		if (s->hot != -2 || !s->replacement)
			continue;
		cJSON *so = site_object(s);
		cJSON_AddStringToObject(so, "replacement", s->replacement);
		cJSON_AddItemToArray(owner, so);
	}
	/* teardown walks removed: they freed only memory of an arena released right after */
	cJSON *torn = cJSON_AddArrayToObject(root, "teardown_removed");
	for (size_t i = 0; i < p->nsites; i++) {
		const struct plan_site *s = &p->sites[i];
		if (!s->replacement || strcmp(s->replacement, TEAR_REMOVED))
			continue;
		cJSON *so = site_object(s);
		cJSON_AddBoolToObject(so, "applied", !plan_tag_refused(p, s->tag));
		cJSON_AddItemToArray(torn, so);
	}
	struct report_counts c;
	report_count(p, hl->n, nscopes, &c);
	cJSON *sum = cJSON_AddObjectToObject(root, "summary");
	cJSON_AddNumberToObject(sum, "sites_rewritten", c.rewritten);
	cJSON_AddNumberToObject(sum, "sites_skipped", c.skipped);
	cJSON_AddNumberToObject(sum, "ownership_aware", c.ownership_aware);
	cJSON_AddNumberToObject(sum, "teardown_removed", c.removed);
	cJSON_AddNumberToObject(sum, "refused", c.refused);
	char *s = cJSON_Print(root);
	cJSON_Delete(root);
	char *r = xstrdup(s ? s : "{}");
	free(s);
	return jsonx_utf8(r); /* a file name that is not UTF-8 */
}
