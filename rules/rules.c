/*
 * rules: the catalogue (rules.h), loaded from the built-in JSON documents and a --rules file.
 */
#include "rules.h"
#include "jsonx.h"
#include "rtapi.h"
#include "err.h"
#include "fsio.h"
#include "mem.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Generated at build time from rules/default.json and rules/effects.json (rules/CMakeLists.txt). */
extern const char rules_default_json[];
extern const char rules_effects_json[];

/* The kinds, their names in rules files, their parameters (rules_kind_params) and whether they
 * return new memory; what each becomes is the runtime table's (rtapi.h). */
static const struct {
	const char *name;
	const char *params;
	int allocates;
} kinds[RK__COUNT] = {
    [RK_MALLOC] = {"malloc", "n", 1},    [RK_CALLOC] = {"calloc", "nn", 1},
    [RK_REALLOC] = {"realloc", "pn", 1}, [RK_FREE] = {"free", "p", 0},
    [RK_STRDUP] = {"strdup", "p", 1},    [RK_STRNDUP] = {"strndup", "pn", 1},
    [RK_MEMDUP] = {"memdup", "pn", 1},   [RK_RELEASE] = {"release", "p", 0},
};

const char *rules_kind_name(enum rule_kind k)
{
	return kinds[k].name;
}

const char *rules_arena_func(enum rule_kind k, enum rule_style s)
{
	const struct rt_func *f = rtapi_call(k, s, 0);
	return f ? f->name : NULL;
}

const char *rules_arena_field_func(enum rule_kind k, enum rule_style s)
{
	const struct rt_func *f = rtapi_call(k, s, RTAPI_HOOK);
	return f ? f->name : NULL;
}

int rules_takes_arena(enum rule_kind k, enum rule_style s)
{
	const struct rt_func *f = rtapi_call(k, s, 0);
	return f && f->arena_arg == 0;
}

unsigned rules_kind_args(enum rule_kind k)
{
	return (unsigned)strlen(kinds[k].params);
}

const char *rules_kind_params(enum rule_kind k)
{
	return kinds[k].params;
}

int rules_kind_allocates(enum rule_kind k)
{
	return kinds[k].allocates;
}

static int kind_from_name(const char *s, enum rule_kind *out)
{
	for (int i = 0; i < RK__COUNT; i++)
		if (!strcmp(kinds[i].name, s)) {
			*out = (enum rule_kind)i;
			return 0;
		}
	return -1;
}

static void add_alloc(struct rules *r, const char *name, const char *field, enum rule_kind k,
                      const char *origin, int idx)
{
	char *from = xasprintf("%s: allocators[%d]", origin, idx);
	for (size_t i = 0; i < r->nalloc; i++) {
		struct rule_alloc *a = &r->alloc[i];
		if ((name && a->name && !strcmp(a->name, name)) ||
		    (field && a->field && !strcmp(a->field, field))) {
			a->kind = k;
			free(a->origin);
			a->origin = from;
			return;
		}
	}
	GROW(r->alloc, r->nalloc, r->alloc_cap);
	struct rule_alloc *a = &r->alloc[r->nalloc++];
	a->name = name ? xstrdup(name) : NULL;
	a->field = field ? xstrdup(field) : NULL;
	a->kind = k;
	a->origin = from;
}

static void add_prof(struct rules *r, const char *name)
{
	for (size_t i = 0; i < r->nprof; i++)
		if (!strcmp(r->prof[i], name))
			return;
	GROW(r->prof, r->nprof, r->prof_cap);
	r->prof[r->nprof++] = xstrdup(name);
}

