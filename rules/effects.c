/*
 * effects: the table of what external functions do with pointers (effects.h): its reader and
 * lookups.
 */
#include "effects.h"
#include "err.h"
#include "mem.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name;
	unsigned short bit;
} bit_names[] = {
    {"read", EF_READ},   {"write", EF_WRITE},     {"keep", EF_KEEP},
    {"free", EF_FREE},   {"realloc", EF_REALLOC}, {"heap", EF_HEAP},
    {"bytes", EF_BYTES}, {"alloc", EF_ALLOC},     {"dispose", EF_DISPOSE},
};

static int bit_of(const char *s, size_t n, unsigned short *out)
{
	for (size_t i = 0; i < sizeof(bit_names) / sizeof(*bit_names); i++)
		if (strlen(bit_names[i].name) == n && !strncmp(bit_names[i].name, s, n)) {
			*out = bit_names[i].bit;
			return 0;
		}
	return -1;
}

static void param_init(struct eff_param *p)
{
	memset(p, 0, sizeof(*p));
	p->store = p->copy = p->put = EFF_NONE;
}

/* "N" or "*N" (deref allowed) naming an argument: 0 with *arg, *deref; -1. */
static int arg_ref(const char *s, size_t n, int allow_deref, unsigned np, int variadic,
                   signed char *arg, unsigned char *deref)
{
	*deref = 0;
	if (n && *s == '*' && allow_deref) {
		*deref = 1;
		s++;
		n--;
	}
	if (!n || n > 2)
		return -1;
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	if ((unsigned)v >= np && !variadic)
		return -1;
	if (v >= 32) /* result_args and the analysis' argument masks are 32 bits wide */
		return -1;
	*arg = (signed char)v;
	return 0;
}

/* The arguments of a callback token (call(...), later(...)...), between the parentheses. */
static int cb_args(const char *s, size_t n, unsigned np, int variadic, struct eff_param *p)
{
	p->ncb = 0;
	while (n) {
		size_t k = 0;
		while (k < n && s[k] != ',')
			k++;
		if (p->ncb == EFF_MAXCB)
			return -1;
		struct eff_cbarg *c = &p->cb[p->ncb++];
		if (k == 1 && *s == '_') {
			c->arg = EFF_NONE;
			c->deref = 0;
		} else if (arg_ref(s, k, 1, np, variadic, &c->arg, &c->deref)) {
			return -1;
		}
		if (k == n)
			break;
		s += k + 1;
		n -= k + 1;
		if (!n)
			return -1; /* a trailing comma */
	}
	return 0;
}

/* One token of a parameter's text (tok[0..n)). */
static int param_token(const char *tok, size_t n, unsigned np, int variadic, struct eff_param *p)
{
	unsigned short b;
	const char *open = memchr(tok, '(', n);
	if (!open) {
		if (*tok == '*') {
			if (bit_of(tok + 1, n - 1, &b))
				return -1;
			p->deref |= b;
			return 0;
		}
		if (bit_of(tok, n, &b))
			return -1;
		p->self |= b;
		return 0;
	}
	if (tok[n - 1] != ')')
		return -1;
	size_t head = (size_t)(open - tok);
	const char *in = open + 1;
	size_t inn = n - head - 2;
	/* One store(N), put(N), copy(N) and callback each: the table holds one of each, so a
	 * second would silently replace the first (and its effect would be lost). */
	if (head == 5 && !strncmp(tok, "store", 5))
		return p->store != EFF_NONE
		           ? -2
		           : arg_ref(in, inn, 1, np, variadic, &p->store, &p->store_deref);
	if ((head == 4 && !strncmp(tok, "copy", 4)) || (head == 3 && !strncmp(tok, "put", 3))) {
		unsigned char d;
		signed char *slot = head == 4 ? &p->copy : &p->put;
		return *slot != EFF_NONE ? -2 : arg_ref(in, inn, 0, np, variadic, slot, &d);
	}
	if (head == 2 && !strncmp(tok, "va", 2)) {
		if (bit_of(in, inn, &b))
			return -1;
		p->va |= b;
		return 0;
	}
	static const struct {
		const char *name;
		enum eff_call kind;
	} cbs[] = {
	    {"call", EC_NOW}, {"later", EC_LATER}, {"thread", EC_THREAD}, {"atexit", EC_EXIT}};
	for (size_t k = 0; k < sizeof(cbs) / sizeof(*cbs); k++) {
		if (head != strlen(cbs[k].name) || strncmp(tok, cbs[k].name, head))
			continue;
		if (p->call != EC_NONE)
			return -2;
		p->call = (unsigned char)cbs[k].kind;
		return cb_args(in, inn, np, variadic, p);
	}
	return -1;
}

