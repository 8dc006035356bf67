/*
 * esc: see esc.h for what is analysed and why. Internals:
 *
 *  - struct taint is what the walk knows about one value: whether (and how surely) it points
 *    into arena memory and with which origin, which parameters it derives from (pder: the
 *    pointer value itself; preach: memory reachable from a parameter), whether it derives from
 *    a global, and whether it is the address of a local.
 *  - struct state maps locations (local decl + field path) to taints; absent means clean.
 *  - struct fa is one function's walk; it fills findings, a summary, or both.
 *
 * Every loop over the AST is bounded by the node array; recursion depth is capped (MAXDEPTH)
 * so that pathological inputs cannot exhaust the stack.
 */
#include "esc.h"
#include "ast.h"
#include "hot.h"
#include "mem.h"
#include "strmap.h"
#include "rules.h"
#include "sbuf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXDEPTH 1500
#define MAXP     32 /* parameters tracked per function */

enum { L_NONE, L_MAYBE, L_DEF };
enum { K_NONE, K_FOREIGN, K_PARAM, K_SCOPE, K_OWN };
#define ARENA_REWRITE (-2) /* the arena a rewrite gives the function */
#define ARENA_SCOPE   (-3) /* the scope arena this function owns */

struct taint {
	unsigned char level; /* L_*: points into arena memory */
	unsigned char kind;  /* K_*: the origin's owner */
	unsigned char stale; /* L_*: its arena was released */
	unsigned char glob;  /* derives from a global's value or address */
	int site;            /* allocation node, -1 */
	int arena;           /* K_OWN: arena identity; K_PARAM: parameter index */
	int rel;             /* node of the release that made it stale, -1 */
	uint32_t pder;       /* parameters whose pointer value this derives from */
	uint32_t preach;     /* parameters whose reachable memory this was read from */
	int local;           /* this is the address of (part of) that local decl, -1 */
	const char *sname;   /* K_SCOPE: the hotspot scope owning the arena, NULL: innermost */
};

static const struct taint clean = {0, 0, 0, 0, -1, 0, -1, 0, 0, -1, NULL};

static int t_empty(const struct taint *t)
{
	return !t->level && !t->glob && !t->pder && !t->preach && t->local < 0;
}

/* Union of two values that are both present (pointer arithmetic, initialisers). */
static struct taint t_merge(struct taint a, struct taint b)
{
	struct taint r = a;
	if (b.kind > a.kind || (b.kind == a.kind && b.level > a.level)) {
		r.kind = b.kind;
		r.site = b.site;
		r.arena = b.arena;
		r.rel = b.rel;
		r.sname = b.sname;
	}
	r.level = a.level > b.level ? a.level : b.level;
	r.stale = a.stale > b.stale ? a.stale : b.stale;
	r.glob = a.glob | b.glob;
	r.pder = a.pder | b.pder;
	r.preach = a.preach | b.preach;
	if (r.local < 0)
		r.local = b.local;
	if (r.rel < 0)
		r.rel = b.rel;
	return r;
}

static unsigned char lv_join(unsigned char a, unsigned char b)
{
	if (a == b)
		return a;
	return (a || b) ? L_MAYBE : L_NONE;
}

/* Join of the values of two paths (if/else, ?:): "definite" only when both are. */
static struct taint t_join(struct taint a, struct taint b)
{
	struct taint r = t_merge(a, b);
	r.level = lv_join(a.level, b.level);
	r.stale = lv_join(a.level ? a.stale : b.stale, b.level ? b.stale : a.stale);
	if (!r.level)
		r.stale = L_NONE;
	return r;
}

/* ---- state ------------------------------------------------------------------------------ */

struct ent {
	int decl;
	const char *path; /* interned: "" whole variable, ".f", "[]", ".f[].g" */
	struct taint t;
};

struct state {
	struct ent *v;
	size_t n, cap;
	int dead; /* no path reaches here */
};

static void st_free(struct state *s)
{
	free(s->v);
	memset(s, 0, sizeof(*s));
}

static struct state st_copy(const struct state *s)
{
	struct state r = {NULL, s->n, s->n, s->dead};
	if (s->n) {
		r.v = xmalloc(s->n * sizeof(*r.v));
		memcpy(r.v, s->v, s->n * sizeof(*r.v));
	}
	return r;
}

static struct ent *st_find(const struct state *s, int decl, const char *path)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].decl == decl && s->v[i].path == path)
			return &s->v[i];
	return NULL;
}

/* Whether `pre` is `path` or a path prefix of it ("s.f" of "s.f.g" and "s.f[]", not "s.fg"). */
static int path_prefix(const char *pre, const char *path)
{
	size_t n = strlen(pre);
	return !strncmp(pre, path, n) && (path[n] == '\0' || path[n] == '.' || path[n] == '[');
}

/* The joined value of location (decl, path): entries for it and its enclosing objects, and,
 * when `whole` (a struct or array used as one value), the entries inside it. */
static struct taint st_get(const struct state *s, int decl, const char *path, int whole)
{
	struct taint r = clean;
	for (size_t i = 0; i < s->n; i++) {
		const struct ent *e = &s->v[i];
		if (e->decl != decl)
			continue;
		if (path_prefix(e->path, path) || (whole && path_prefix(path, e->path)))
			r = t_merge(r, e->t);
	}
	return r;
}

static void st_put(struct state *s, int decl, const char *path, struct taint t)
{
	struct ent *e = st_find(s, decl, path);
	if (e) {
		e->t = t;
		return;
	}
	GROW(s->v, s->n, s->cap);
	s->v[s->n++] = (struct ent){decl, path, t};
}

/* Drops the entries at and inside (decl, path). */
static void st_kill(struct state *s, int decl, const char *path)
{
	size_t k = 0;
	for (size_t i = 0; i < s->n; i++) {
		if (s->v[i].decl == decl && path_prefix(path, s->v[i].path))
			continue;
		s->v[k++] = s->v[i];
	}
	s->n = k;
}

/* Joins b into a (path join); a dead side contributes nothing. */
static void st_join(struct state *a, const struct state *b)
{
	if (b->dead)
		return;
	if (a->dead) {
		st_free(a);
		*a = st_copy(b);
		return;
	}
	size_t na = a->n;
	for (size_t i = 0; i < na; i++) {
		struct ent *e = &a->v[i];
		const struct ent *o = st_find(b, e->decl, e->path);
		e->t = t_join(e->t, o ? o->t : clean);
	}
	for (size_t i = 0; i < b->n; i++) {
		const struct ent *o = &b->v[i];
		int found = 0;
		for (size_t k = 0; k < na && !found; k++)
			found = a->v[k].decl == o->decl && a->v[k].path == o->path;
		if (!found) {
			GROW(a->v, a->n, a->cap);
			a->v[a->n++] = (struct ent){o->decl, o->path, t_join(clean, o->t)};
		}
	}
}

/* ---- summaries ---------------------------------------------------------------------------- */

enum { RA_NONE, RA_SCOPE, RA_PARAM };

struct sum {
	char *usr;
	uint32_t keep, keep_def, frees, ret;
	uint32_t into[MAXP]; /* into[j]: parameters stored through parameter j */
	unsigned char ret_arena, ret_arena_param;
	char *ret_scope; /* RA_SCOPE: the hotspot scope that owns it, NULL: innermost */
	/* out_arena[j] (RA_*): the body stores arena memory through parameter j (`*out = p`):
	 * of a caller's scope (out_scope[j]) or of the arena passed as parameter
	 * out_arena_param[j]; out_def: on every path. Memory of the body's own arena is not
	 * recorded: that store is an arena-escape-param finding in the body itself. */
	unsigned char out_arena[MAXP], out_arena_param[MAXP];
	char *out_scope[MAXP];
	uint32_t out_def;
	int changed;    /* round in which it last changed, -1 never */
	int free_aware; /* its free/realloc become ownership-aware in the rewrite */
};

struct esc_sums {
	struct sum *v;
	size_t n, cap;
	struct strmap index; /* usr -> index into v */
	int round;
};

struct esc_sums *esc_sums_new(void)
{
	return xcalloc(1, sizeof(struct esc_sums));
}

void esc_sums_free(struct esc_sums *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].usr);
		free(s->v[i].ret_scope);
		for (int j = 0; j < MAXP; j++)
			free(s->v[i].out_scope[j]);
	}
	free(s->v);
	strmap_free(&s->index);
	free(s);
}

void esc_sums_next_round(struct esc_sums *s)
{
	s->round++;
}

static struct sum *sums_get(struct esc_sums *s, const char *usr);

void esc_sums_set_free_aware(struct esc_sums *s, const char *usr)
{
	if (usr && *usr)
		sums_get(s, usr)->free_aware = 1;
}

