/*
 * esc_sumjson: the summaries of a run (struct esc_sums) as JSON and back, for the summaries
 * file of --export-summaries and --summaries (summ.h, docs/cli.md). One object per function, in
 * the order of s->v; masks of parameters are numbers (32 bits: exact in a JSON number), and
 * per-parameter facts are listed only for the parameters that have one, so that a summary of
 * nothing stays small. Reading checks every field's type and range: a file that does not
 * match is refused, never half used.
 */
#include "esc_int.h"
#include "jsonx.h"
#include "mem.h"

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdlib.h>

/* The parameter masks of default deny (absent in files of older versions: nothing known):
 * one row per key, what the writer writes and the reader reads. */
#define MASK(f)                                                                                    \
	{                                                                                          \
#f, offsetof(struct sum, f)                                                        \
	}
static const struct {
	const char *key;
	size_t off;
} deny_masks[] = {MASK(keep_unknown), MASK(ret_reach),   MASK(bytes),     MASK(stored),
                  MASK(keep_glob),    MASK(keep_other),  MASK(jumps_via), MASK(under),
                  MASK(dies_deep),    MASK(frees_reach), MASK(out_glob),  MASK(arena_rel),
                  MASK(arena_rewind), MASK(arena_mark)};
#undef MASK

static void add_opt_str(cJSON *o, const char *k, const char *v)
{
	if (v)
		cJSON_AddStringToObject(o, k, v);
}

/* The parameters with a fact: [{"param", "into", "out_arena", "out_param", "out_scope"}]. */
static cJSON *params_json(const struct sum *x)
{
	cJSON *arr = cJSON_CreateArray();
	for (int j = 0; j < MAXP; j++) {
		if (!x->into[j] && !x->into_bytes[j] && !x->out_arena[j])
			continue;
		cJSON *p = cJSON_CreateObject();
		cJSON_AddNumberToObject(p, "param", j);
		cJSON_AddNumberToObject(p, "into", x->into[j]);
		cJSON_AddNumberToObject(p, "into_bytes", x->into_bytes[j]);
		cJSON_AddNumberToObject(p, "out_arena", x->out_arena[j]);
		cJSON_AddNumberToObject(p, "out_param", x->out_arena_param[j]);
		add_opt_str(p, "out_scope", x->out_scope[j]);
		cJSON_AddItemToArray(arr, p);
	}
	return arr;
}

