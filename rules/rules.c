#include "rules.h"
#include "rtapi.h"
#include "err.h"
#include "fsio.h"
#include "mem.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Generated at build time from rules/default.json (see rules/CMakeLists.txt). */
extern const char rules_default_json[];

/* The kinds, their names in rules files and their argument counts; what each becomes is the
 * runtime table's (rtapi.h). */
static const struct {
	const char *name;
	unsigned nargs;
} kinds[RK__COUNT] = {
    [RK_MALLOC] = {"malloc", 1},   [RK_CALLOC] = {"calloc", 2}, [RK_REALLOC] = {"realloc", 2},
    [RK_FREE] = {"free", 1},       [RK_STRDUP] = {"strdup", 1}, [RK_STRNDUP] = {"strndup", 2},
    [RK_RELEASE] = {"release", 1},
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
	const struct rt_func *f = rtapi_call(k, s, 1);
	return f ? f->name : NULL;
}

int rules_takes_arena(enum rule_kind k, enum rule_style s)
{
	const struct rt_func *f = rtapi_call(k, s, 0);
	return f && f->arena_arg == 0;
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

/* An entry of a function-and-arguments list (keeps_pointer, returns_pointer). */
static void add_args(struct rule_args *l, const char *fn, unsigned mask)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].function, fn)) {
			l->v[i].args_mask = mask;
			return;
		}
	GROW(l->v, l->n, l->cap);
	l->v[l->n].function = xstrdup(fn);
	l->v[l->n].args_mask = mask;
	l->n++;
}

static int merge_args(struct rule_args *l, const cJSON *root, const char *key, const char *origin,
                      struct err *e)
{
	const cJSON *it, *arr = cJSON_GetObjectItemCaseSensitive(root, key);
	int idx = 0;
	cJSON_ArrayForEach(it, arr)
	{
		const cJSON *fn = cJSON_GetObjectItemCaseSensitive(it, "function");
		const cJSON *args = cJSON_GetObjectItemCaseSensitive(it, "args");
		if (!cJSON_IsString(fn) || !cJSON_IsArray(args))
			return err_set(e, ERR_INPUT, origin, 0, 0,
			               "%s[%d]: needs \"function\" and an \"args\" array", key,
			               idx);
		unsigned mask = 0;
		const cJSON *a;
		cJSON_ArrayForEach(a, args)
		{
			if (cJSON_IsNumber(a) && a->valueint >= 0 && a->valueint < 32)
				mask |= 1u << a->valueint;
		}
		add_args(l, fn->valuestring, mask);
		idx++;
	}
	return 0;
}

static int merge_json(struct rules *r, const char *text, const char *origin, struct err *e)
{
	cJSON *root = cJSON_Parse(text);
	if (!root) {
		unsigned line, col;
		err_text_pos(text, cJSON_GetErrorPtr(), &line, &col);
		return err_set(e, ERR_INPUT, origin, line, col, "malformed JSON in rules file");
	}
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
	if (merge_args(&r->keep, root, "keeps_pointer", origin, e) ||
	    merge_args(&r->pass, root, "returns_pointer", origin, e))
		rc = -1;
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
	for (size_t i = 0; i < r->keep.n; i++)
		free(r->keep.v[i].function);
	for (size_t i = 0; i < r->pass.n; i++)
		free(r->pass.v[i].function);
	free(r->alloc);
	free(r->prof);
	free(r->keep.v);
	free(r->pass.v);
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

static const struct rule_keep *find_args(const struct rule_args *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].function, name))
			return &l->v[i];
	return NULL;
}

const struct rule_keep *rules_find_keep(const struct rules *r, const char *name)
{
	return find_args(&r->keep, name);
}

const struct rule_keep *rules_find_pass(const struct rules *r, const char *name)
{
	return find_args(&r->pass, name);
}
