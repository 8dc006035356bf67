/*
 * prof: `arena-rewrite --profile` (see prof.h): format detection, attribution, ranking and the
 * hotspot JSON.
 *
 * Attribution rule, the same for every format: walking a stack from its innermost frame,
 * allocator frames are skipped (rules_is_allocator: the allocator family, libc's own
 * allocating functions such as strdup and asprintf, and --rules wrappers such as xmalloc); the
 * first other frame is the stack's hotspot when it is the project's C code. When it is not
 * (a shared library without source, the kernel, a reserved name such as _IO_file_doallocate or
 * __fopen_internal, C++, "???"), the stack stays unattributed: rewriting its caller would not
 * move those allocations into an arena, so crediting the caller would overstate the gain.
 * Unattributed allocations still count in the total, so `share` is always a share of every
 * allocation in the profile.
 *
 * Callers (the scope candidates): for each hotspot, every distinct project function above it
 * in its stacks, weighted by the stack's allocations. A caller's count equal to the hotspot's
 * allocs means a scope there would cover all of them. Ties go to the nearer caller.
 *
 * Ownership: prof_data owns frames, stacks and interned strings; everything here borrows from
 * it. Nothing is written to stdout until the whole list is built, so an error leaves stdout
 * empty (docs/cli.md, section 5).
 */
#include "prof.h"
#include "prof_read.h"
#include "err.h"
#include "fsio.h"
#include "mem.h"
#include "rtapi.h"
#include "rules.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PROF_DEFAULT_TOP 20
#define PROF_MAX_CALLERS 5

/* ---- format detection ------------------------------------------------------------------ */

static int starts_with(const char *s, size_t len, const char *pfx, size_t n)
{
	return len >= n && !memcmp(s, pfx, n);
}

static int read_profile(struct prof_data *d, const char *text, size_t len, const char *path,
                        struct err *e)
{
	if (starts_with(text, len, "\x1f\x8b", 2))
		return err_set(e, ERR_INPUT, path, 0, 0,
		               "unknown profile format: gzip-compressed data (decompress it; pprof "
		               "protobuf profiles are not read, export folded stacks instead)");
	if (starts_with(text, len, "\x28\xb5\x2f\xfd", 4))
		return err_set(e, ERR_INPUT, path, 0, 0,
		               "unknown profile format: zstd-compressed data (a heaptrack "
		               "recording? convert it with heaptrack_print --print-flamegraph OUT "
		               "--flamegraph-cost-type allocations)");
	if (memchr(text, '\0', len))
		return err_set(e, ERR_INPUT, path, 0, 0,
		               "unknown profile format: binary data, not valgrind DHAT JSON or "
		               "folded stacks");
	size_t skip = starts_with(text, len, "\xef\xbb\xbf", 3) ? 3 : 0; /* UTF-8 BOM */
	while (skip < len && isspace((unsigned char)text[skip]))
		skip++;
	if (skip == len)
		return err_set(e, ERR_INPUT, path, 0, 0, "empty profile: the file holds nothing");
	const char *t = text + skip;
	if (*t == '{' || *t == '[')
		return prof_read_dhat(d, t, len - skip, path, e);
	if (starts_with(t, len - skip, "desc:", 5))
		return err_set(e, ERR_INPUT, path, 0, 0,
		               "unknown profile format: valgrind massif output (profile with "
		               "valgrind --tool=dhat instead)");
	int folded = prof_looks_folded(t, len - skip);
	if (folded < 0)
		return err_set(e, ERR_INPUT, path, 0, 0, "empty profile: only comments");
	if (folded)
		return prof_read_folded(d, t, len - skip, path, e);
	return err_set(e, ERR_INPUT, path, 0, 0,
	               "unknown profile format: expected valgrind DHAT JSON (dhatFileVersion) "
	               "or folded stacks ('FRAME;...;FRAME COUNT' lines)");
}

/* ---- attribution ----------------------------------------------------------------------- */

enum fkind {
	F_ALLOC, /* an allocator: skipped toward the caller */
	F_USER,  /* the project's C function: can be a hotspot or a scope */
	F_OTHER, /* library, kernel, runtime or non-C code */
};

struct hot {
	const char *func, *file;
	uint64_t allocs, bytes;
	double life;
	size_t ncallers;
	struct caller *callers; /* after collect_callers: this hotspot's, best first */
};

struct caller {
	size_t hot; /* index into the hot array */
	const char *func;
	uint64_t count;
	size_t depth;      /* nearest distance from the hotspot's frame */
	size_t last_stack; /* stack that counted it last: a recursion counts once a stack */
};

struct attrib {
	struct hot *hot;
	size_t nhot, hot_cap;
	struct caller *callers;
	size_t ncallers, callers_cap;
	uint64_t total, unattributed;
};

/* Reserved identifiers (C11 7.1.3: "__x" and "_X") belong to the implementation: glibc's
 * internals keep them even when its debug info gives them a source file. */
static int reserved(const char *s)
{
	return s[0] == '_' && (s[1] == '_' || isupper((unsigned char)s[1]));
}