cJSON *esc_sums_json(const struct esc_sums *s)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; s && i < s->n; i++) {
		const struct sum *x = &s->v[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "usr", x->usr);
		cJSON_AddNumberToObject(o, "keep", x->keep);
		cJSON_AddNumberToObject(o, "keep_def", x->keep_def);
		cJSON_AddNumberToObject(o, "frees", x->frees);
		cJSON_AddNumberToObject(o, "ret", x->ret);
		cJSON_AddNumberToObject(o, "out_def", x->out_def);
		cJSON_AddNumberToObject(o, "ret_arena", x->ret_arena);
		cJSON_AddNumberToObject(o, "ret_param", x->ret_arena_param);
		add_opt_str(o, "ret_scope", x->ret_scope);
		cJSON_AddItemToObject(o, "params", params_json(x));
		cJSON *g = cJSON_AddArrayToObject(o, "globals");
		for (size_t k = 0; k < x->nglobs; k++)
			cJSON_AddItemToArray(g, cJSON_CreateString(x->globs[k]));
		add_opt_str(o, "glob_scope", x->glob_scope);
		cJSON_AddBoolToObject(o, "glob_copy", x->glob_copy);
		cJSON_AddBoolToObject(o, "glob_free", x->glob_free);
		cJSON_AddBoolToObject(o, "ret_unknown", x->ret_unk);
		cJSON_AddNumberToObject(o, "dies", x->dies);
		cJSON_AddBoolToObject(o, "free_aware", x->free_aware);
		cJSON_AddBoolToObject(o, "defined", x->defined);
		cJSON_AddBoolToObject(o, "exported", x->exported);
		cJSON_AddBoolToObject(o, "ret_glob", x->ret_glob);
		cJSON_AddNumberToObject(o, "nparams", x->np);
		cJSON_AddBoolToObject(o, "variadic", x->variadic);
		cJSON *why = cJSON_AddArrayToObject(o, "why");
		for (int j = 0; j < MAXP; j++)
			if (x->why[j]) {
				cJSON *w = cJSON_CreateObject();
				cJSON_AddNumberToObject(w, "param", j);
				cJSON_AddStringToObject(w, "text", x->why[j]);
				cJSON_AddItemToArray(why, w);
			}
		add_opt_str(o, "jumps", x->jumps);
		add_opt_str(o, "jumps_via_why", x->jumps_via_why);
		add_opt_str(o, "jumps_home", x->jumps_home);
		add_opt_str(o, "jumps_home_why", x->jumps_home_why);
		for (size_t i = 0; i < sizeof(deny_masks) / sizeof(deny_masks[0]); i++)
			cJSON_AddNumberToObject(
			    o, deny_masks[i].key,
			    *(const uint32_t *)((const char *)x + deny_masks[i].off));
		add_opt_str(o, "param_global", x->pglob);
		add_opt_str(o, "scope_escape", x->scope_esc);
		add_opt_str(o, "scope_escape_name", x->scope_esc_name);
		if (x->scope_esc)
			cJSON_AddNumberToObject(o, "scope_escape_rule", x->scope_esc_rule);
		if (x->scope_esc_push)
			cJSON_AddNumberToObject(o, "scope_escape_push", 1);
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

/* A whole number in [0, max] under key k of o; -1 when absent or not one. */
static int get_num(const cJSON *o, const char *k, double max, uint32_t *out)
{
	long long v;
	if (jsonx_get_int(o, k, 0, max, &v))
		return -1;
	*out = (uint32_t)v;
	return 0;
}

/* An optional string under k: 0 with *out a copy (or NULL when absent), -1 when not a string. */
static int get_opt_str(const cJSON *o, const char *k, char **out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	*out = NULL;
	if (!v)
		return 0;
	if (!cJSON_IsString(v))
		return -1;
	*out = xstrdup(v->valuestring);
	return 0;
}

static int params_from(struct sum *x, const cJSON *arr)
{
	const cJSON *p;
	if (!cJSON_IsArray(arr))
		return -1;
	cJSON_ArrayForEach(p, arr)
	{
		uint32_t j, arena, param;
		if (get_num(p, "param", MAXP - 1, &j) ||
		    get_num(p, "into", 4294967295.0, &x->into[j]) ||
		    (cJSON_GetObjectItemCaseSensitive(p, "into_bytes") &&
		     get_num(p, "into_bytes", 4294967295.0, &x->into_bytes[j])) ||
		    get_num(p, "out_arena", RA_PARAM, &arena) ||
		    get_num(p, "out_param", MAXP, &param))
			return -1;
		x->out_arena[j] = (unsigned char)arena;
		x->out_arena_param[j] = (unsigned char)param;
		free(x->out_scope[j]);
		if (get_opt_str(p, "out_scope", &x->out_scope[j]))
			return -1;
	}
	return 0;
}

static int globs_from(struct sum *x, const cJSON *arr)
{
	const cJSON *g;
	if (!cJSON_IsArray(arr))
		return -1;
	cJSON_ArrayForEach(g, arr)
	{
		if (!cJSON_IsString(g))
			return -1;
		GROW(x->globs, x->nglobs, x->globs_cap);
		x->globs[x->nglobs++] = xstrdup(g->valuestring);
	}
	return 0;
}

static int why_from(struct sum *x, const cJSON *arr)
{
	const cJSON *w;
	if (!arr)
		return 0;
	if (!cJSON_IsArray(arr))
		return -1;
	cJSON_ArrayForEach(w, arr)
	{
		uint32_t j;
		const cJSON *t = cJSON_GetObjectItemCaseSensitive(w, "text");
		if (get_num(w, "param", MAXP - 1, &j) || !cJSON_IsString(t) || x->why[j])
			return -1;
		x->why[j] = xstrdup(t->valuestring);
	}
	return 0;
}

/* The facts of default deny (absent in files of older versions: nothing known). */
static int deny_from(struct sum *x, const cJSON *o)
{
	const double all = 4294967295.0;
	uint32_t np = 0, rule = 0, push = 0;
	for (size_t i = 0; i < sizeof(deny_masks) / sizeof(deny_masks[0]); i++)
		if (get_num(o, deny_masks[i].key, all, (uint32_t *)((char *)x + deny_masks[i].off)))
			return -1;
	if (get_opt_str(o, "param_global", &x->pglob) ||
	    get_opt_str(o, "jumps_via_why", &x->jumps_via_why) ||
	    get_opt_str(o, "jumps_home", &x->jumps_home) ||
	    get_opt_str(o, "jumps_home_why", &x->jumps_home_why) ||
	    get_num(o, "nparams", MAXP, &np) ||
	    (cJSON_GetObjectItemCaseSensitive(o, "scope_escape_rule") &&
	     get_num(o, "scope_escape_rule", ESC__NRULES - 1, &rule)) ||
	    (cJSON_GetObjectItemCaseSensitive(o, "scope_escape_push") &&
	     get_num(o, "scope_escape_push", 1, &push)) ||
	    why_from(x, cJSON_GetObjectItemCaseSensitive(o, "why")) ||
	    get_opt_str(o, "jumps", &x->jumps) || get_opt_str(o, "scope_escape", &x->scope_esc) ||
	    get_opt_str(o, "scope_escape_name", &x->scope_esc_name))
		return -1;
	x->np = (unsigned char)np;
	x->scope_esc_rule = (unsigned char)rule;
	x->scope_esc_push = (unsigned char)push;
	/* every field the writer writes is required, with its type: a file that lacks one is
	 * not one this tool wrote */
	int variadic;
	if (jsonx_get_bool(o, "ret_glob", &x->ret_glob) ||
	    jsonx_get_bool(o, "defined", &x->defined) ||
	    jsonx_get_bool(o, "exported", &x->exported) || jsonx_get_bool(o, "variadic", &variadic))
		return -1;
	x->variadic = (unsigned char)variadic;
	return 0;
}

static int sum_from(struct esc_sums *s, const cJSON *o)
{
	const cJSON *usr = cJSON_GetObjectItemCaseSensitive(o, "usr");
	if (!cJSON_IsString(usr) || !*usr->valuestring || sums_find(s, usr->valuestring))
		return -1;
	struct sum *x = sums_get(s, usr->valuestring);
	const double all = 4294967295.0;
	uint32_t ra, rp;
	if (get_num(o, "keep", all, &x->keep) || get_num(o, "keep_def", all, &x->keep_def) ||
	    get_num(o, "frees", all, &x->frees) || get_num(o, "ret", all, &x->ret) ||
	    get_num(o, "out_def", all, &x->out_def) || get_num(o, "ret_arena", RA_PARAM, &ra) ||
	    get_num(o, "ret_param", MAXP, &rp) || get_opt_str(o, "ret_scope", &x->ret_scope) ||
	    params_from(x, cJSON_GetObjectItemCaseSensitive(o, "params")) ||
	    globs_from(x, cJSON_GetObjectItemCaseSensitive(o, "globals")) ||
	    get_opt_str(o, "glob_scope", &x->glob_scope) ||
	    jsonx_get_bool(o, "glob_copy", &x->glob_copy) ||
	    (cJSON_GetObjectItemCaseSensitive(o, "glob_free") &&
	     jsonx_get_bool(o, "glob_free", &x->glob_free)) ||
	    jsonx_get_bool(o, "free_aware", &x->free_aware))
		return -1;
	x->ret_arena = (unsigned char)ra;
	x->ret_arena_param = (unsigned char)rp;
	if (jsonx_get_bool(o, "ret_unknown", &x->ret_unk) || get_num(o, "dies", all, &x->dies))
		return -1;
	return deny_from(x, o);
}

int esc_sums_from_json(struct esc_sums *s, const cJSON *arr)
{
	const cJSON *o;
	if (!cJSON_IsArray(arr))
		return -1;
	cJSON_ArrayForEach(o, arr)
	{
		if (!cJSON_IsObject(o) || sum_from(s, o))
			return -1;
	}
	return 0;
}

/* Facts of the whole run, each an entry of its own in the address-taken list when true. */
#define FLAG(k, f)                                                                                 \
	{                                                                                          \
		k, offsetof(struct esc_sums, f)                                                    \
	}
static const struct {
	const char *key;
	size_t off;
} run_flags[] = {FLAG("signal_handlers", handlers),    FLAG("program", has_main),
                 FLAG("exit_handlers", exit_handlers), FLAG("functions_by_name", by_name),
                 FLAG("cancels_threads", cancels),     FLAG("functions_to_library", lib_all),
                 FLAG("thread_exits", thread_exits)};
#undef FLAG

cJSON *esc_addr_json(const struct esc_sums *s)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; s && i < sizeof(run_flags) / sizeof(run_flags[0]); i++)
		if (*(const int *)((const char *)s + run_flags[i].off)) {
			cJSON *o = cJSON_CreateObject();
			cJSON_AddBoolToObject(o, run_flags[i].key, 1);
			cJSON_AddItemToArray(arr, o);
		}
	for (size_t i = 0; s && i < s->naddr; i++) {
		const struct addr_fn *t = &s->addr[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "usr", t->usr);
		cJSON_AddStringToObject(o, "name", t->name);
		cJSON_AddNumberToObject(o, "nparams", t->np);
		cJSON_AddBoolToObject(o, "variadic", t->variadic);
		cJSON_AddBoolToObject(o, "system", t->system);
		if (t->ftype)
			cJSON_AddStringToObject(o, "type", t->ftype);
		cJSON_AddBoolToObject(o, "cast", t->cast);
		cJSON_AddBoolToObject(o, "library", t->lib);
		cJSON_AddBoolToObject(o, "at_exit", t->at_exit);
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

int esc_addr_from_json(struct esc_sums *s, const cJSON *arr)
{
	const cJSON *o;
	if (!cJSON_IsArray(arr)) /* required: the writer always writes it */
		return -1;
	cJSON_ArrayForEach(o, arr)
	{
		size_t f = 0;
		while (f < sizeof(run_flags) / sizeof(run_flags[0]) &&
		       !cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, run_flags[f].key)))
			f++;
		if (f < sizeof(run_flags) / sizeof(run_flags[0])) {
			*(int *)((char *)s + run_flags[f].off) = 1;
			continue;
		}
		const cJSON *usr = cJSON_GetObjectItemCaseSensitive(o, "usr");
		const cJSON *name = cJSON_GetObjectItemCaseSensitive(o, "name");
		uint32_t np;
		/* a file without the fields: any call, and any call into the library, may reach it
		 */
		int var, sys, cast = 1, lib = 1, at_exit = 0;
		char *ftype = NULL;
		if (!cJSON_IsString(usr) || !*usr->valuestring || !cJSON_IsString(name) ||
		    get_num(o, "nparams", 255, &np) || jsonx_get_bool(o, "variadic", &var) ||
		    jsonx_get_bool(o, "system", &sys) ||
		    strmap_find(&s->addr_index, usr->valuestring) ||
		    get_opt_str(o, "type", &ftype) ||
		    (cJSON_GetObjectItemCaseSensitive(o, "cast") &&
		     jsonx_get_bool(o, "cast", &cast)) ||
		    (cJSON_GetObjectItemCaseSensitive(o, "library") &&
		     jsonx_get_bool(o, "library", &lib)) ||
		    (cJSON_GetObjectItemCaseSensitive(o, "at_exit") &&
		     jsonx_get_bool(o, "at_exit", &at_exit))) {
			free(ftype);
			return -1;
		}
		GROW(s->addr, s->naddr, s->addr_cap);
		struct addr_fn *t = &s->addr[s->naddr];
		t->usr = xstrdup(usr->valuestring);
		t->name = xstrdup(name->valuestring);
		t->np = (unsigned char)np;
		t->variadic = (unsigned char)var;
		t->system = (unsigned char)sys;
		t->ftype = ftype;
		t->cast = (unsigned char)cast;
		t->lib = (unsigned char)(lib && !sys);
		t->at_exit = (unsigned char)at_exit;
		s->nlib += t->lib;
		strmap_put(&s->addr_index, t->usr, (int)s->naddr++);
	}
	return 0;
}
