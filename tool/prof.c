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
 * The suggested scope is the innermost caller (least mean distance from the hotspot, weighted by
 * allocations) that covers at least PROF_SCOPE_COVER of the hotspot's allocations, leaving out
 * roots: `main` and a thread's start function (the outermost project frame, called from library
 * code), entered once per run or thread, so an arena there frees nothing until the end. Raw
 * counts cannot rank scopes: every frame above all the allocations has the same count, and
 * `main` is always among them.
 *
 * Rules hint: a hotspot whose name says it allocates ("alloc" in it, or ending in "dup") is
 * likely an allocator wrapper the rules do not know (they would have skipped it). A profile
 * cannot tell whether it is called by name or through a table of function pointers
 * (mem->calloc(n, s)), so the hint gives both recipes: a `name` rule, or `field` rules
 * (docs/scopes.md, section 11). The kind is the allocator the wrapper's frame calls in the
 * stacks, or, where the profile has no allocator frame (heaptrack), the one its name says.
 *
 * Ownership: prof_data owns frames, stacks and interned strings; everything here borrows from
 * it. Nothing is written to stdout until the whole list is built, so an error leaves stdout
 * empty (docs/cli.md, section 5).
 */
#include "prof.h"
#include "front.h"
#include "prof_check.h"
#include "prof_cost.h"
#include "prof_read.h"
#include "err.h"
#include "fsio.h"
#include "mem.h"
#include "rtapi.h"
#include "rules.h"
#include "sbuf.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PROF_DEFAULT_TOP 20
#define PROF_MAX_CALLERS 5
#define PROF_SCOPE_COVER 0.9 /* share of a hotspot's allocations a suggested scope covers */

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
	struct caller *callers;     /* after collect_callers: this hotspot's, best first */
	uint64_t called[RK__COUNT]; /* allocations by the allocator frame just below it, by kind */
};

struct caller {
	size_t hot; /* index into the hot array */
	const char *func;
	uint64_t count;
	size_t depth;      /* nearest distance from the hotspot's frame */
	double depth_sum;  /* distance in each stack counted, times its allocations */
	int root;          /* in every stack counted, the outermost project frame under library
	                      code (a thread's start function, main) */
	size_t last_stack; /* stack that counted it last: a recursion counts once a stack */
};

struct attrib {
	struct hot *hot;
	size_t nhot, hot_cap;
	struct caller *callers;
	size_t ncallers, callers_cap;
	uint64_t total, unattributed;
	size_t *at; /* per stack: its hotspot frame's position, SIZE_MAX unattributed */
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

/* Where a caller sits in one stack: its distance from the hotspot, whether it is a root. */
struct where {
	size_t depth, stack;
	int root;
};

static void count_caller(struct attrib *a, struct strmap *m, size_t h, const char *func,
                         struct where w, uint64_t allocs)
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
		c->depth = w.depth;
		c->depth_sum = 0;
		c->root = 1;
		c->last_stack = (size_t)-1;
		s->val = (int)a->ncallers++;
	}
	struct caller *c = &a->callers[s->val];
	if (c->last_stack == w.stack)
		return;
	c->last_stack = w.stack;
	c->count = prof_add_sat(c->count, allocs);
	c->depth_sum += (double)w.depth * (double)allocs;
	c->root &= w.root;
	if (w.depth < c->depth)
		c->depth = w.depth;
}

/* The kind of the allocator frame `f` (a family member), or RK__COUNT for another one. */
static enum rule_kind alloc_kind(const struct rules *r, const struct prof_frame *f)
{
	const struct rule_alloc *ra = rules_find_alloc(r, f->name);
	if (!ra && f->func)
		ra = rules_find_alloc(r, f->func);
	return ra ? ra->kind : RK__COUNT;
}