static const struct sum *sums_find(const struct esc_sums *s, const char *usr)
{
	if (!s || !usr || !*usr)
		return NULL;
	const struct strmap_ent *x = strmap_find(&s->index, usr);
	return x ? &s->v[x->val] : NULL;
}

static struct sum *sums_get(struct esc_sums *s, const char *usr)
{
	struct sum *f = (struct sum *)sums_find(s, usr);
	if (f)
		return f;
	GROW(s->v, s->n, s->cap);
	struct sum *x = &s->v[s->n];
	memset(x, 0, sizeof(*x));
	x->usr = xstrdup(usr);
	x->changed = -1;
	strmap_put(&s->index, x->usr, (int)s->n++); /* the key lives in v[i].usr */
	return x;
}

/* ---- one function's walk ------------------------------------------------------------------- */

struct jump {
	const char *label; /* goto target, NULL for loop/switch accumulators */
	struct state st;
};

struct ctl {
	struct state brk, cont;
	int is_switch;
	struct state entry; /* switch: state at the switch, joined at each case */
	int has_default;
};

struct fa {
	const struct ast *a;
	const struct rules *r;
	const struct esc_sums *sums;
	int fn, body, file;
	const char *fname;
	/* hotspot context: allocator-family calls are arena allocations */
	int hot;
	const char *scope;            /* the hotspot's scope (NULL: fn itself) */
	const unsigned char *sitemap; /* rewriter: explicit sites, indexed by node - fn */
	int pushes;                   /* fn pushes a local arena: scope memory is its own */
	int free_aware;               /* fn's free/realloc will be ownership-aware */
	int joins;                    /* fn joins threads: a thread it starts may end in time */
	int *destroyed;               /* local handles fn passes to arena_destroy */
	size_t ndestroyed, destroyed_cap;
	int params[MAXP];
	int nparams;
	/* walk */
	struct state st;
	int cond;
	int depth;
	struct ctl *ctl;
	size_t nctl, ctl_cap;
	struct jump *gotos;
	size_t ngotos, gotos_cap;
	char **paths; /* interned paths, owned */
	size_t npaths, paths_cap;
	/* outputs */
	int report;
	struct esc_list *out;
	int summarize;
	struct sum sum;
};

static const char *intern_path(struct fa *f, const char *s)
{
	if (!*s)
		return "";
	for (size_t i = 0; i < f->npaths; i++)
		if (!strcmp(f->paths[i], s))
			return f->paths[i];
	GROW(f->paths, f->npaths, f->paths_cap);
	f->paths[f->npaths] = xstrdup(s);
	return f->paths[f->npaths++];
}

static const char *path_add(struct fa *f, const char *base, const char *field)
{
	char buf[512];
	if (field)
		snprintf(buf, sizeof(buf), "%s.%s", base, field);
	else
		snprintf(buf, sizeof(buf), "%s[]", base);
	return intern_path(f, buf);
}

static const char *root_path(void)
{
	return "";
}

static int is_op(const struct ast_node *x, const char *op)
{
	return x->op && !strcmp(x->op, op);
}

static int last_child(const struct ast *a, int n)
{
	int last = -1;
	for (int c = ast_first(a, n); c >= 0; c = ast_next(a, c))
		last = c;
	return last;
}

static int strip(const struct ast *a, int n)
{
	return n < 0 ? -1 : ast_strip(a, n);
}

/* ---- positions and findings ------------------------------------------------------------------ */

static void line_col(const struct ast_file *fl, unsigned off, unsigned *line, unsigned *col)
{
	unsigned l = 1, c = 1;
	if (off > fl->len)
		off = (unsigned)fl->len;
	for (unsigned i = 0; i < off; i++) {
		if (fl->text[i] == '\n') {
			l++;
			c = 1;
		} else {
			c++;
		}
	}
	*line = l;
	*col = c;
}

static void pos_of(const struct ast *a, int n, struct esc_pos *p)
{
	const struct ast_node *x = &a->nodes[n];
	memset(p, 0, sizeof(*p));
	if (x->file < 0) {
		p->path = xstrdup(a->main_file);
		p->line = x->line;
		p->col = x->col;
		p->end_line = x->line;
		p->end_col = x->col;
		return;
	}
	const struct ast_file *fl = &a->files[x->file];
	p->path = xstrdup(fl->path);
	p->off = x->begin;
	p->end_off = x->end > x->begin ? x->end : x->begin;
	line_col(fl, p->off, &p->line, &p->col);
	line_col(fl, p->end_off, &p->end_line, &p->end_col);
	if (p->end_line == p->line && p->end_col <= p->col)
		p->end_col = p->col + 1;
}

static const char *const rule_ids[ESC__NRULES] = {"arena-escape-return", "arena-escape-global",
                                                  "arena-escape-param",  "arena-escape-call",
                                                  "arena-heap-free",     "arena-use-after-free"};

const char *esc_rule_id(enum esc_rule r)
{
	return r < ESC__NRULES ? rule_ids[r] : "arena-unknown";
}

enum esc_rule esc_rule_from_id(const char *id, size_t len)
{
	for (int r = 0; r < ESC__NRULES; r++)
		if (strlen(rule_ids[r]) == len && !strncmp(rule_ids[r], id, len))
			return (enum esc_rule)r;
	return ESC__NRULES;
}

static void add_finding(struct fa *f, enum esc_rule rule, int sev, int node, const struct taint *t,
                        const char *msg)
{
	if (!f->report)
		return;
	struct esc_list *l = f->out;
	const struct ast *a = f->a;
	/* Loops are walked twice: one finding per node and rule, the worse severity. */
	for (size_t i = 0; i < l->n; i++) {
		struct esc_finding *g = &l->v[i];
		if (g->rule == rule && g->at.off == a->nodes[node].begin &&
		    a->nodes[node].file >= 0 &&
		    !strcmp(g->at.path, a->files[a->nodes[node].file].path)) {
			if (sev > g->severity)
				g->severity = sev;
			return;
		}
	}
	GROW(l->v, l->n, l->cap);
	struct esc_finding *g = &l->v[l->n++];
	memset(g, 0, sizeof(*g));
	g->rule = rule;
	g->severity = sev;
	pos_of(a, node, &g->at);
	if (t && t->site >= 0) {
		g->has_alloc = 1;
		pos_of(a, t->site, &g->alloc);
	}
	g->function = xstrdup(f->fname ? f->fname : "?");
	g->msg = xstrdup(msg);
}

static int severity(const struct fa *f, const struct taint *t)
{
	return t->level == L_DEF && !f->cond ? ESC_ERROR : ESC_WARNING;
}

static const char *param_name(const struct fa *f, uint32_t mask)
{
	for (int i = 0; i < f->nparams && i < MAXP; i++)
		if ((mask >> i) & 1u)
			return f->a->decls[f->params[i]].name;
	return "?";
}

/* ---- runtime knowledge ------------------------------------------------------------------------
 */

static int name_in(const char *name, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(name, list[i]))
			return 1;
	return 0;
}
#define NAME_IN(name, arr) name_in(name, arr, sizeof(arr) / sizeof(*arr))

static const char *const rt_alloc[] = {"arena_alloc",   "arena_alloc_aligned", "arena_calloc",
                                       "arena_realloc", "arena_strdup",        "arena_strndup",
                                       "arena_memdup",  "arena_alloc_slow"};
static const char *const rt_cur[] = {"arena_cur_alloc",  "arena_cur_calloc",  "arena_cur_realloc",
                                     "arena_cur_strdup", "arena_cur_strndup", "arena_cur_memdup"};
static const char *const rt_release[] = {"arena_release", "arena_reset", "arena_reset_keep",
                                         "arena_destroy"};
/* Functions whose result points into their first argument. */
static const char *const rt_passthru[] = {"arena_realloc_any",
                                          "memcpy",
                                          "memmove",
                                          "memset",
                                          "strcpy",
                                          "strncpy",
                                          "strcat",
                                          "strncat",
                                          "stpcpy",
                                          "mempcpy",
                                          "strchr",
                                          "strrchr",
                                          "strstr",
                                          "strpbrk",
                                          "memchr",
                                          "strtok",
                                          "strtok_r",
                                          "strchrnul",
                                          "rawmemchr",
                                          "memrchr"};