static int merge_json(struct rules *r, const char *text, const char *origin, struct err *e)
{
	cJSON *root = jsonx_parse(text, strlen(text), origin, "rules file", e);
	if (!root)
		return -1;
	int rc = 0;
	if (!cJSON_IsObject(root)) {
		rc = err_set(e, ERR_INPUT, origin, 0, 0, "rules file must hold a JSON object");
		goto out;
	}
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, "allocators");
	if (arr && !cJSON_IsArray(arr)) {
		rc = err_set(e, ERR_INPUT, origin, 0, 0, "\"allocators\" must be an array");
		goto out;
	}
	const cJSON *it;
	int idx = 0;
	cJSON_ArrayForEach(it, arr)
	{
		const cJSON *name = cJSON_GetObjectItemCaseSensitive(it, "name");
		const cJSON *field = cJSON_GetObjectItemCaseSensitive(it, "field");
		const cJSON *kind = cJSON_GetObjectItemCaseSensitive(it, "kind");
		enum rule_kind k;
		if (!cJSON_IsString(kind) || kind_from_name(kind->valuestring, &k)) {
			rc = err_set(
			    e, ERR_INPUT, origin, 0, 0,
			    "allocators[%d]: \"kind\" must be one of malloc, calloc, realloc, "
			    "free, strdup, strndup, memdup, release",
			    idx);
			goto out;
		}
		if (!cJSON_IsString(name) && !cJSON_IsString(field)) {
			rc = err_set(e, ERR_INPUT, origin, 0, 0,
			             "allocators[%d]: needs a string \"name\" or \"field\"", idx);
			goto out;
		}
		add_alloc(r, cJSON_IsString(name) ? name->valuestring : NULL,
		          cJSON_IsString(field) ? field->valuestring : NULL, k, origin, idx);
		if (cJSON_IsString(name))
			add_prof(r, name->valuestring);
		idx++;
	}
	arr = cJSON_GetObjectItemCaseSensitive(root, "profile_allocators");
	cJSON_ArrayForEach(it, arr)
	{
		if (cJSON_IsString(it))
			add_prof(r, it->valuestring);
	}
	if (eff_merge_json(&r->eff, root, origin, e))
		rc = -1;
out:
	cJSON_Delete(root);
	return rc;
}

int rules_load(struct rules *r, const char *path, struct err *e)
{
	memset(r, 0, sizeof(*r));
	if (merge_json(r, rules_default_json, "rules/default.json", e) ||
	    merge_json(r, rules_effects_json, "rules/effects.json", e))
		return -1;
	if (!path)
		return 0;
	struct fs_text t;
	if (fs_read(path, &t, e))
		return -1;
	int rc = merge_json(r, t.data, path, e);
	fs_text_free(&t);
	return rc;
}

void rules_free(struct rules *r)
{
	for (size_t i = 0; i < r->nalloc; i++) {
		free(r->alloc[i].name);
		free(r->alloc[i].field);
		free(r->alloc[i].origin);
	}
	for (size_t i = 0; i < r->nprof; i++)
		free(r->prof[i]);
	free(r->alloc);
	free(r->prof);
	eff_free(&r->eff);
	memset(r, 0, sizeof(*r));
}

const struct rule_alloc *rules_find_alloc(const struct rules *r, const char *name)
{
	for (size_t i = 0; i < r->nalloc; i++)
		if (r->alloc[i].name && !strcmp(r->alloc[i].name, name))
			return &r->alloc[i];
	return NULL;
}

const struct rule_alloc *rules_find_field(const struct rules *r, const char *field)
{
	for (size_t i = 0; i < r->nalloc; i++)
		if (r->alloc[i].field && !strcmp(r->alloc[i].field, field))
			return &r->alloc[i];
	return NULL;
}

int rules_is_allocator(const struct rules *r, const char *name)
{
	for (size_t i = 0; i < r->nprof; i++)
		if (!strcmp(r->prof[i], name))
			return 1;
	return 0;
}

const struct eff_func *rules_find_effect(const struct rules *r, const char *name)
{
	return eff_find(&r->eff, name);
}

int rules_cancel_point(const struct rules *r, const char *name)
{
	return eff_cancel_point(&r->eff, name);
}