int eff_parse_param(const char *text, unsigned np, int variadic, struct eff_param *out,
                    const char **why)
{
	param_init(out);
	*why = NULL;
	const char *s = text;
	while (*s) {
		while (*s == ' ')
			s++;
		if (!*s)
			break;
		size_t n = 0;
		while (s[n] && s[n] != ' ')
			n++;
		int rc = param_token(s, n, np, variadic, out);
		if (rc) {
			*why = rc == -2
			           ? "store(), put(), copy() and one callback (call(), later(), "
			             "thread(), atexit()) may each appear once"
			           : "unknown token, or an argument number out of range";
			return -1;
		}
		s += n;
	}
	return 0;
}

int eff_has_callback(const struct eff_func *ef, enum eff_call kind)
{
	for (unsigned i = 0; ef && !ef->unknown && i < ef->np; i++)
		if (ef->p[i].call == kind)
			return 1;
	return 0;
}

static void func_free(struct eff_func *f)
{
	free(f->name);
	free(f->p);
}

void eff_free(struct eff_table *t)
{
	for (size_t i = 0; i < t->n; i++)
		func_free(&t->v[i]);
	free(t->v);
	strmap_free(&t->index);
	strmap_free_keys(&t->cancel);
	memset(t, 0, sizeof(*t));
}

int eff_cancel_point(const struct eff_table *t, const char *name)
{
	return name && strmap_find(&t->cancel, name) != NULL;
}

const struct eff_func *eff_find(const struct eff_table *t, const char *name)
{
	if (!name)
		return NULL;
	const struct strmap_ent *x = strmap_find(&t->index, name);
	return x ? &t->v[x->val] : NULL;
}

/* The slot for name: an existing entry emptied, or a new one. The map's keys are the entries'
 * names, so a replaced entry keeps its name string. */
static struct eff_func *slot(struct eff_table *t, const char *name)
{
	const struct strmap_ent *x = strmap_find(&t->index, name);
	if (x) {
		struct eff_func *f = &t->v[x->val];
		char *keep = f->name;
		f->name = NULL;
		func_free(f);
		memset(f, 0, sizeof(*f));
		f->name = keep;
		return f;
	}
	GROW(t->v, t->n, t->cap);
	struct eff_func *f = &t->v[t->n];
	memset(f, 0, sizeof(*f));
	f->name = xstrdup(name);
	strmap_put(&t->index, f->name, (int)t->n++);
	return f;
}

/* "result": alternatives joined with '|'. */
static int parse_result(struct eff_func *f, const char *s)
{
	while (*s) {
		size_t n = strcspn(s, "|");
		signed char arg;
		unsigned char deref = 0;
		if (n == 5 && !strncmp(s, "alloc", 5))
			f->result_alloc = 1;
		else if (n == 6 && !strncmp(s, "static", 6))
			f->result_static = 1;
		else if (n == 6 && !strncmp(s, "symbol", 6))
			f->result_symbol = 1;
		else if (n > 3 && !strncmp(s + (*s == '*'), "arg", 3) &&
		         !arg_ref(s + (*s == '*') + 3, n - (*s == '*') - 3, 0, f->np,
		                  f->has_variadic, &arg, &deref)) {
			f->result_args |= 1u << arg;
			if (*s == '*')
				f->result_deref |= 1u << arg;
		} else if (n) {
			return -1;
		}
		s += n + (s[n] == '|');
	}
	return 0;
}