/* The arena an expression like `&a`, `h`, `&s.arena` or `a` (a parameter) designates. */
static void arena_of(struct fa *f, int e, unsigned char *kind, int *id)
{
	const struct ast *a = f->a;
	*kind = K_FOREIGN;
	*id = 0;
	e = strip(a, e);
	if (e < 0)
		return;
	const struct ast_node *x = &a->nodes[e];
	if (x->kind == AK_UNARY && is_op(x, "&")) {
		int b = strip(a, ast_first(a, e));
		/* &v or &v.f...: v local */
		while (b >= 0 && a->nodes[b].kind == AK_MEMBER && !(a->nodes[b].flags & AF_ARROW))
			b = strip(a, ast_first(a, b));
		if (b >= 0 && a->nodes[b].kind == AK_DECLREF && a->nodes[b].decl >= 0) {
			const struct ast_decl *d = &a->decls[a->nodes[b].decl];
			if ((d->flags & DF_LOCAL) && d->kind == DK_VAR) {
				*kind = K_OWN;
				*id = a->nodes[b].decl;
			}
		}
		return;
	}
	if (x->kind == AK_DECLREF && x->decl >= 0) {
		const struct ast_decl *d = &a->decls[x->decl];
		if (d->kind == DK_PARAM) {
			*kind = K_PARAM;
			*id = d->index;
		} else if (d->kind == DK_VAR && (d->flags & DF_LOCAL)) {
			for (size_t i = 0; i < f->ndestroyed; i++)
				if (f->destroyed[i] == x->decl) {
					*kind = K_OWN;
					*id = x->decl;
				}
		}
	}
}

static struct taint origin(unsigned char kind, int arena, int site)
{
	struct taint t = clean;
	t.level = L_DEF;
	t.kind = kind;
	t.arena = arena;
	t.site = site;
	return t;
}

/* Memory of the innermost scope arena, as seen from this function. */
static struct taint scope_origin(struct fa *f, const char *scope, int site)
{
	if (f->pushes || (scope && f->fname && !strcmp(scope, f->fname)))
		return origin(K_OWN, ARENA_SCOPE, site);
	struct taint t = origin(K_SCOPE, 0, site);
	t.sname = scope;
	return t;
}

/* ---- sinks ------------------------------------------------------------------------------------
 */

static void sink_global(struct fa *f, const struct taint *t, int node, const char *what)
{
	if (f->summarize && (t->pder | t->preach)) {
		f->sum.keep |= t->pder | t->preach;
		if (!f->cond)
			f->sum.keep_def |= t->pder | t->preach;
	}
	if (t->level && (t->kind == K_OWN || t->kind == K_SCOPE)) {
		char *m = xasprintf("arena memory stored in %s, which outlives the arena", what);
		add_finding(f, ESC_GLOBAL, severity(f, t), node, t, m);
		free(m);
	}
}

static void sink_return(struct fa *f, const struct taint *t, int node)
{
	if (t->level && t->kind == K_OWN) {
		char *m = f->hot && !f->scope && t->arena == ARENA_REWRITE
		              ? xasprintf("'%s' returns memory from the arena a rewrite gives it, "
		                          "which is freed when it returns",
		                          f->fname)
		              : xasprintf("'%s' returns memory from its own arena, which is freed "
		                          "when it returns",
		                          f->fname);
		add_finding(f, ESC_RETURN, severity(f, t), node, t, m);
		free(m);
	}
}

/* A keeping callee gets value t as argument k. */
static void sink_call(struct fa *f, const struct taint *t, int node, const char *callee, int k,
                      int definite, const char *how)
{
	if (f->summarize && (t->pder | t->preach)) {
		f->sum.keep |= t->pder | t->preach;
		if (!f->cond && definite)
			f->sum.keep_def |= t->pder | t->preach;
	}
	if (t->level && (t->kind == K_OWN || t->kind == K_SCOPE)) {
		char *m =
		    xasprintf("arena memory passed to '%s' (argument %d), %s", callee, k + 1, how);
		add_finding(f, ESC_CALL, definite ? severity(f, t) : ESC_WARNING, node, t, m);
		free(m);
	}
}

static void sink_free(struct fa *f, const struct taint *t, int node, const char *callee, int direct)
{
	if (f->summarize && t->pder)
		f->sum.frees |= t->pder;
	/* Memory of a hotspot's scope is heap memory wherever no scope is active, and every
	 * function reachable from a scope gets ownership-aware frees in the rewrite. */
	if (t->kind == K_SCOPE && t->sname)
		return;
	if (t->level) {
		char *m = direct
		              ? xasprintf("%s() of arena memory, which the heap allocator does "
		                          "not own (use arena_free or arena_realloc, or copy "
		                          "it out with arena_clone)",
		                          callee)
		              : xasprintf("arena memory passed to '%s', which hands it to free() "
		                          "or realloc()",
		                          callee);
		/* arena_cur_* memory is heap memory where no scope is active: a warning. */
		int sev = t->level == L_DEF && t->kind != K_SCOPE ? ESC_ERROR : ESC_WARNING;
		add_finding(f, ESC_HEAP_FREE, sev, node, t, m);
		free(m);
	}
}

/* A store through a pointer to local `decl` (`*&x = v`, a callee filling `&x`): a weak update
 * of the whole variable. */
static void add_to_local(struct fa *f, int decl, struct taint v)
{
	struct ent *e = st_find(&f->st, decl, root_path());
	if (e)
		e->t = t_merge(e->t, v);
	else if (!t_empty(&v))
		st_put(&f->st, decl, root_path(), v);
}

/* Summary: arena memory t stored through the parameters in mask (`*out = p`, `out->f = p`).
 * Only a caller's scope memory and a parameter arena's memory are recorded (see struct sum). */
static void sum_out(struct fa *f, uint32_t mask, const struct taint *t)
{
	if (!f->summarize || !t->level || (t->kind != K_SCOPE && t->kind != K_PARAM))
		return;
	if (t->kind == K_PARAM && (t->arena < 0 || t->arena >= MAXP))
		return;
	for (int j = 0; j < MAXP; j++) {
		if (!((mask >> j) & 1u))
			continue;
		if (t->level == L_DEF && !f->cond)
			f->sum.out_def |= 1u << j;
		if (f->sum.out_arena[j])
			continue;
		if (t->kind == K_SCOPE) {
			f->sum.out_arena[j] = RA_SCOPE;
			f->sum.out_scope[j] = t->sname ? xstrdup(t->sname) : NULL;
		} else {
			f->sum.out_arena[j] = RA_PARAM;
			f->sum.out_arena_param[j] = (unsigned char)t->arena;
		}
	}
}

/* ---- lvalues ----------------------------------------------------------------------------------
 */

enum { LV_UNKNOWN, LV_LOCAL, LV_GLOBAL, LV_THROUGH };

struct lval {
	int kind;
	int decl;         /* LOCAL, GLOBAL */
	const char *path; /* LOCAL */
	int weak;         /* LOCAL: an element of an array: other elements stay */
	int ptr;          /* THROUGH: the pointer expression dereferenced */
};

static struct lval lvalue(struct fa *f, int n)
{
	const struct ast *a = f->a;
	struct lval lv = {LV_UNKNOWN, -1, "", 0, -1};
	n = strip(a, n);
	if (n < 0 || ++f->depth > MAXDEPTH) {
		f->depth -= n >= 0;
		return lv;
	}
	const struct ast_node *x = &a->nodes[n];
	switch (x->kind) {
	case AK_DECLREF:
		if (x->decl >= 0) {
			const struct ast_decl *d = &a->decls[x->decl];
			if (d->kind == DK_VAR || d->kind == DK_PARAM) {
				lv.decl = x->decl;
				lv.kind = (d->flags & DF_GLOBAL) ? LV_GLOBAL : LV_LOCAL;
				if (!(d->flags & (DF_GLOBAL | DF_LOCAL)))
					lv.kind = LV_UNKNOWN;
			}
		}
		break;
	case AK_MEMBER: {
		int b = ast_first(a, n);
		if (x->flags & AF_ARROW) {
			lv.kind = LV_THROUGH;
			lv.ptr = b;
			break;
		}
		lv = lvalue(f, b);
		if (lv.kind == LV_LOCAL)
			lv.path = path_add(f, lv.path, x->name ? x->name : "?");
		break;
	}
	case AK_SUBSCRIPT: {
		int b = ast_first(a, n);
		int bs = strip(a, b);
		if (bs >= 0 && a->nodes[bs].tclass == TC_ARRAY) {
			lv = lvalue(f, bs);
			if (lv.kind == LV_LOCAL) {
				lv.path = path_add(f, lv.path, NULL);
				lv.weak = 1;
			}
		} else {
			lv.kind = LV_THROUGH;
			lv.ptr = b;
		}
		break;
	}
	case AK_UNARY:
		if (is_op(x, "*")) {
			lv.kind = LV_THROUGH;
			lv.ptr = ast_first(a, n);
		}
		break;
	default:
		break;
	}
	f->depth--;
	return lv;
}

static struct taint eval(struct fa *f, int n);

/* Value read from memory a pointer with taint pt points to. */
static struct taint load(struct fa *f, const struct taint *pt, int whole)
{
	struct taint r = clean;
	r.preach = pt->pder | pt->preach;
	r.glob = pt->glob;
	if (pt->local >= 0)
		r = t_merge(r, st_get(&f->st, pt->local, root_path(), whole));
	return r;
}