/* The arena runtime's frames belong to the allocator: never a hotspot nor a caller, so a
 * profile of a rewritten program points at the code that calls it. */
static int runtime_frame(const struct prof_frame *f)
{
	return (f->func && rtapi_find(f->func)) || (f->file && rtapi_is_source(f->file));
}

static enum fkind classify(const struct prof_frame *f, const struct rules *r)
{
	if (rules_is_allocator(r, f->name) || (f->func && rules_is_allocator(r, f->func)) ||
	    runtime_frame(f))
		return F_ALLOC;
	/* _start is the program's own entry stub, but never anybody's arena scope. */
	if (!f->func || f->lib || reserved(f->func) || !strcmp(f->func, "_start"))
		return F_OTHER;
	return F_USER;
}

static size_t hot_index(struct attrib *a, struct strmap *m, const struct prof_frame *f)
{
	const char *key[2] = {f->func, f->file};
	int created;
	struct strmap_ent *s = strmap_putb_dup(m, key, sizeof(key), 0, &created);
	if (created) {
		GROW(a->hot, a->nhot, a->hot_cap);
		memset(&a->hot[a->nhot], 0, sizeof(a->hot[0]));
		a->hot[a->nhot].func = f->func;
		a->hot[a->nhot].file = f->file;
		s->val = (int)a->nhot++;
	}
	return (size_t)s->val;
}

static void count_caller(struct attrib *a, struct strmap *m, size_t h, const char *func,
                         size_t depth, size_t stack, uint64_t allocs)
{
	struct {
		size_t h;
		const char *func;
	} key;
	memset(&key, 0, sizeof(key)); /* padding is hashed too */
	key.h = h;
	key.func = func;
	int created;
	struct strmap_ent *s = strmap_putb_dup(m, &key, sizeof(key), 0, &created);
	if (created) {
		GROW(a->callers, a->ncallers, a->callers_cap);
		struct caller *c = &a->callers[a->ncallers];
		c->hot = h;
		c->func = func;
		c->count = 0;
		c->depth = depth;
		c->last_stack = (size_t)-1;
		s->val = (int)a->ncallers++;
	}
	struct caller *c = &a->callers[s->val];
	if (c->last_stack == stack)
		return;
	c->last_stack = stack;
	c->count = prof_add_sat(c->count, allocs);
	if (depth < c->depth)
		c->depth = depth;
}

static void attribute(struct attrib *a, const struct prof_data *d, const struct rules *r)
{
	struct strmap hots = STRMAP_INIT, callers = STRMAP_INIT;
	enum fkind *kind = xmalloc((d->nframes ? d->nframes : 1) * sizeof(*kind));
	for (size_t i = 0; i < d->nframes; i++)
		kind[i] = classify(&d->frames[i], r);

	for (size_t si = 0; si < d->nstacks; si++) {
		const struct prof_stack *s = &d->stacks[si];
		const size_t *fr = d->fidx + s->first;
		a->total = prof_add_sat(a->total, s->allocs);
		size_t i = 0;
		while (i < s->n && kind[fr[i]] == F_ALLOC)
			i++;
		if (i == s->n || kind[fr[i]] != F_USER) {
			a->unattributed = prof_add_sat(a->unattributed, s->allocs);
			continue;
		}
		const struct prof_frame *hf = &d->frames[fr[i]];
		size_t h = hot_index(a, &hots, hf);
		struct hot *ht = &a->hot[h];
		ht->allocs = prof_add_sat(ht->allocs, s->allocs);
		ht->bytes = prof_add_sat(ht->bytes, s->bytes);
		ht->life += s->life;
		for (size_t j = i + 1; j < s->n; j++) {
			const struct prof_frame *cf = &d->frames[fr[j]];
			if (kind[fr[j]] == F_USER && cf->func != hf->func)
				count_caller(a, &callers, h, cf->func, j - i, si, s->allocs);
		}
	}
	free(kind);
	strmap_free_keys(&hots);
	strmap_free_keys(&callers);
}

static int cmp_u64_desc(uint64_t x, uint64_t y)
{
	return x > y ? -1 : x < y;
}

static int cmp_str(const char *x, const char *y)
{
	if (!x || !y)
		return !!x - !!y;
	return strcmp(x, y);
}

/* Allocation count, then bytes, then name and file: the order must not depend on the file's
 * order, so that two runs on the same profile print the same list. */
static int cmp_hot(const void *pa, const void *pb)
{
	const struct hot *x = pa, *y = pb;
	int c = cmp_u64_desc(x->allocs, y->allocs);
	if (!c)
		c = cmp_u64_desc(x->bytes, y->bytes);
	if (!c)
		c = strcmp(x->func, y->func);
	return c ? c : cmp_str(x->file, y->file);
}

static int cmp_caller(const void *pa, const void *pb)
{
	const struct caller *x = pa, *y = pb;
	if (x->hot != y->hot)
		return x->hot < y->hot ? -1 : 1;
	int c = cmp_u64_desc(x->count, y->count);
	if (!c && x->depth != y->depth)
		c = x->depth < y->depth ? -1 : 1;
	return c ? c : strcmp(x->func, y->func);
}