static void attribute(struct attrib *a, const struct prof_data *d, const struct rules *r)
{
	struct strmap hots = STRMAP_INIT, callers = STRMAP_INIT;
	enum fkind *kind = xmalloc((d->nframes ? d->nframes : 1) * sizeof(*kind));
	for (size_t i = 0; i < d->nframes; i++)
		kind[i] = classify(&d->frames[i], r);
	a->at = xmalloc((d->nstacks ? d->nstacks : 1) * sizeof(*a->at));

	for (size_t si = 0; si < d->nstacks; si++) {
		const struct prof_stack *s = &d->stacks[si];
		const size_t *fr = d->fidx + s->first;
		a->total = prof_add_sat(a->total, s->allocs);
		size_t i = 0;
		while (i < s->n && kind[fr[i]] == F_ALLOC)
			i++;
		a->at[si] = SIZE_MAX;
		if (i == s->n || kind[fr[i]] != F_USER) {
			a->unattributed = prof_add_sat(a->unattributed, s->allocs);
			continue;
		}
		a->at[si] = i;
		const struct prof_frame *hf = &d->frames[fr[i]];
		size_t h = hot_index(a, &hots, hf);
		struct hot *ht = &a->hot[h];
		ht->allocs = prof_add_sat(ht->allocs, s->allocs);
		ht->bytes = prof_add_sat(ht->bytes, s->bytes);
		ht->life += s->life;
		enum rule_kind k = i ? alloc_kind(r, &d->frames[fr[i - 1]]) : RK__COUNT;
		if (k != RK__COUNT)
			ht->called[k] = prof_add_sat(ht->called[k], s->allocs);
		size_t outer = i; /* the outermost project frame */
		for (size_t j = i + 1; j < s->n; j++)
			if (kind[fr[j]] == F_USER)
				outer = j;
		for (size_t j = i + 1; j < s->n; j++) {
			const struct prof_frame *cf = &d->frames[fr[j]];
			struct where w = {j - i, si, j == outer && j + 1 < s->n};
			if (kind[fr[j]] == F_USER && cf->func != hf->func)
				count_caller(a, &callers, h, cf->func, w, s->allocs);
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

static double mean_depth(const struct caller *c)
{
	return c->count ? c->depth_sum / (double)c->count : (double)c->depth;
}

static double covers(const struct caller *c, const struct hot *h)
{
	return h->allocs ? (double)c->count / (double)h->allocs : 0;
}

/* The suggested scope (see the header comment), or NULL when no caller qualifies; *nearer is
 * the best-covering caller nearer the hotspot than it (the one a user might have expected). */
static const struct caller *suggest_scope(const struct hot *h, const struct caller **nearer)
{
	const struct caller *best = NULL;
	*nearer = NULL;
	for (size_t i = 0; i < h->ncallers; i++) {
		const struct caller *c = &h->callers[i];
		if (covers(c, h) < PROF_SCOPE_COVER || c->root || !strcmp(c->func, "main"))
			continue;
		if (!best || mean_depth(c) < mean_depth(best))
			best = c; /* callers are sorted by count: on a tie the first covers more */
	}
	for (size_t i = 0; best && i < h->ncallers; i++) {
		const struct caller *c = &h->callers[i];
		if (mean_depth(c) < mean_depth(best) && (!*nearer || c->count > (*nearer)->count))
			*nearer = c;
	}
	return best;
}

static void add_scope(cJSON *o, const struct hot *h)
{
	const struct caller *nearer, *c = suggest_scope(h, &nearer);
	if (!c)
		return;
	char why[512];
	int n = snprintf(why, sizeof(why),
	                 "innermost caller covering %.0f%% of the allocations (at least %.0f%%; "
	                 "main and thread start functions left out)",
	                 covers(c, h) * 100, PROF_SCOPE_COVER * 100);
	if (nearer && n > 0 && (size_t)n < sizeof(why))
		snprintf(why + n, sizeof(why) - (size_t)n, "; %s, nearer, covers %.0f%%",
		         nearer->func, covers(nearer, h) * 100);
	cJSON *s = cJSON_AddObjectToObject(o, "suggested_scope");
	cJSON_AddStringToObject(s, "function", c->func);
	cJSON_AddNumberToObject(s, "covers", round_to(covers(c, h), 1e4));
	cJSON_AddStringToObject(s, "why", why);
}

/* ---- rules hint ------------------------------------------------------------------------- */

#define PROF_NAME_MAX 256

static size_t lower(char low[PROF_NAME_MAX], const char *f)
{
	size_t n = 0;
	for (; f[n] && n + 1 < PROF_NAME_MAX; n++)
		low[n] = (char)tolower((unsigned char)f[n]);
	low[n] = 0;
	return n;
}

/* Whether a function's name says it allocates: "alloc" anywhere, or a "dup" ending. */
static int wants_hint(const struct hot *h)
{
	char low[PROF_NAME_MAX];
	size_t n = lower(low, h->func);
	return strstr(low, "alloc") || (n >= 3 && !strcmp(low + n - 3, "dup"));
}

/* The kind a wrapper hint names: the allocator its frame calls most, else its name's. */
static enum rule_kind wrapper_kind(const struct hot *h)
{
	enum rule_kind best = RK__COUNT;
	for (int k = 0; k < RK__COUNT; k++)
		if (h->called[k] && (best == RK__COUNT || h->called[k] > h->called[best]))
			best = (enum rule_kind)k;
	if (best != RK__COUNT)
		return best;
	char low[PROF_NAME_MAX];
	lower(low, h->func);
	if (strstr(low, "realloc"))
		return RK_REALLOC;
	if (strstr(low, "calloc"))
		return RK_CALLOC;
	return strstr(low, "dup") && !strstr(low, "alloc") ? RK_STRDUP : RK_MALLOC;
}

static cJSON *rule_json(const char *key, const char *val, enum rule_kind k)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, key, val);
	cJSON_AddStringToObject(o, "kind", rules_kind_name(k));
	return o;
}

/* kind: the wrapper's kind the sources show (a checked list), RK__COUNT to go by the name. */
static void add_hint(cJSON *o, const struct hot *h, enum rule_kind kind)
{
	if (kind == RK__COUNT && !wants_hint(h))
		return;
	enum rule_kind k = kind != RK__COUNT ? kind : wrapper_kind(h);
	cJSON *s = cJSON_AddObjectToObject(o, "rules_hint");
	cJSON_AddStringToObject(s, "why",
	                        kind != RK__COUNT
	                            ? "the source shows an allocator wrapper the rules do not "
	                              "know: its result is fresh memory of an allocator and its "
	                              "parameters have the kind's shape. The profile cannot tell "
	                              "a call by name from a call through a table of function "
	                              "pointers"
	                            : "its name says it allocates and the rules do not know it: "
	                              "an allocator wrapper? The profile cannot tell a call by "
	                              "name from a call through a table of function pointers");
	cJSON_AddItemToObject(s, "if_called_by_name", rule_json("name", h->func, k));
	cJSON *f = cJSON_AddArrayToObject(s, "if_called_through_a_table");
	cJSON_AddItemToArray(f, rule_json("field", "<member>", k));
	cJSON_AddItemToArray(f, rule_json("field", "<member>", RK_FREE));
	cJSON_AddStringToObject(s, "see", "docs/scopes.md, section 11");
}

static void note_hint(const char *path, const struct hot *h, enum rule_kind kind)
{
	const char *k = rules_kind_name(kind != RK__COUNT ? kind : wrapper_kind(h));
	fprintf(stderr,
	        "%s: note: %s looks like an allocator wrapper the rules do not know. Called by "
	        "name: add {\"name\": \"%s\", \"kind\": \"%s\"} to --rules, and its callers become "
	        "the hotspots. Reached through a table of function pointers (mem->%s(...)): keep "
	        "it as a hotspot and add a field rule per member, such as {\"field\": \"%s\", "
	        "\"kind\": \"%s\"} and {\"field\": \"free\", \"kind\": \"free\"} (docs/scopes.md, "
	        "section 11)\n",
	        path, h->func, h->func, k, k, k, k);
}

/* ---- scope chains, checks and estimates ----------------------------------------------------- */

#define PROF_MAX_CHAIN 32

/* Callers covering at least PROF_SCOPE_COVER of h's blocks, innermost first (by mean depth);
 * roots and main only when `all` (the chain shown, not the scopes tried). */
static size_t covering(const struct hot *h, int all, const struct caller **out)
{
	size_t n = 0;
	for (size_t i = 0; i < h->ncallers && n < PROF_MAX_CHAIN; i++) {
		const struct caller *c = &h->callers[i];
		if (covers(c, h) < PROF_SCOPE_COVER ||
		    (!all && (c->root || !strcmp(c->func, "main"))))
			continue;
		size_t k = n++;
		for (; k > 0 && mean_depth(out[k - 1]) > mean_depth(c); k--)
			out[k] = out[k - 1];
		out[k] = c;
	}
	return n;
}

/* "main -> handle_doc -> parse_stream -> value_alloc": the user may pick a level up or down. */
static void add_chain(cJSON *o, const struct hot *h)
{
	const struct caller *c[PROF_MAX_CHAIN];
	size_t n = covering(h, 1, c);
	struct sbuf b = SBUF_INIT;
	for (size_t k = n; k-- > 0;)
		sb_addf(&b, "%s -> ", c[k]->func);
	sb_adds(&b, h->func);
	cJSON_AddStringToObject(o, "chain", b.buf);
	sb_release(&b);
}

/* What the run saves and holds, for the entries of `v` (o_scope[k]: entry k's arena's scope,
 * NULL its own) : "expected" and "memory" objects, a warning for a scope over the limit. */
struct est_ctx {
	const struct prof_data *d;
	struct prof_attr sa;
	const char *path;
	const struct hot *const *v;
	const char *const *scope;
	size_t n;
};

static void add_estimates(cJSON *o, const struct est_ctx *x, size_t k, int *warned)
{
	const struct prof_data *d = x->d;
	const struct hot *h = x->v[k];
	if (d->t_end > 0) {
		cJSON *ex = cJSON_AddObjectToObject(o, "expected");
		double saved = (double)h->allocs * PROF_PAIR_SAVED;
		cJSON_AddNumberToObject(ex, "saved_instrs", saved);
		cJSON_AddNumberToObject(ex, "of_run", round_to(saved / d->t_end, 1e4));
	}
	const char **funcs = xcalloc(x->n + 1, sizeof(*funcs));
	const char **files = xcalloc(x->n + 1, sizeof(*files));
	size_t n = 0;
	for (size_t j = 0; j < x->n; j++)
		if (j == k || (x->scope[k] && x->scope[j] == x->scope[k])) {
			funcs[n] = x->v[j]->func;
			files[n++] = x->v[j]->file;
		}
	struct prof_held ph;
	int none = !d->has_peak || prof_held(d, x->sa, funcs, files, n, x->scope[k], &ph);
	free(funcs);
	free(files);
	if (none)
		return;
	double ratio = d->peak_bytes ? ph.held / (double)d->peak_bytes : 0;
	int over = ratio > PROF_HOLD_FACTOR;
	cJSON *m = cJSON_AddObjectToObject(o, "memory");
	cJSON_AddStringToObject(m, "scope", x->scope[k] ? x->scope[k] : h->func);
	cJSON_AddNumberToObject(m, "held_at_peak", round_to(ph.held, 1));
	cJSON_AddNumberToObject(m, "original_peak_live", (double)d->peak_bytes);
	cJSON_AddNumberToObject(m, "ratio", round_to(ratio, 1e2));
	cJSON_AddBoolToObject(m, "over_limit", over);
	if (over && !warned[k]) {
		for (size_t j = 0; j < x->n; j++) /* one warning a scope */
			if (j == k || (x->scope[k] && x->scope[j] == x->scope[k]))
				warned[j] = 1;
		fprintf(
		    stderr,
		    "%s: warning: an arena in '%s' would hold about %.0f bytes at its peak, "
		    "%.1fx the original's peak live bytes (%llu; the limit is %.1fx): its blocks "
		    "are freed long before it returns (freed as it goes, realloc chains); a scope "
		    "nearer the allocations, or the growing function left off the list, holds less "
		    "(docs/profiling.md, section 5)\n",
		    x->path, x->scope[k] ? x->scope[k] : h->func, ph.held, ratio,
		    (unsigned long long)d->peak_bytes, PROF_HOLD_FACTOR);
	}
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
	add_chain(o, h);
	return o;
}

static cJSON *tried_json(const struct prof_cand *c, int upto)
{
	cJSON *t = cJSON_CreateArray();
	cJSON_AddItemToArray(t, cJSON_CreateString("(its own arena)"));
	for (int k = 0; k < upto && k < (int)c->nchain; k++)
		cJSON_AddItemToArray(t, cJSON_CreateString(c->chain[k]));
	return t;
}

static int check_opts(const struct prof_opts *o, struct err *e)
{
	if (o->top < 0)
		return err_set(e, ERR_INPUT, NULL, 0, 0, "--top takes a positive whole number");
	if (!(o->min_share >= 0.0 && o->min_share <= 1.0))
		return err_set(e, ERR_INPUT, NULL, 0, 0, "--min-share takes a number from 0 to 1");
	return 0;
}

/* The listed entries: the first *n of a->hot (ranked) within --top and --min-share. */
static size_t listed(const struct attrib *a, const struct prof_opts *o)
{
	size_t top = o->top > 0 ? (size_t)o->top : PROF_DEFAULT_TOP, n = 0;
	for (; n < a->nhot && n < top; n++)
		if ((double)a->hot[n].allocs / (double)a->total < o->min_share)
			break; /* sorted by allocs: every later one is smaller */
	return n;
}

/* The checked candidates (prof_check.h), one per listed entry. */
static int check_all(const struct attrib *a, size_t n, const struct prof_opts *o,
                     const struct rules *r, struct prof_cand *cand, const char **chains,
                     struct err *e)
{
	for (size_t i = 0; i < n; i++) {
		const struct caller *c[PROF_MAX_CHAIN];
		size_t nc = covering(&a->hot[i], 0, c);
		cand[i].func = a->hot[i].func;
		cand[i].file = a->hot[i].file;
		cand[i].chain = chains + i * PROF_MAX_CHAIN;
		cand[i].nchain = nc;
		for (size_t k = 0; k < nc; k++)
			cand[i].chain[k] = c[k]->func;
	}
	return prof_check(o->units, o->program, r, o->jobs, cand, n, e);
}

/* The hotspot list (and, when checked, the refused candidates), and its notes on stderr. */
static cJSON *make_list(const struct attrib *a, const struct prof_data *d, size_t n,
                        const struct prof_opts *o, const struct prof_cand *cand)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *list = cJSON_AddArrayToObject(root, "hotspots");
	cJSON *refused = cand ? cJSON_AddArrayToObject(root, "refused") : NULL;
	const struct hot **v = xcalloc(n + 1, sizeof(*v));
	const char **scope = xcalloc(n + 1, sizeof(*scope));
	int *warned = xcalloc(n + 1, sizeof(*warned));
	size_t nv = 0;
	cJSON **items = xcalloc(n + 1, sizeof(*items));
	for (size_t i = 0; i < n; i++) {
		const struct hot *h = &a->hot[i];
		double share = (double)h->allocs / (double)a->total;
		cJSON *it = hot_json(h, d, share);
		if (cand && h->file && !cand[i].file) /* a #line name: the sources use their own */
			cJSON_DeleteItemFromObjectCaseSensitive(it, "file");
		if (cand && cand[i].level == PROF_LEVEL_REFUSED) {
			cJSON_AddStringToObject(it, "why", cand[i].why);
			cJSON_AddItemToObject(it, "tried",
			                      tried_json(&cand[i], (int)cand[i].nchain));
			cJSON_AddItemToArray(refused, it);
			fprintf(stderr, "%s: note: %s not suggested: %s\n", o->path, h->func,
			        cand[i].why);
			continue;
		}
		const struct caller *nearer, *sc = cand ? NULL : suggest_scope(h, &nearer);
		scope[nv] = cand ? (cand[i].level >= 0 ? cand[i].chain[cand[i].level] : NULL)
		                 : (sc ? sc->func : NULL);
		if (cand) {
			if (scope[nv])
				cJSON_AddStringToObject(it, "scope", scope[nv]);
			cJSON *ck = cJSON_AddObjectToObject(it, "checked");
			cJSON_AddNumberToObject(ck, "sites", cand[i].nsites);
			cJSON_AddItemToObject(ck, "tried", tried_json(&cand[i], cand[i].level + 1));
		} else {
			add_scope(it, h);
		}
		if (!cand)
			add_hint(it, h, RK__COUNT);
		else if (cand[i].wrapper != RK__COUNT)
			add_hint(it, h, (enum rule_kind)cand[i].wrapper);
		v[nv] = h;
		items[nv++] = it;
	}
	struct est_ctx x = {d, {a->at}, o->path, v, scope, nv};
	for (size_t k = 0; k < nv; k++) {
		add_estimates(items[k], &x, k, warned);
		cJSON_AddStringToObject(items[k], "profile", d->format);
		cJSON_AddItemToArray(list, items[k]);
	}
	free(items);
	free(v);
	free(scope);
	free(warned);
	return root;
}