static void use_check(struct fa *f, int decl, const char *path, int node, int whole);

/* The value of an lvalue expression (n), or of its address when `addr`. */
static struct taint read_lv(struct fa *f, int n, const struct lval *lv, int addr)
{
	const struct ast *a = f->a;
	const struct ast_node *x = &a->nodes[n];
	int whole = x->tclass == TC_RECORD || x->tclass == TC_ARRAY;
	struct taint r = clean;
	switch (lv->kind) {
	case LV_LOCAL:
		if (addr || x->tclass == TC_ARRAY) {
			r.local = lv->decl;
			return r;
		}
		use_check(f, lv->decl, lv->path, n, whole);
		return st_get(&f->st, lv->decl, lv->path, whole);
	case LV_GLOBAL:
		r.glob = 1;
		return r;
	case LV_THROUGH: {
		struct taint pt = eval(f, lv->ptr);
		if (addr || x->tclass == TC_ARRAY)
			return pt; /* &p->f, &p[i], p->arr: pointer arithmetic on p */
		return load(f, &pt, whole);
	}
	default:
		return r;
	}
}

/* Store value t (of expression rhs, or -1) into lvalue lv at node `at`. */
static void store(struct fa *f, const struct lval *lv, struct taint t, int rhs, int at)
{
	const struct ast *a = f->a;
	switch (lv->kind) {
	case LV_LOCAL: {
		/* Whole-struct copy from another local keeps the field paths. */
		int rs = strip(a, rhs);
		if (rs >= 0 && a->nodes[rs].tclass == TC_RECORD && !lv->weak) {
			struct lval src = lvalue(f, rs);
			if (src.kind == LV_LOCAL) {
				size_t sl = strlen(src.path);
				struct state add = {NULL, 0, 0, 0};
				for (size_t i = 0; i < f->st.n; i++) {
					const struct ent *e = &f->st.v[i];
					if (e->decl != src.decl)
						continue;
					char buf[512];
					if (path_prefix(src.path, e->path))
						snprintf(buf, sizeof(buf), "%s%s", lv->path,
						         e->path + sl);
					else if (path_prefix(e->path, src.path))
						snprintf(buf, sizeof(buf), "%s", lv->path);
					else
						continue;
					GROW(add.v, add.n, add.cap);
					add.v[add.n++] =
					    (struct ent){lv->decl, intern_path(f, buf), e->t};
				}
				st_kill(&f->st, lv->decl, lv->path);
				for (size_t i = 0; i < add.n; i++) {
					struct ent *e =
					    st_find(&f->st, add.v[i].decl, add.v[i].path);
					if (e)
						e->t = t_merge(e->t, add.v[i].t);
					else
						st_put(&f->st, add.v[i].decl, add.v[i].path,
						       add.v[i].t);
				}
				st_free(&add);
				return;
			}
		}
		if (lv->weak) {
			struct ent *e = st_find(&f->st, lv->decl, lv->path);
			if (e)
				e->t = t_merge(e->t, t);
			else if (!t_empty(&t))
				st_put(&f->st, lv->decl, lv->path, t);
			return;
		}
		st_kill(&f->st, lv->decl, lv->path);
		if (!t_empty(&t))
			st_put(&f->st, lv->decl, lv->path, t);
		return;
	}
	case LV_GLOBAL: {
		const struct ast_decl *d = &a->decls[lv->decl];
		char *what = (d->flags & DF_TLS) ? xasprintf("thread-local '%s'", d->name)
		                                 : xasprintf("'%s' (static storage)", d->name);
		sink_global(f, &t, at, what);
		free(what);
		return;
	}
	case LV_THROUGH: {
		struct taint pt = eval(f, lv->ptr);
		if (pt.level)
			return; /* into arena memory itself */
		uint32_t ps = pt.pder | pt.preach;
		if (ps) {
			if (f->summarize) {
				for (int j = 0; j < MAXP; j++)
					if ((ps >> j) & 1u)
						f->sum.into[j] |= t.pder | t.preach;
				sum_out(f, pt.pder, &t);
			}
			if (t.level && t.kind == K_OWN) {
				char *m = xasprintf("arena memory stored through parameter '%s', "
				                    "which outlives the arena",
				                    param_name(f, ps));
				add_finding(f, ESC_PARAM, severity(f, &t), at, &t, m);
				free(m);
			}
		} else if (pt.glob) {
			sink_global(f, &t, at, "memory reached through a global");
		} else if (pt.local >= 0) {
			add_to_local(f, pt.local, t);
		}
		return;
	}
	default:
		return;
	}
}

/* A read of local (decl, path): a use after its arena was released? */
static void use_check(struct fa *f, int decl, const char *path, int node, int whole)
{
	for (size_t i = 0; i < f->st.n; i++) {
		struct ent *e = &f->st.v[i];
		if (e->decl != decl || !e->t.stale || !e->t.level)
			continue;
		if (!(path_prefix(e->path, path) || (whole && path_prefix(path, e->path))))
			continue;
		const struct ast *a = f->a;
		unsigned rl = 0, rc = 0;
		if (e->t.rel >= 0 && a->nodes[e->t.rel].file >= 0)
			line_col(&a->files[a->nodes[e->t.rel].file], a->nodes[e->t.rel].begin, &rl,
			         &rc);
		char *m = xasprintf("'%s' used after its arena was freed (line %u)",
		                    a->decls[decl].name, rl);
		add_finding(f, ESC_UAF,
		            e->t.stale == L_DEF && e->t.level == L_DEF ? ESC_ERROR : ESC_WARNING,
		            node, &e->t, m);
		free(m);
		/* One finding per stale value. */
		e->t.stale = L_NONE;
	}
}

/* ---- expressions -------------------------------------------------------------------------------
 */

static void exec(struct fa *f, int n);

static int is_hot_site(struct fa *f, int call)
{
	if (f->sitemap)
		return f->sitemap[call - f->fn];
	return 0;
}

