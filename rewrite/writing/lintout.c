#include "lintout.h"
#include "analysis.h"
#include "fsio.h"
#include "jsonx.h"
#include "mem.h"
#include "sbuf.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *level_name(int sev)
{
	return sev == ESC_ERROR ? "error" : "warning";
}

char *lintout_text(const struct esc_finding *v, size_t n)
{
	struct sbuf sb = SBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		const struct esc_finding *g = &v[i];
		char *rel = fs_relpath_cwd(g->at.path);
		sb_addf(&sb, "%s:%u:%u: %s: %s [%s]\n", rel, g->at.line, g->at.col,
		        level_name(g->severity), g->msg, esc_rule_id(g->rule));
		free(rel);
		if (g->has_alloc) {
			rel = fs_relpath_cwd(g->alloc.path);
			sb_addf(&sb, "%s:%u:%u: note: allocated here\n", rel, g->alloc.line,
			        g->alloc.col);
			free(rel);
		}
	}
	return sb_detach(&sb, NULL);
}

static cJSON *pos_json(const struct esc_pos *p)
{
	cJSON *o = cJSON_CreateObject();
	char *rel = fs_relpath_cwd(p->path);
	cJSON_AddStringToObject(o, "file", rel);
	free(rel);
	cJSON_AddNumberToObject(o, "line", p->line);
	cJSON_AddNumberToObject(o, "column", p->col);
	cJSON_AddNumberToObject(o, "end_line", p->end_line);
	cJSON_AddNumberToObject(o, "end_column", p->end_col);
	return o;
}

static char *print_json(cJSON *root)
{
	char *s = cJSON_Print(root);
	cJSON_Delete(root);
	if (!s) {
		fputs("arena-rewrite: out of memory\n", stderr);
		exit(2);
	}
	/* cJSON's buffer comes from its own allocator: hand out one of ours. */
	char *r = xasprintf("%s\n", s);
	cJSON_free(s);
	return jsonx_utf8(r); /* a file name that is not UTF-8 */
}

char *lintout_json(const struct esc_finding *v, size_t n)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *arr = cJSON_AddArrayToObject(root, "findings");
	int errors = 0, warnings = 0;
	for (size_t i = 0; i < n; i++) {
		const struct esc_finding *g = &v[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddItemToArray(arr, o);
		cJSON_AddStringToObject(o, "rule", esc_rule_id(g->rule));
		cJSON_AddStringToObject(o, "severity", level_name(g->severity));
		cJSON_AddStringToObject(o, "message", g->msg);
		cJSON_AddStringToObject(o, "function", g->function);
		cJSON_AddItemToObject(o, "location", pos_json(&g->at));
		if (g->has_alloc)
			cJSON_AddItemToObject(o, "allocation", pos_json(&g->alloc));
		else
			cJSON_AddNullToObject(o, "allocation");
		if (g->severity == ESC_ERROR)
			errors++;
		else
			warnings++;
	}
	cJSON_AddNumberToObject(root, "errors", errors);
	cJSON_AddNumberToObject(root, "warnings", warnings);
	return print_json(root);
}

/* A relative path as a URI reference: unreserved characters and '/' kept, the rest %XX. */
static char *uri_path(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	struct sbuf sb = SBUF_INIT;
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p)) {
			sb_addc(&sb, (char)*p);
		} else {
			sb_addc(&sb, '%');
			sb_addc(&sb, hex[*p >> 4]);
			sb_addc(&sb, hex[*p & 15]);
		}
	}
	return sb_detach(&sb, NULL);
}

static cJSON *sarif_location(const struct esc_pos *p)
{
	cJSON *loc = cJSON_CreateObject();
	cJSON *phys = cJSON_AddObjectToObject(loc, "physicalLocation");
	cJSON *art = cJSON_AddObjectToObject(phys, "artifactLocation");
	char *rel = fs_relpath_cwd(p->path);
	char *uri = uri_path(rel);
	if (rel[0] == '/') {
		/* Outside the source root: an absolute file URI, no base. */
		char *abs = xasprintf("file://%s", uri);
		cJSON_AddStringToObject(art, "uri", abs);
		free(abs);
	} else {
		cJSON_AddStringToObject(art, "uri", uri);
		cJSON_AddStringToObject(art, "uriBaseId", "%SRCROOT%");
	}
	free(uri);
	free(rel);
	cJSON *reg = cJSON_AddObjectToObject(phys, "region");
	cJSON_AddNumberToObject(reg, "startLine", p->line ? p->line : 1);
	cJSON_AddNumberToObject(reg, "startColumn", p->col ? p->col : 1);
	cJSON_AddNumberToObject(reg, "endLine", p->end_line ? p->end_line : 1);
	cJSON_AddNumberToObject(reg, "endColumn", p->end_col ? p->end_col : 1);
	return loc;
}

