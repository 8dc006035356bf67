#include "rules.h"
#include "jsonx.h"
#include "../rewrite/err.h"
#include "../rewrite/fsio.h"
#include "../rewrite/mem.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Generated at build time from rules/default.json (see rules/CMakeLists.txt). */
extern const char rules_default_json[];

static const struct {
	const char *name;
	const char *local;
	const char *scoped;
	const char *owner;
	unsigned nargs;
} kinds[RK__COUNT] = {
    [RK_MALLOC] = {"malloc", "arena_alloc", "arena_cur_alloc", NULL, 1},
    [RK_CALLOC] = {"calloc", "arena_calloc", "arena_cur_calloc", NULL, 2},
    [RK_REALLOC] = {"realloc", "arena_realloc", "arena_cur_realloc", "arena_realloc_any", 2},
    [RK_FREE] = {"free", "arena_free", "arena_free", "arena_free", 1},
    [RK_STRDUP] = {"strdup", "arena_strdup", "arena_cur_strdup", NULL, 1},
    [RK_STRNDUP] = {"strndup", "arena_strndup", "arena_cur_strndup", NULL, 2},
    [RK_RELEASE] = {"release", NULL, NULL, NULL, 1},
};

const char *rules_kind_name(enum rule_kind k)
{
	return kinds[k].name;
}

const char *rules_arena_func(enum rule_kind k, enum rule_style s)
{
	return s == RS_LOCAL ? kinds[k].local : s == RS_SCOPED ? kinds[k].scoped : kinds[k].owner;
}

const char *rules_arena_field_func(enum rule_kind k, enum rule_style s)
{
	switch (k) {
	case RK_MALLOC:
		return s == RS_SCOPED ? "arena_cur_alloc_with" : rules_arena_func(k, s);
	case RK_CALLOC:
		return s == RS_SCOPED ? "arena_cur_calloc_with" : rules_arena_func(k, s);
	case RK_REALLOC:
		return s == RS_SCOPED  ? "arena_cur_realloc_with"
		       : s == RS_OWNER ? "arena_realloc_any_with"
		                       : rules_arena_func(k, s);
	case RK_FREE:
		return "arena_free_with";
	default:
		return rules_arena_func(k, s);
	}
}

int rules_takes_arena(enum rule_kind k, enum rule_style s)
{
	return s == RS_LOCAL && k != RK_FREE;
}

unsigned rules_kind_args(enum rule_kind k)
{
	return kinds[k].nargs;
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

static void add_alloc(struct rules *r, const char *name, const char *field, enum rule_kind k)
{
	for (size_t i = 0; i < r->nalloc; i++) {
		struct rule_alloc *a = &r->alloc[i];
		if ((name && a->name && !strcmp(a->name, name)) ||
		    (field && a->field && !strcmp(a->field, field))) {
			a->kind = k;
			return;
		}
	}
	GROW(r->alloc, r->nalloc, r->alloc_cap);
	struct rule_alloc *a = &r->alloc[r->nalloc++];
	a->name = name ? xstrdup(name) : NULL;
	a->field = field ? xstrdup(field) : NULL;
	a->kind = k;
}

static void add_prof(struct rules *r, const char *name)
{
	for (size_t i = 0; i < r->nprof; i++)
		if (!strcmp(r->prof[i], name))
			return;
	GROW(r->prof, r->nprof, r->prof_cap);
	r->prof[r->nprof++] = xstrdup(name);
}

static void add_keep(struct rules *r, const char *fn, unsigned mask)
{
	for (size_t i = 0; i < r->nkeep; i++)
		if (!strcmp(r->keep[i].function, fn)) {
			r->keep[i].args_mask = mask;
			return;
		}
	GROW(r->keep, r->nkeep, r->keep_cap);
	r->keep[r->nkeep].function = xstrdup(fn);
	r->keep[r->nkeep].args_mask = mask;
	r->nkeep++;
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
			    "free, strdup, strndup, release",
			    idx);
			goto out;
		}
		if (!cJSON_IsString(name) && !cJSON_IsString(field)) {
			rc = err_set(e, ERR_INPUT, origin, 0, 0,
			             "allocators[%d]: needs a string \"name\" or \"field\"", idx);
			goto out;
		}
		add_alloc(r, cJSON_IsString(name) ? name->valuestring : NULL,
		          cJSON_IsString(field) ? field->valuestring : NULL, k);
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
	arr = cJSON_GetObjectItemCaseSensitive(root, "keeps_pointer");
	idx = 0;
	cJSON_ArrayForEach(it, arr)
	{
		const cJSON *fn = cJSON_GetObjectItemCaseSensitive(it, "function");
		const cJSON *args = cJSON_GetObjectItemCaseSensitive(it, "args");
		if (!cJSON_IsString(fn) || !cJSON_IsArray(args)) {
			rc = err_set(e, ERR_INPUT, origin, 0, 0,
			             "keeps_pointer[%d]: needs \"function\" and an \"args\" array",
			             idx);
			goto out;
		}
		unsigned mask = 0;
		const cJSON *a;
		cJSON_ArrayForEach(a, args)
		{
			if (cJSON_IsNumber(a) && a->valueint >= 0 && a->valueint < 32)
				mask |= 1u << a->valueint;
		}
		add_keep(r, fn->valuestring, mask);
		idx++;
	}
out:
	cJSON_Delete(root);
	return rc;
}

int rules_load(struct rules *r, const char *path, struct err *e)
{
	memset(r, 0, sizeof(*r));
	if (merge_json(r, rules_default_json, "rules/default.json", e))
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
	}
	for (size_t i = 0; i < r->nprof; i++)
		free(r->prof[i]);
	for (size_t i = 0; i < r->nkeep; i++)
		free(r->keep[i].function);
	free(r->alloc);
	free(r->prof);
	free(r->keep);
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

const struct rule_keep *rules_find_keep(const struct rules *r, const char *name)
{
	for (size_t i = 0; i < r->nkeep; i++)
		if (!strcmp(r->keep[i].function, name))
			return &r->keep[i];
	return NULL;
}