static struct taint eval_call(struct fa *f, int n)
{
	const struct ast *a = f->a;
	const struct ast_node *x = &a->nodes[n];
	int callee = ast_call_callee(a, n);
	int nargs = ast_call_nargs(a, n);
	struct taint targ[MAXP];
	int argn[MAXP];
	int cs = strip(a, callee);
	/* Callee expression (side effects of a call through a pointer). */
	if (cs >= 0 && a->nodes[cs].kind != AK_DECLREF)
		(void)eval(f, callee);
	int k = 0;
	for (int c = callee >= 0 ? ast_next(a, callee) : -1; c >= 0; c = ast_next(a, c), k++) {
		struct taint t = eval(f, c);
		if (k < MAXP) {
			targ[k] = t;
			argn[k] = c;
		}
	}
	if (nargs > MAXP)
		nargs = MAXP;
	if (k < nargs)
		nargs = k;
	const char *name = x->name;
	int fdecl = x->decl >= 0 && a->decls[x->decl].kind == DK_FUNC ? x->decl : -1;
	/* Allocator-family calls of a hotspot: arena allocations after the rewrite. */
	struct taint site = clean;
	int at_site = 0;
	if (f->sitemap) {
		if (is_hot_site(f, n)) {
			site = f->scope ? scope_origin(f, f->scope, n)
			                : origin(K_OWN, ARENA_REWRITE, n);
			/* A function of the sources returning scope memory: its summary applies too
			 * (arguments it keeps, scope memory it stores through an out-parameter). */
			if (fdecl < 0 || !name || rules_find_alloc(f->r, name) ||
			    !sums_find(f->sums, a->decls[fdecl].usr))
				return site;
			at_site = 1;
		}
	} else if (f->hot) {
		const struct rule_alloc *ra = NULL;
		if (fdecl >= 0 && name)
			ra = rules_find_alloc(f->r, name);
		else if (cs >= 0 && a->nodes[cs].kind == AK_MEMBER && a->nodes[cs].name)
			ra = rules_find_field(f->r, a->nodes[cs].name);
		if (ra && !(x->flags & AF_MACRO)) {
			if (ra->kind == RK_FREE)
				return clean;
			return f->scope ? scope_origin(f, f->scope, n)
			                : origin(K_OWN, ARENA_REWRITE, n);
		}
	}
	if (!name || fdecl < 0)
		return clean;
	if (NAME_IN(name, rt_alloc)) {
		unsigned char kind;
		int id;
		arena_of(f, nargs > 0 ? argn[0] : -1, &kind, &id);
		return origin(kind, id, n);
	}
	if (NAME_IN(name, rt_cur))
		return scope_origin(f, NULL, n);
	if (NAME_IN(name, rt_release)) {
		unsigned char kind;
		int id;
		arena_of(f, nargs > 0 ? argn[0] : -1, &kind, &id);
		if (kind == K_OWN) {
			for (size_t i = 0; i < f->st.n; i++) {
				struct taint *t = &f->st.v[i].t;
				if (t->level && t->kind == K_OWN && t->arena == id) {
					t->stale = L_DEF;
					t->rel = n;
				}
			}
		}
		return clean;
	}
	if (!strcmp(name, "arena_clone") || !strcmp(name, "arena_clone_str") ||
	    !strcmp(name, "arena_free"))
		return clean;
	if (NAME_IN(name, rt_passthru))
		return nargs > 0 ? targ[0] : clean;
	/* Plain free()/realloc() of arena memory (in a hotspot these become arena_*). */
	const struct rule_alloc *ra = rules_find_alloc(f->r, name);
	if (ra && (ra->kind == RK_FREE || ra->kind == RK_REALLOC)) {
		/* In a hotspot (and below a scope) the rewrite turns them into arena_free and
		 * arena_realloc, which tell arena memory from heap memory. */
		int aware = f->free_aware || (f->hot && !(x->flags & AF_MACRO));
		if (nargs > 0 && !aware)
			sink_free(f, &targ[0], n, name, 1);
		return clean;
	}
	/* The rules' list of functions that keep a pointer argument. */
	const struct rule_keep *rk = rules_find_keep(f->r, name);
	if (rk) {
		for (int i = 0; i < nargs; i++) {
			if (!((rk->args_mask >> i) & 1u))
				continue;
			struct taint t = targ[i];
			if (t.local >= 0)
				t = t_merge(t, st_get(&f->st, t.local, root_path(), 1));
			/* A thread joined before the arena goes is fine: unknown here, a warning.
			 */
			int started =
			    !strcmp(name, "pthread_create") || !strcmp(name, "thrd_create");
			sink_call(f, &t, n, name, i, !(started && f->joins),
			          "which keeps it beyond the call");
		}
		return clean;
	}
	/* A callee with a body somewhere in the analysed sources. */
	const struct sum *s = sums_find(f->sums, a->decls[fdecl].usr);
	if (!s)
		return clean;
	for (int i = 0; i < nargs; i++) {
		struct taint t = targ[i];
		if (t.local >= 0)
			t = t_merge(t, st_get(&f->st, t.local, root_path(), 1));
		if ((s->keep >> i) & 1u)
			sink_call(f, &t, n, name, i, (s->keep_def >> i) & 1u,
			          "whose body keeps it beyond the call");
		if ((s->frees >> i) & 1u)
			sink_free(f, &targ[i], n, name, 0);
	}
	for (int j = 0; j < nargs; j++) {
		uint32_t m = s->into[j];
		if (!m)
			continue;
		struct taint pt = targ[j];
		struct taint v = clean;
		for (int i = 0; i < nargs; i++)
			if ((m >> i) & 1u)
				v = t_merge(v, targ[i]);
		if (pt.level || t_empty(&v))
			continue;
		uint32_t ps = pt.pder | pt.preach;
		if (ps && f->summarize)
			for (int q = 0; q < MAXP; q++)
				if ((ps >> q) & 1u)
					f->sum.into[q] |= v.pder | v.preach;
		if ((ps && v.level && v.kind == K_OWN) ||
		    (pt.glob && v.level && (v.kind == K_OWN || v.kind == K_SCOPE))) {
			char *m2 = xasprintf(
			    "arena memory passed to '%s', whose body stores it through argument "
			    "%d, which outlives the arena",
			    name, j + 1);
			add_finding(f, ESC_CALL, severity(f, &v), n, &v, m2);
			free(m2);
		} else if (pt.glob && f->summarize) {
			f->sum.keep |= v.pder | v.preach;
		} else if (pt.local >= 0) {
			add_to_local(f, pt.local, v);
		}
	}
	/* Arena memory the callee stores through argument j (`word_new(t, &w)`). */
	for (int j = 0; j < nargs; j++) {
		if (!s->out_arena[j])
			continue;
		struct taint v;
		if (s->out_arena[j] == RA_SCOPE) {
			v = scope_origin(f, s->out_scope[j], n);
		} else if (s->out_arena_param[j] < nargs) {
			unsigned char kind;
			int id;
			arena_of(f, argn[s->out_arena_param[j]], &kind, &id);
			v = origin(kind, id, n);
		} else {
			continue;
		}
		if (!((s->out_def >> j) & 1u))
			v.level = L_MAYBE;
		struct taint pt = targ[j];
		if (pt.level)
			continue; /* into arena memory itself */
		if (pt.local >= 0) {
			add_to_local(f, pt.local, v);
		} else if (pt.pder | pt.preach) {
			sum_out(f, pt.pder, &v);
			if (v.kind == K_OWN) {
				char *m2 =
				    xasprintf("arena memory stored by '%s' through argument %d, "
				              "parameter '%s', which outlives the arena",
				              name, j + 1, param_name(f, pt.pder | pt.preach));
				add_finding(f, ESC_PARAM, severity(f, &v), n, &v, m2);
				free(m2);
			}
		} else if (pt.glob) {
			char *what = xasprintf("memory reached through a global (by '%s')", name);
			sink_global(f, &v, n, what);
			free(what);
		}
	}
	struct taint r = clean;
	for (int i = 0; i < nargs; i++)
		if ((s->ret >> i) & 1u) {
			struct taint t = targ[i];
			t.local = -1;
			r = t_merge(r, t);
		}
	if (s->ret_arena == RA_SCOPE) {
		r = t_merge(r, scope_origin(f, s->ret_scope, n));
	} else if (s->ret_arena == RA_PARAM && s->ret_arena_param < nargs) {
		unsigned char kind;
		int id;
		arena_of(f, argn[s->ret_arena_param], &kind, &id);
		r = t_merge(r, origin(kind, id, n));
	}
	return at_site ? t_merge(r, site) : r;
}

static struct taint eval_raw(struct fa *f, int n)
{
	const struct ast *a = f->a;
	const struct ast_node *x = &a->nodes[n];
	int c0 = ast_first(a, n);
	switch (x->kind) {
	case AK_PAREN:
	case AK_CAST:
	case AK_UNEXPOSED: {
		int l = last_child(a, n);
		/* (void)p only silences a warning: not a use of what p points to */
		if (x->kind == AK_CAST && x->tclass == TC_VOID && l >= 0 &&
		    a->nodes[strip(a, l)].kind == AK_DECLREF)
			return clean;
		return l >= 0 ? eval(f, l) : clean;
	}
	case AK_DECLREF: {
		if (x->decl < 0)
			return clean;
		const struct ast_decl *d = &a->decls[x->decl];
		if (d->kind != DK_VAR && d->kind != DK_PARAM)
			return clean;
		struct lval lv = lvalue(f, n);
		return read_lv(f, n, &lv, 0);
	}
	case AK_MEMBER:
	case AK_SUBSCRIPT: {
		struct lval lv = lvalue(f, n);
		if (lv.kind == LV_UNKNOWN) {
			struct taint r = clean;
			for (int c = c0; c >= 0; c = ast_next(a, c))
				(void)eval(f, c);
			return r;
		}
		if (x->kind == AK_SUBSCRIPT) {
			int idx = c0 >= 0 ? ast_next(a, c0) : -1;
			if (idx >= 0)
				(void)eval(f, idx);
		}
		return read_lv(f, n, &lv, 0);
	}
	case AK_UNARY: {
		if (is_op(x, "*")) {
			struct lval lv = lvalue(f, n);
			return read_lv(f, n, &lv, 0);
		}
		if (is_op(x, "&")) {
			struct lval lv = lvalue(f, c0);
			if (lv.kind == LV_UNKNOWN)
				return c0 >= 0 ? eval(f, c0) : clean;
			return read_lv(f, strip(a, c0), &lv, 1);
		}
		struct taint t = c0 >= 0 ? eval(f, c0) : clean;
		if (!x->op || is_op(x, "++") || is_op(x, "--") || is_op(x, "+"))
			return t;
		return clean;
	}
	case AK_BINARY: {
		int r = c0 >= 0 ? ast_next(a, c0) : -1;
		/* An operator spelled inside a macro is unknown; one whose operands and result all
		 * have the same pointer or struct type can only be `=` (or a comma). */
		int macro_assign =
		    !x->op && r >= 0 && (x->tclass == TC_PTR || x->tclass == TC_RECORD) &&
		    a->nodes[c0].tclass == x->tclass && a->nodes[r].tclass == x->tclass;
		if (is_op(x, "=") || macro_assign) {
			struct taint t = r >= 0 ? eval(f, r) : clean;
			struct lval lv = lvalue(f, c0);
			if (lv.kind == LV_UNKNOWN && c0 >= 0)
				(void)eval(f, c0);
			else if (lv.kind == LV_LOCAL || lv.kind == LV_THROUGH) {
				/* evaluate subscripts in the target for their side effects */
				int cs = strip(a, c0);
				if (cs >= 0 && a->nodes[cs].kind == AK_SUBSCRIPT) {
					int idx = ast_next(a, ast_first(a, cs));
					if (idx >= 0)
						(void)eval(f, idx);
				}
			}
			store(f, &lv, t, r, n);
			return t;
		}
		if (is_op(x, ",")) {
			if (c0 >= 0)
				(void)eval(f, c0);
			return r >= 0 ? eval(f, r) : clean;
		}
		if (is_op(x, "&&") || is_op(x, "||")) {
			if (c0 >= 0)
				(void)eval(f, c0);
			f->cond++;
			struct state before = st_copy(&f->st);
			if (r >= 0)
				(void)eval(f, r);
			st_join(&f->st, &before);
			st_free(&before);
			f->cond--;
			return clean;
		}
		struct taint tl = c0 >= 0 ? eval(f, c0) : clean;
		struct taint tr = r >= 0 ? eval(f, r) : clean;
		if (!x->op || is_op(x, "+") || is_op(x, "-"))
			return t_merge(tl, tr);
		return clean;
	}
	case AK_ASSIGNOP: {
		int r = c0 >= 0 ? ast_next(a, c0) : -1;
		if (r >= 0)
			(void)eval(f, r);
		return c0 >= 0 ? eval(f, c0) : clean;
	}
	case AK_COND: {
		int t1 = c0 >= 0 ? ast_next(a, c0) : -1;
		int t2 = t1 >= 0 ? ast_next(a, t1) : -1;
		if (c0 >= 0)
			(void)eval(f, c0);
		f->cond++;
		struct state before = st_copy(&f->st);
		struct taint v1 = t1 >= 0 ? eval(f, t1) : clean;
		struct state after1 = f->st;
		f->st = before;
		struct taint v2 = t2 >= 0 ? eval(f, t2) : clean;
		st_join(&f->st, &after1);
		st_free(&after1);
		f->cond--;
		return t_join(v1, v2);
	}
	case AK_CALL:
		return eval_call(f, n);
	case AK_STMTEXPR: {
		/* ({ ...; last; }): the value of the last expression statement */
		int body = c0;
		if (body < 0)
			return clean;
		int last = last_child(a, body);
		for (int s = ast_first(a, body); s >= 0; s = ast_next(a, s))
			if (s != last)
				exec(f, s);
		return last >= 0 && a->nodes[last].kind >= AK_CALL ? eval(f, last) : clean;
	}
	case AK_SIZEOF:
	case AK_INTLIT:
	case AK_STRLIT:
	case AK_LITERAL:
		return clean;
	default: {
		/* initialiser lists, compound literals, unknown expressions: their parts */
		struct taint r = clean;
		for (int c = c0; c >= 0; c = ast_next(a, c))
			if (a->nodes[c].kind >= AK_CALL || a->nodes[c].kind == AK_OTHER)
				r = t_merge(r, eval(f, c));
		return r;
	}
	}
}