static int entry_err(struct err *e, const char *origin, int idx, const char *name, const char *what)
{
	return err_set(e, ERR_INPUT, origin, 0, 0, "effects[%d]%s%s%s: %s", idx, name ? " ('" : "",
	               name ? name : "", name ? "')" : "", what);
}

static int parse_params(struct eff_func *f, const cJSON *params, const char *origin, int idx,
                        struct err *e)
{
	const cJSON *it;
	unsigned k = 0;
	cJSON_ArrayForEach(it, params)
	{
		const char *why;
		if (!cJSON_IsString(it) ||
		    eff_parse_param(it->valuestring, f->np, f->has_variadic, &f->p[k], &why)) {
			char *m = xasprintf("params[%u] \"%s\": %s", k,
			                    cJSON_IsString(it) ? it->valuestring : "?",
			                    cJSON_IsString(it) ? why : "must be a string");
			int rc = entry_err(e, origin, idx, f->name, m);
			free(m);
			return rc;
		}
		k++;
	}
	return 0;
}

static int merge_entry(struct eff_table *t, const cJSON *it, const char *origin, int idx,
                       struct err *e)
{
	const cJSON *fn = cJSON_GetObjectItemCaseSensitive(it, "function");
	const cJSON *params = cJSON_GetObjectItemCaseSensitive(it, "params");
	const cJSON *var = cJSON_GetObjectItemCaseSensitive(it, "variadic");
	const cJSON *res = cJSON_GetObjectItemCaseSensitive(it, "result");
	const cJSON *ex = cJSON_GetObjectItemCaseSensitive(it, "exits");
	if (!cJSON_IsString(fn) || !*fn->valuestring || !cJSON_IsArray(params))
		return entry_err(e, origin, idx, NULL,
		                 "needs a string \"function\" and a \"params\" array");
	if ((var && !cJSON_IsString(var)) || (res && !cJSON_IsString(res)) ||
	    (ex && !cJSON_IsString(ex)))
		return entry_err(e, origin, idx, fn->valuestring,
		                 "\"variadic\", \"result\" and \"exits\" must be strings");
	struct eff_func *f = slot(t, fn->valuestring);
	f->np = (unsigned)cJSON_GetArraySize(params);
	if (f->np > 32)
		return entry_err(e, origin, idx, f->name, "more than 32 parameters");
	f->has_variadic = var != NULL;
	f->p = xcalloc(f->np + 1, sizeof(*f->p));
	const char *why;
	if (parse_params(f, params, origin, idx, e))
		return -1;
	param_init(&f->variadic);
	if (var && eff_parse_param(var->valuestring, f->np, 1, &f->variadic, &why)) {
		char *m = xasprintf("\"variadic\" \"%s\": %s", var->valuestring, why);
		int rc = entry_err(e, origin, idx, f->name, m);
		free(m);
		return rc;
	}
	if (res && parse_result(f, res->valuestring))
		return entry_err(e, origin, idx, f->name,
		                 "\"result\" must be \"argN\", \"*argN\", \"alloc\", \"static\" or "
		                 "\"symbol\", joined with |");
	if (ex && !strcmp(ex->valuestring, "exit"))
		f->exits = EX_EXIT;
	else if (ex && !strcmp(ex->valuestring, "jump"))
		f->exits = EX_JUMP;
	else if (ex && !strcmp(ex->valuestring, "cancel"))
		f->exits = EX_CANCEL;
	else if (ex && !strcmp(ex->valuestring, "thread"))
		f->exits = EX_THREAD;
	else if (ex && !strcmp(ex->valuestring, "unwind"))
		f->exits = EX_UNWIND;
	else if (ex)
		return entry_err(e, origin, idx, f->name,
		                 "\"exits\" must be \"exit\", \"jump\", \"thread\", \"unwind\" or "
		                 "\"cancel\"");
	return 0;
}