static cJSON *text_obj(const char *text)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "text", text);
	return o;
}

char *lintout_sarif(const struct esc_finding *v, size_t n, const char *tool_version)
{
	cJSON *root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
	cJSON_AddStringToObject(root, "version", "2.1.0");
	cJSON *runs = cJSON_AddArrayToObject(root, "runs");
	cJSON *run = cJSON_CreateObject();
	cJSON_AddItemToArray(runs, run);
	cJSON *tool = cJSON_AddObjectToObject(run, "tool");
	cJSON *driver = cJSON_AddObjectToObject(tool, "driver");
	cJSON_AddStringToObject(driver, "name", "arena-rewrite");
	cJSON_AddStringToObject(driver, "version", tool_version ? tool_version : "0");
	cJSON *rules = cJSON_AddArrayToObject(driver, "rules");
	for (int r = 0; r < ESC__NRULES; r++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddItemToArray(rules, o);
		cJSON_AddStringToObject(o, "id", esc_rule_id((enum esc_rule)r));
		cJSON_AddStringToObject(o, "name", esc_rule_id((enum esc_rule)r));
		cJSON_AddItemToObject(o, "shortDescription",
		                      text_obj(esc_rule_short((enum esc_rule)r)));
		cJSON_AddItemToObject(o, "fullDescription",
		                      text_obj(esc_rule_full((enum esc_rule)r)));
		cJSON *help = text_obj(esc_rule_help((enum esc_rule)r));
		cJSON_AddStringToObject(help, "markdown", esc_rule_help((enum esc_rule)r));
		cJSON_AddItemToObject(o, "help", help);
		cJSON *cfg = cJSON_AddObjectToObject(o, "defaultConfiguration");
		cJSON_AddStringToObject(cfg, "level", "error");
		cJSON *props = cJSON_AddObjectToObject(o, "properties");
		cJSON *tags = cJSON_AddArrayToObject(props, "tags");
		cJSON_AddItemToArray(tags, cJSON_CreateString("memory-safety"));
		cJSON_AddItemToArray(tags, cJSON_CreateString("arena"));
	}
	/* The source root the relative uris resolve against: the current folder. */
	char *cwdrel = fs_abspath(".", NULL);
	char *cwduri = uri_path(cwdrel);
	char *base = xasprintf("file://%s%s", cwduri,
	                       cwduri[0] && cwduri[strlen(cwduri) - 1] == '/' ? "" : "/");
	cJSON *bases = cJSON_AddObjectToObject(run, "originalUriBaseIds");
	cJSON *srcroot = cJSON_AddObjectToObject(bases, "%SRCROOT%");
	cJSON_AddStringToObject(srcroot, "uri", base);
	free(base);
	free(cwduri);
	free(cwdrel);
	cJSON *results = cJSON_AddArrayToObject(run, "results");
	for (size_t i = 0; i < n; i++) {
		const struct esc_finding *g = &v[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddItemToArray(results, o);
		cJSON_AddStringToObject(o, "ruleId", esc_rule_id(g->rule));
		cJSON_AddNumberToObject(o, "ruleIndex", (int)g->rule);
		cJSON_AddStringToObject(o, "level", level_name(g->severity));
		char *msg =
		    g->has_alloc ? xasprintf("%s (allocated [here](0))", g->msg) : xstrdup(g->msg);
		cJSON_AddItemToObject(o, "message", text_obj(msg));
		free(msg);
		cJSON *locs = cJSON_AddArrayToObject(o, "locations");
		cJSON_AddItemToArray(locs, sarif_location(&g->at));
		if (g->has_alloc) {
			cJSON *rel = cJSON_AddArrayToObject(o, "relatedLocations");
			cJSON *rl = sarif_location(&g->alloc);
			cJSON_AddNumberToObject(rl, "id", 0);
			cJSON_AddItemToObject(rl, "message", text_obj("allocated here"));
			cJSON_AddItemToArray(rel, rl);
		}
	}
	return print_json(root);
}