/* "malloc is 0.6% of instructions: expect at most 0.6%": whether the allocator can pay. */
static void note_cost(const struct attrib *a, const struct prof_data *d, const char *path)
{
	if (!(d->t_end > 0))
		return;
	double all = (double)a->total * PROF_PAIR_SAVED / d->t_end * 100;
	fprintf(stderr,
	        "%s: note: at about %d instructions a block, malloc and free are about %.1f%% of "
	        "the run's %.0f instructions: expect a gain of at most %.1f%%%s\n",
	        path, PROF_PAIR_SAVED, all, d->t_end, all < 100 ? all : 100,
	        all < 2 ? " (too small to pay for a rewrite)" : "");
}

/* With sources: how many candidates the check kept. None: the list is empty, and --hotspots
 * would reject it, so say what a user can do instead. */
static void note_checked(const struct prof_cand *cand, size_t n, const char *path)
{
	if (!cand)
		return;
	size_t kept = 0;
	for (size_t i = 0; i < n; i++)
		kept += cand[i].level != PROF_LEVEL_REFUSED;
	if (kept)
		fprintf(stderr,
		        "%s: note: %zu of %zu candidates suggested, %zu refused (\"refused\")\n",
		        path, kept, n, n - kept);
	else
		fprintf(
		    stderr,
		    "%s: note: none of the %zu candidates can be rewritten safely as the sources "
		    "stand: the list is empty, nothing to give --hotspots. Each refusal's \"why\" "
		    "names what stops it (a rule to add, an escape to fix by hand; "
		    "docs/profiling.md, section 5)\n",
		    path, n);
}