static struct taint eval(struct fa *f, int n)
{
	if (n < 0 || f->st.dead)
		return clean;
	if (++f->depth > MAXDEPTH) {
		f->depth--;
		return clean;
	}
	struct taint t = eval_raw(f, n);
	f->depth--;
	/* Integers, floats and function pointers carry no arena pointer. */
	switch (f->a->nodes[n].tclass) {
	case TC_INT:
	case TC_FLOAT:
	case TC_VOID:
	case TC_FUNCPTR:
	case TC_FUNC:
		return clean;
	default:
		return t;
	}
}

/* ---- statements
 * ---------------------------------------------------------------------------------- */

static void exec_var(struct fa *f, int v)
{
	const struct ast *a = f->a;
	const struct ast_node *x = &a->nodes[v];
	int init = last_child(a, v);
	if (init < 0 || a->nodes[init].kind < AK_CALL || x->decl < 0)
		return;
	struct taint t = eval(f, init);
	const struct ast_decl *d = &a->decls[x->decl];
	if (d->flags & DF_GLOBAL) {
		struct lval lv = {LV_GLOBAL, x->decl, "", 0, -1};
		store(f, &lv, t, init, v);
		return;
	}
	struct lval lv = {LV_LOCAL, x->decl, root_path(), 0, -1};
	store(f, &lv, t, init, v);
}

static struct ctl *ctl_push(struct fa *f, int is_switch)
{
	GROW(f->ctl, f->nctl, f->ctl_cap);
	struct ctl *c = &f->ctl[f->nctl++];
	memset(c, 0, sizeof(*c));
	c->brk.dead = c->cont.dead = c->entry.dead = 1;
	c->is_switch = is_switch;
	return c;
}

static void ctl_pop(struct fa *f)
{
	struct ctl *c = &f->ctl[--f->nctl];
	st_free(&c->brk);
	st_free(&c->cont);
	st_free(&c->entry);
}

static void kill_path(struct fa *f)
{
	st_free(&f->st);
	f->st.dead = 1;
}

/* for (init; cond; inc) body: which children are which, from the two ';' of the header. */
static void for_parts(struct fa *f, int n, int *init, int *cond, int *inc, int *body)
{
	const struct ast *a = f->a;
	const struct ast_node *x = &a->nodes[n];
	*init = *cond = *inc = -1;
	*body = last_child(a, n);
	unsigned semi[2] = {0, 0};
	int ns = 0;
	if (x->file >= 0 && !(x->flags & AF_MACRO) && a->files[x->file].ntok) {
		const struct ast_file *fl = &a->files[x->file];
		int depth = 0;
		for (size_t t = ast_tok_at(a, x->file, x->begin);
		     t < fl->ntok && fl->tok[t].begin < x->end && ns < 2; t++) {
			if (fl->tok[t].kind != TK_PUNCT)
				continue;
			const char *s = fl->text + fl->tok[t].begin;
			if (*s == '(')
				depth++;
			else if (*s == ')' && --depth == 0)
				break;
			else if (*s == ';' && depth == 1)
				semi[ns++] = fl->tok[t].begin;
		}
	}
	for (int c = ast_first(a, n); c >= 0; c = ast_next(a, c)) {
		if (c == *body)
			break;
		if (ns < 2)
			*cond = c; /* unknown shape: evaluated every round */
		else if (a->nodes[c].begin < semi[0])
			*init = c;
		else if (a->nodes[c].begin < semi[1])
			*cond = c;
		else
			*inc = c;
	}
}

static void exec_loop(struct fa *f, int cond, int inc, int body, int body_first)
{
	struct ctl *c = ctl_push(f, 0);
	size_t ci = f->nctl - 1;
	for (int round = 0; round < 2; round++) {
		struct state head = st_copy(&f->st);
		if (!body_first && cond >= 0)
			(void)eval(f, cond);
		if (body >= 0)
			exec(f, body);
		c = &f->ctl[ci];
		st_join(&f->st, &c->cont);
		st_free(&c->cont);
		c->cont.dead = 1;
		if (body_first && cond >= 0)
			(void)eval(f, cond);
		if (inc >= 0)
			(void)eval(f, inc);
		st_join(&f->st, &head);
		st_free(&head);
	}
	c = &f->ctl[ci];
	st_join(&f->st, &c->brk);
	ctl_pop(f);
}

static struct ctl *innermost(struct fa *f, int want_switch_ok)
{
	for (size_t i = f->nctl; i > 0; i--)
		if (want_switch_ok || !f->ctl[i - 1].is_switch)
			return &f->ctl[i - 1];
	return NULL;
}

/* A goto's target: libclang spells the statement without it; its label reference child
 * covers the label's name in the file. */
static const char *goto_label(struct fa *f, int n)
{
	const struct ast *a = f->a;
	const struct ast_node *x = &a->nodes[n];
	if (x->name && *x->name)
		return x->name;
	int c = ast_first(a, n);
	if (c < 0 || a->nodes[c].file < 0 || (a->nodes[c].flags & AF_MACRO))
		return NULL;
	const struct ast_file *fl = &a->files[a->nodes[c].file];
	unsigned b = a->nodes[c].begin, e = a->nodes[c].end;
	if (e <= b || e > fl->len || e - b >= 256)
		return NULL;
	char buf[256];
	memcpy(buf, fl->text + b, e - b);
	buf[e - b] = '\0';
	return intern_path(f, buf);
}