/* Hands each hotspot its slice of the caller array (sorted so that slices are contiguous). */
static void collect_callers(struct attrib *a)
{
	if (a->ncallers)
		qsort(a->callers, a->ncallers, sizeof(a->callers[0]), cmp_caller);
	for (size_t i = 0; i < a->ncallers;) {
		size_t j = i;
		while (j < a->ncallers && a->callers[j].hot == a->callers[i].hot)
			j++;
		a->hot[a->callers[i].hot].callers = &a->callers[i];
		a->hot[a->callers[i].hot].ncallers = j - i;
		i = j;
	}
}

/* ---- output ---------------------------------------------------------------------------- */

/* Shares to four places and lifetimes to whole units: more digits are noise to a reader. */
static double round_to(double v, double scale)
{
	if (!(v >= 0) || v * scale >= 9.0e18)
		return v;
	return (double)(uint64_t)(v * scale + 0.5) / scale;
}

static cJSON *hot_json(const struct hot *h, const struct prof_data *d, double share)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "function", h->func);
	if (h->file)
		cJSON_AddStringToObject(o, "file", h->file);
	cJSON_AddNumberToObject(o, "allocs", (double)h->allocs);
	if (d->has_bytes)
		cJSON_AddNumberToObject(o, "bytes", (double)h->bytes);
	cJSON_AddNumberToObject(o, "share", round_to(share, 1e4));
	if (d->has_life && h->allocs) {
		cJSON_AddNumberToObject(o, "avg_lifetime",
		                        round_to(h->life / (double)h->allocs, 1));
		if (d->life_unit)
			cJSON_AddStringToObject(o, "lifetime_unit", d->life_unit);
	}
	cJSON *cs = cJSON_AddArrayToObject(o, "callers");
	for (size_t i = 0; i < h->ncallers && i < PROF_MAX_CALLERS; i++) {
		cJSON *c = cJSON_CreateObject();
		cJSON_AddStringToObject(c, "function", h->callers[i].func);
		cJSON_AddNumberToObject(c, "count", (double)h->callers[i].count);
		cJSON_AddItemToArray(cs, c);
	}
	cJSON_AddStringToObject(o, "profile", d->format);
	return o;
}

static int check_opts(const struct prof_opts *o, struct err *e)
{
	if (o->top < 0)
		return err_set(e, ERR_INPUT, NULL, 0, 0, "--top takes a positive whole number");
	if (!(o->min_share >= 0.0 && o->min_share <= 1.0))
		return err_set(e, ERR_INPUT, NULL, 0, 0, "--min-share takes a number from 0 to 1");
	return 0;
}

static int run(const struct prof_opts *o, const struct rules *r, struct err *e)
{
	struct fs_text t;
	struct prof_data d = {0};
	struct attrib a = {0};
	int rc = -1;
	if (fs_read(o->path, &t, e))
		return -1;
	if (read_profile(&d, t.data, t.len, o->path, e))
		goto out;
	attribute(&a, &d, r);
	if (a.total == 0) {
		err_set(e, ERR_INPUT, o->path, 0, 0, "empty profile: it records no allocation%s",
		        d.nstacks ? "" : " (no stack at all)");
		goto out;
	}
	collect_callers(&a); /* before the sort: callers name their hotspot by index */
	if (a.nhot)
		qsort(a.hot, a.nhot, sizeof(a.hot[0]), cmp_hot);

	size_t top = o->top > 0 ? (size_t)o->top : PROF_DEFAULT_TOP;
	cJSON *root = cJSON_CreateObject();
	cJSON *list = cJSON_AddArrayToObject(root, "hotspots");
	for (size_t i = 0, n = 0; i < a.nhot && n < top; i++) {
		double share = (double)a.hot[i].allocs / (double)a.total;
		if (share < o->min_share)
			break; /* sorted by allocs: every later one is smaller */
		cJSON_AddItemToArray(list, hot_json(&a.hot[i], &d, share));
		n++;
	}
	char *out = cJSON_Print(root);
	cJSON_Delete(root);
	if (!out) {
		fputs("arena-rewrite: out of memory\n", stderr);
		exit(ERR_INPUT);
	}
	if (!a.nhot)
		fprintf(stderr,
		        "%s: note: no allocation is made by a C function of the program (all "
		        "%llu come from libraries or unknown frames)\n",
		        o->path, (unsigned long long)a.total);
	fputs(out, stdout);
	fputc('\n', stdout);
	free(out);
	rc = 0;
out:
	free(a.hot);
	free(a.callers);
	prof_data_free(&d);
	fs_text_free(&t);
	return rc;
}

int prof_main(const struct prof_opts *o, const struct rules *r, struct err *e)
{
	if (check_opts(o, e))
		return -1;
	if (r)
		return run(o, r, e);
	/* No catalogue from the caller: the built-in one still knows malloc and friends. */
	struct rules def;
	if (rules_load(&def, NULL, e))
		return -1;
	int rc = run(o, &def, e);
	rules_free(&def);
	return rc;
}