static int run(const struct prof_opts *o, const struct rules *r, struct err *e)
{
	struct fs_text t;
	struct prof_data d = {0};
	struct attrib a = {0};
	struct prof_cand *cand = NULL;
	const char **chains = NULL;
	size_t n = 0;
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
	n = listed(&a, o);
	if (o->units && o->units->n) {
		cand = xcalloc(n + 1, sizeof(*cand));
		chains = xcalloc(n * PROF_MAX_CHAIN + 1, sizeof(*chains));
		if (check_all(&a, n, o, r, cand, chains, e))
			goto out;
	}
	if (!a.nhot)
		fprintf(stderr,
		        "%s: note: no allocation is made by a C function of the program (all "
		        "%llu come from libraries or unknown frames)\n",
		        o->path, (unsigned long long)a.total);
	cJSON *root = make_list(&a, &d, n, o, cand);
	char *out = cJSON_Print(root);
	cJSON_Delete(root);
	if (!out) {
		fputs("arena-rewrite: out of memory\n", stderr);
		exit(ERR_INPUT);
	}
	for (size_t i = 0; i < n; i++) {
		if (!cand && wants_hint(&a.hot[i]))
			note_hint(o->path, &a.hot[i], RK__COUNT);
		else if (cand && cand[i].level != PROF_LEVEL_REFUSED &&
		         cand[i].wrapper != RK__COUNT)
			note_hint(o->path, &a.hot[i], (enum rule_kind)cand[i].wrapper);
	}
	note_cost(&a, &d, o->path);
	note_checked(cand, n, o->path);
	fputs(out, stdout);
	fputc('\n', stdout);
	free(out);
	rc = 0;
out:
	if (cand)
		prof_check_free(cand, n);
	free(cand);
	free(chains);
	free(a.hot);
	free(a.callers);
	free(a.at);
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