static void exec(struct fa *f, int n)
{
	const struct ast *a = f->a;
	if (n < 0)
		return;
	const struct ast_node *x = &a->nodes[n];
	if (f->st.dead && x->kind != AK_LABEL && x->kind != AK_CASE && x->kind != AK_DEFAULT &&
	    x->kind != AK_COMPOUND)
		return;
	if (++f->depth > MAXDEPTH) {
		f->depth--;
		return;
	}
	int c0 = ast_first(a, n);
	switch (x->kind) {
	case AK_COMPOUND:
		for (int c = c0; c >= 0; c = ast_next(a, c))
			exec(f, c);
		break;
	case AK_DECLSTMT:
		for (int c = c0; c >= 0; c = ast_next(a, c))
			if (a->nodes[c].kind == AK_VAR)
				exec_var(f, c);
		break;
	case AK_RETURN: {
		struct taint t = c0 >= 0 ? eval(f, c0) : clean;
		if (c0 >= 0) {
			sink_return(f, &t, n);
			if (f->summarize) {
				f->sum.ret |= t.pder;
				if (t.level && t.kind == K_SCOPE && !f->sum.ret_arena) {
					f->sum.ret_arena = RA_SCOPE;
					free(f->sum.ret_scope);
					f->sum.ret_scope = t.sname ? xstrdup(t.sname) : NULL;
				} else if (t.level && t.kind == K_PARAM && !f->sum.ret_arena &&
				           t.arena >= 0 && t.arena < MAXP) {
					f->sum.ret_arena = RA_PARAM;
					f->sum.ret_arena_param = (unsigned char)t.arena;
				}
			}
		}
		kill_path(f);
		break;
	}
	case AK_IF: {
		int th = c0 >= 0 ? ast_next(a, c0) : -1;
		int el = th >= 0 ? ast_next(a, th) : -1;
		(void)eval(f, c0);
		struct state before = st_copy(&f->st);
		f->cond++;
		exec(f, th);
		struct state after = f->st;
		f->st = before;
		exec(f, el);
		st_join(&f->st, &after);
		st_free(&after);
		f->cond--;
		break;
	}
	case AK_SWITCH: {
		int body = last_child(a, n);
		if (c0 >= 0 && c0 != body)
			(void)eval(f, c0);
		struct ctl *c = ctl_push(f, 1);
		size_t ci = f->nctl - 1;
		st_free(&c->entry);
		c->entry = st_copy(&f->st);
		kill_path(f);
		f->cond++;
		exec(f, body);
		f->cond--;
		c = &f->ctl[ci];
		st_join(&f->st, &c->brk);
		if (!c->has_default)
			st_join(&f->st, &c->entry);
		ctl_pop(f);
		break;
	}
	case AK_CASE:
	case AK_DEFAULT: {
		struct ctl *c = innermost(f, 1);
		if (c && c->is_switch) {
			st_join(&f->st, &c->entry);
			if (x->kind == AK_DEFAULT)
				c->has_default = 1;
		}
		exec(f, last_child(a, n));
		break;
	}
	case AK_WHILE:
		exec_loop(f, c0, -1, last_child(a, n), 0);
		break;
	case AK_DO:
		exec_loop(f, last_child(a, n) != c0 ? last_child(a, n) : -1, -1, c0, 1);
		break;
	case AK_FOR: {
		int init, cond, inc, body;
		for_parts(f, n, &init, &cond, &inc, &body);
		if (init >= 0)
			exec(f, init);
		exec_loop(f, cond, inc, body, 0);
		break;
	}
	case AK_BREAK:
	case AK_CONTINUE: {
		struct ctl *c = innermost(f, x->kind == AK_BREAK);
		if (c)
			st_join(x->kind == AK_BREAK ? &c->brk : &c->cont, &f->st);
		kill_path(f);
		break;
	}
	case AK_GOTO: {
		const char *label = goto_label(f, n);
		if (label) {
			size_t i;
			for (i = 0; i < f->ngotos && strcmp(f->gotos[i].label, label); i++)
				;
			if (i == f->ngotos) {
				GROW(f->gotos, f->ngotos, f->gotos_cap);
				f->gotos[i].label = label;
				f->gotos[i].st = (struct state){NULL, 0, 0, 1};
				f->ngotos++;
			}
			st_join(&f->gotos[i].st, &f->st);
		}
		kill_path(f);
		break;
	}
	case AK_LABEL: {
		for (size_t i = 0; i < f->ngotos; i++)
			if (x->name && !strcmp(f->gotos[i].label, x->name))
				st_join(&f->st, &f->gotos[i].st);
		exec(f, last_child(a, n));
		break;
	}
	case AK_NULLSTMT:
	case AK_ASM:
	case AK_VAR:
	case AK_RECORD:
	case AK_TYPEDEF:
		break;
	default:
		if (x->kind >= AK_CALL)
			(void)eval(f, n);
		else
			for (int c = c0; c >= 0; c = ast_next(a, c))
				exec(f, c);
		break;
	}
	f->depth--;
}

/* ---- driving one function -----------------------------------------------------------------------
 */

static int func_body(const struct ast *a, int fn)
{
	int body = -1;
	for (int c = ast_first(a, fn); c >= 0; c = ast_next(a, c))
		if (a->nodes[c].kind == AK_COMPOUND)
			body = c;
	return body;
}

/* Is this a function whose body we analyse? (defined here, not in a system header, not the
 * runtime's own inline functions) */
static int analysable(const struct ast *a, int n)
{
	const struct ast_node *x = &a->nodes[n];
	if (x->kind != AK_FUNC || !(x->flags & AF_DEFINITION) || (x->flags & AF_SYSHDR) ||
	    x->file < 0 || x->decl < 0 || !x->name)
		return 0;
	const char *p = a->files[x->file].path;
	size_t l = strlen(p);
	if (l >= 10 && !strcmp(p + l - 10, "arena_rt.h") && (l == 10 || p[l - 11] == '/'))
		return 0;
	return func_body(a, n) >= 0;
}

static void fa_init(struct fa *f, const struct ast *a, int fn, const struct rules *r,
                    const struct esc_sums *sums)
{
	memset(f, 0, sizeof(*f));
	f->a = a;
	f->r = r;
	f->sums = sums;
	f->fn = fn;
	f->body = func_body(a, fn);
	f->file = a->nodes[fn].file;
	f->fname = a->nodes[fn].name;
	const struct sum *me =
	    a->nodes[fn].decl >= 0 ? sums_find(sums, a->decls[a->nodes[fn].decl].usr) : NULL;
	f->free_aware = me && me->free_aware;
	int end = fn + a->nodes[fn].size;
	for (int n = fn + 1; n <= end; n++) {
		const struct ast_node *x = &a->nodes[n];
		if (x->kind == AK_PARAM && x->parent == fn && x->decl >= 0 && f->nparams < MAXP)
			f->params[f->nparams++] = x->decl;
		if (x->kind != AK_CALL || !x->name)
			continue;
		int arg = ast_call_arg(a, n, 0);
		int as = strip(a, arg);
		if (!strcmp(x->name, "arena_destroy") && as >= 0 &&
		    a->nodes[as].kind == AK_DECLREF && a->nodes[as].decl >= 0) {
			GROW(f->destroyed, f->ndestroyed, f->destroyed_cap);
			f->destroyed[f->ndestroyed++] = a->nodes[as].decl;
		}
		if (!strcmp(x->name, "pthread_join") || !strcmp(x->name, "thrd_join"))
			f->joins = 1;
		/* arena_push(&local): the scope arena of the calls below is this function's. */
		if (!strcmp(x->name, "arena_push") && as >= 0 && a->nodes[as].kind == AK_UNARY &&
		    is_op(&a->nodes[as], "&"))
			f->pushes = 1;
	}
}

static void fa_free(struct fa *f)
{
	st_free(&f->st);
	while (f->nctl)
		ctl_pop(f);
	free(f->ctl);
	for (size_t i = 0; i < f->ngotos; i++)
		st_free(&f->gotos[i].st);
	free(f->gotos);
	for (size_t i = 0; i < f->npaths; i++)
		free(f->paths[i]);
	free(f->paths);
	free(f->destroyed);
	free(f->sum.ret_scope);
	for (int j = 0; j < MAXP; j++)
		free(f->sum.out_scope[j]);
}

static void fa_run(struct fa *f)
{
	if (f->body < 0)
		return;
	for (int i = 0; i < f->nparams; i++) {
		struct taint t = clean;
		t.pder = t.preach = 1u << i;
		st_put(&f->st, f->params[i], root_path(), t);
	}
	exec(f, f->body);
}

/* The hotspot entry that applies to function fn, or -1. */
static int hot_entry(const struct ast *a, int fn, const struct hotlist *hot)
{
	if (!hot)
		return -1;
	const struct ast_node *x = &a->nodes[fn];
	for (int h = hot_first(hot, x->name); h >= 0; h = hot_next(hot, h)) {
		const struct hotspot *hs = &hot->v[h];
		if (hs->file &&
		    (x->file < 0 || !hot_file_matches(hs->file, a->files[x->file].path)))
			continue;
		return (int)h;
	}
	return -1;
}