/* An old-spelling entry (keeps_pointer, returns_pointer): the listed arguments get `bit` (or
 * become the result), on an existing entry or on a new one that reads everything else. */
static void merge_old(struct eff_table *t, const char *fn, unsigned mask, int result)
{
	struct eff_func *f = (struct eff_func *)eff_find(t, fn);
	if (!f || f->unknown) {
		unsigned np = 0;
		for (unsigned i = 0; i < 32; i++)
			if ((mask >> i) & 1u)
				np = i + 1;
		f = slot(t, fn);
		f->np = np;
		f->p = xcalloc(np + 1, sizeof(*f->p));
		for (unsigned i = 0; i < np; i++) {
			param_init(&f->p[i]);
			f->p[i].self = EF_READ;
		}
		f->has_variadic = 1;
		param_init(&f->variadic);
		f->variadic.self = EF_READ;
	}
	if (result) {
		f->result_args |= mask;
		return;
	}
	for (unsigned i = 0; i < f->np; i++)
		if ((mask >> i) & 1u)
			f->p[i].self |= EF_KEEP;
}

static int merge_old_list(struct eff_table *t, const cJSON *root, const char *key, int result,
                          const char *origin, struct err *e)
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
		merge_old(t, fn->valuestring, mask, result);
		idx++;
	}
	return 0;
}

int eff_merge_json(struct eff_table *t, const cJSON *root, const char *origin, struct err *e)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, "effects");
	const cJSON *unk = cJSON_GetObjectItemCaseSensitive(root, "unknown");
	if ((arr && !cJSON_IsArray(arr)) || (unk && !cJSON_IsArray(unk)))
		return err_set(e, ERR_INPUT, origin, 0, 0,
		               "\"effects\" and \"unknown\" must be arrays");
	const cJSON *it;
	int idx = 0;
	cJSON_ArrayForEach(it, arr)
	{
		if (merge_entry(t, it, origin, idx++, e))
			return -1;
	}
	idx = 0;
	cJSON_ArrayForEach(it, unk)
	{
		if (!cJSON_IsString(it) || !*it->valuestring)
			return err_set(e, ERR_INPUT, origin, 0, 0,
			               "unknown[%d]: must be a function name", idx);
		slot(t, it->valuestring)->unknown = 1;
		idx++;
	}
	const cJSON *cp = cJSON_GetObjectItemCaseSensitive(root, "cancellation_points");
	if (cp && !cJSON_IsArray(cp))
		return err_set(e, ERR_INPUT, origin, 0, 0,
		               "\"cancellation_points\" must be an array");
	idx = 0;
	cJSON_ArrayForEach(it, cp)
	{
		if (!cJSON_IsString(it) || !*it->valuestring)
			return err_set(e, ERR_INPUT, origin, 0, 0,
			               "cancellation_points[%d]: must be a function name", idx);
		if (!strmap_find(&t->cancel, it->valuestring))
			strmap_put(&t->cancel, xstrdup(it->valuestring), 1);
		idx++;
	}
	return merge_old_list(t, root, "keeps_pointer", 0, origin, e) ||
	               merge_old_list(t, root, "returns_pointer", 1, origin, e)
	           ? -1
	           : 0;
}

int eff_gives_heap(const struct eff_func *f)
{
	if (!f || f->unknown)
		return 0;
	if (f->result_alloc)
		return 1;
	for (unsigned i = 0; i < f->np; i++) /* va: vscanf's va(alloc), %ms */
		if ((f->p[i].self | f->p[i].deref | f->p[i].va) & EF_ALLOC)
			return 1;
	return f->has_variadic && ((f->variadic.self | f->variadic.deref) & EF_ALLOC);
}

int eff_copies(const struct eff_func *f, const char *ftype)
{
	if (ftype && !strstr(ftype, "void *"))
		return 0;
	for (unsigned i = 0; f && i < f->np; i++)
		if (f->p[i].copy != EFF_NONE)
			return 1;
	return 0;
}