static void set_hot(struct fa *f, const struct hotlist *hot)
{
	int h = hot_entry(f->a, f->fn, hot);
	if (h < 0)
		return;
	f->hot = 1;
	const char *sc = hot->v[h].scope;
	f->scope = sc && strcmp(sc, hot->v[h].function) ? sc : NULL;
}

/* Does fn call a function whose summary changed in the previous round? */
static int callees_changed(const struct esc_sums *s, const struct ast *a, int fn)
{
	int end = fn + a->nodes[fn].size;
	for (int n = fn + 1; n <= end; n++) {
		const struct ast_node *x = &a->nodes[n];
		if (x->kind != AK_CALL || x->decl < 0)
			continue;
		const struct sum *c = sums_find(s, a->decls[x->decl].usr);
		if (c && c->changed == s->round - 1)
			return 1;
	}
	return 0;
}

int esc_summarize(struct esc_sums *s, const struct ast *a, const struct rules *r,
                  const struct hotlist *hot)
{
	int changed = 0;
	for (size_t n = 0; n < a->nnodes; n++) {
		if (a->nodes[n].kind != AK_FUNC || !analysable(a, (int)n)) {
			if (a->nodes[n].kind == AK_FUNC || a->nodes[n].kind == AK_RECORD)
				n += (size_t)a->nodes[n].size;
			continue;
		}
		int fn = (int)n;
		const char *usr = a->decls[a->nodes[fn].decl].usr;
		n += (size_t)a->nodes[fn].size;
		if (!usr || !*usr)
			continue;
		if (s->round > 0 && !callees_changed(s, a, fn))
			continue;
		struct fa f;
		fa_init(&f, a, fn, r, s);
		set_hot(&f, hot);
		f.summarize = 1;
		fa_run(&f);
		struct sum *x = sums_get(s, usr);
		int ch = 0;
#define OR_IN(field)                                                                               \
	do {                                                                                       \
		if ((x->field | f.sum.field) != x->field) {                                        \
			x->field |= f.sum.field;                                                   \
			ch = 1;                                                                    \
		}                                                                                  \
	} while (0)
		OR_IN(keep);
		OR_IN(keep_def);
		OR_IN(frees);
		OR_IN(ret);
		for (int j = 0; j < MAXP; j++)
			OR_IN(into[j]);
		OR_IN(out_def);
#undef OR_IN
		for (int j = 0; j < MAXP; j++) {
			if (!f.sum.out_arena[j] || x->out_arena[j])
				continue;
			x->out_arena[j] = f.sum.out_arena[j];
			x->out_arena_param[j] = f.sum.out_arena_param[j];
			x->out_scope[j] = f.sum.out_scope[j] ? xstrdup(f.sum.out_scope[j]) : NULL;
			ch = 1;
		}
		if (f.sum.ret_arena && !x->ret_arena) {
			x->ret_arena = f.sum.ret_arena;
			x->ret_arena_param = f.sum.ret_arena_param;
			x->ret_scope = f.sum.ret_scope ? xstrdup(f.sum.ret_scope) : NULL;
			ch = 1;
		}
		if (ch) {
			x->changed = s->round;
			changed = 1;
		}
		fa_free(&f);
	}
	return changed;
}

void esc_lint_unit(const struct ast *a, const struct rules *r, const struct hotlist *hot,
                   const struct esc_sums *s, struct esc_list *out)
{
	for (size_t n = 0; n < a->nnodes; n++) {
		if (a->nodes[n].kind != AK_FUNC || !analysable(a, (int)n)) {
			if (a->nodes[n].kind == AK_FUNC || a->nodes[n].kind == AK_RECORD)
				n += (size_t)a->nodes[n].size;
			continue;
		}
		struct fa f;
		fa_init(&f, a, (int)n, r, s);
		set_hot(&f, hot);
		f.report = 1;
		f.out = out;
		fa_run(&f);
		fa_free(&f);
		n += (size_t)a->nodes[n].size;
	}
}

size_t esc_check_function(const struct ast *a, int fn, const int *sites, size_t nsites,
                          const char *scope, const struct rules *r, const struct esc_sums *sums,
                          struct esc_finding **out)
{
	*out = NULL;
	if (fn < 0 || (size_t)fn >= a->nnodes || a->nodes[fn].kind != AK_FUNC ||
	    func_body(a, fn) < 0)
		return 0;
	struct esc_list l = {NULL, 0, 0};
	struct fa f;
	fa_init(&f, a, fn, r, sums);
	unsigned char *map = xcalloc((size_t)a->nodes[fn].size + 1, 1);
	for (size_t i = 0; i < nsites; i++)
		if (sites[i] > fn && sites[i] <= fn + a->nodes[fn].size)
			map[sites[i] - fn] = 1;
	f.sitemap = map;
	f.hot = 1;
	f.scope = scope && f.fname && strcmp(scope, f.fname) ? scope : NULL;
	f.report = 1;
	f.out = &l;
	fa_run(&f);
	fa_free(&f);
	free(map);
	*out = l.v;
	return l.n;
}

/* ---- findings
 * ------------------------------------------------------------------------------------ */

void esc_finding_free(struct esc_finding *g)
{
	free(g->at.path);
	free(g->alloc.path);
	free(g->function);
	free(g->msg);
}

void esc_findings_free(struct esc_finding *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		esc_finding_free(&v[i]);
	free(v);
}

void esc_list_free(struct esc_list *l)
{
	esc_findings_free(l->v, l->n);
	memset(l, 0, sizeof(*l));
}

/* ---- rule texts
 * ------------------------------------------------------------------------------------ */

static const char *const rule_short[ESC__NRULES] = {
    ("Arena memory returned from the function that owns the arena"),
    ("Arena memory stored in a global, static or thread-local object"),
    ("Arena memory stored through a parameter of the function that owns the arena"),
    ("Arena memory passed to a function that keeps it"),
    ("free() or realloc() of arena memory"),
    ("Arena memory used after its arena was freed or reset")};

static const char *const rule_full[ESC__NRULES] = {
    ("The function returns a pointer into an arena it owns (a local arena_t, or the arena a "
     "rewrite gives it). The arena is freed when the function returns, so the caller gets a "
     "dangling pointer."),
    ("A pointer into a function-owned arena is stored in an object with static or thread "
     "storage duration (or memory reached through one). The object outlives the arena."),
    ("A pointer into an arena owned by this function is stored through one of its parameters "
     "(*out = p, o->f = p, (*po)->f = p, slots[i] = p), so the caller's memory keeps it after "
     "the arena is freed."),
    ("A pointer into a function-owned arena is passed to a function that keeps it beyond the "
     "call: a thread start (pthread_create, thrd_create), a registration (atexit, signal, "
     "setvbuf, ...), or a function whose body stores that argument into a global or through "
     "another parameter."),
    ("Arena memory is handed to the heap allocator's free() or realloc(), which do not own it. "
     "The runtime's arena_free and arena_realloc tell arena memory from heap memory; the plain "
     "functions corrupt the heap."),
    ("A pointer into an arena is used after arena_release, arena_reset or arena_destroy of that "
     "arena in the same function.")};

static const char *const rule_help[ESC__NRULES] = {
    ("Copy the result out of the arena with arena_clone()/arena_clone_str(), or move the "
     "arena's lifetime up to a caller (a hotspot `scope`), or allow it with a comment "
     "`arena-lint: allow(arena-escape-return)` and a reason. See docs/lint.md."),
    ("Store a heap copy (arena_clone()/arena_clone_str()), or give the arena the lifetime of "
     "the global (a global arena), or allow it with `arena-lint: allow(arena-escape-global)` "
     "and a reason. See docs/lint.md."),
    ("Copy the value out with arena_clone()/arena_clone_str(), or move the arena's scope up to "
     "the caller that owns the out-parameter (a hotspot `scope`), or allow it with "
     "`arena-lint: allow(arena-escape-param)`. See docs/lint.md."),
    ("Pass a heap copy (arena_clone()), or keep the arena alive until the callee is done with "
     "it (join the thread before the arena is freed; move the scope up), or allow it with "
     "`arena-lint: allow(arena-escape-call)`. See docs/lint.md."),
    ("Use arena_free()/arena_realloc() (the rewrite does this inside hotspots), or make the "
     "function that frees part of the rewrite, or copy the value to the heap first with "
     "arena_clone(). See docs/lint.md."),
    ("Move the release after the last use, or copy the value out with arena_clone() before "
     "the release. See docs/lint.md.")};

const char *esc_rule_short(enum esc_rule r)
{
	return r < ESC__NRULES ? rule_short[r] : "";
}

const char *esc_rule_full(enum esc_rule r)
{
	return r < ESC__NRULES ? rule_full[r] : "";
}

const char *esc_rule_help(enum esc_rule r)
{
	return r < ESC__NRULES ? rule_help[r] : "";
}
