/*
 * esc: the drivers: which functions are analysed, setting one function's walk up (struct fa),
 * linting a unit and checking a function for the rewriter. Internals in esc_int.h.
 */
#include "esc_int.h"
#include "hot.h"
#include "mem.h"
#include "rtapi.h"
#include "rules.h"

#include <stdlib.h>

int fa_func_body(const struct ast *a, int fn)
{
	int body = -1;
	for (int c = ast_first(a, fn); c >= 0; c = ast_next(a, c))
		if (a->nodes[c].kind == AK_COMPOUND)
			body = c;
	return body;
}

/* Is this a function whose body we analyse? (defined here, not in a system header, not the
 * runtime's own inline functions) */
int fa_analysable(const struct ast *a, int n)
{
	const struct ast_node *x = &a->nodes[n];
	if (x->kind != AK_FUNC || !(x->flags & AF_DEFINITION) || (x->flags & AF_SYSHDR) ||
	    x->file < 0 || x->decl < 0 || !x->name)
		return 0;
	if (rtapi_is_header(a->files[x->file].path))
		return 0;
	return fa_func_body(a, n) >= 0;
}

/* setjmp and its spellings (the macros expand to these): where a longjmp may land. */
static int is_setjmp(const char *name)
{
	static const char *const v[] = {"setjmp",      "_setjmp",          "sigsetjmp",
	                                "__sigsetjmp", "__builtin_setjmp", "savectx"};
	for (size_t i = 0; i < sizeof(v) / sizeof(*v); i++)
		if (!strcmp(name, v[i]))
			return 1;
	return 0;
}

void fa_init(struct fa *f, const struct ast *a, int fn, const struct rules *r,
             const struct esc_sums *sums)
{
	memset(f, 0, sizeof(*f));
	f->a = a;
	f->r = r;
	f->sums = sums;
	f->fn = fn;
	f->body = fa_func_body(a, fn);
	f->file = a->nodes[fn].file;
	f->fname = a->nodes[fn].name;
	const struct sum *me =
	    a->nodes[fn].decl >= 0 ? sums_find(sums, a->decls[a->nodes[fn].decl].usr) : NULL;
	f->free_aware = me && me->free_aware;
	f->varbit = -1;
	f->odd_push = -1;
	int end = fn + a->nodes[fn].size;
	for (int n = fn + 1; n <= end; n++) {
		const struct ast_node *x = &a->nodes[n];
		if (x->kind == AK_PARAM && x->parent == fn && x->decl >= 0 && f->nparams < MAXP)
			f->params[f->nparams++] = x->decl;
		if ((x->flags & AF_CLEANUP) && x->parent >= 0 &&
		    a->nodes[x->parent].kind == AK_VAR) {
			GROW(f->cleanups, f->ncleanups, f->cleanups_cap);
			f->cleanups[f->ncleanups++] = n;
		}
		if (x->kind == AK_VAR && x->decl >= 0 && (a->decls[x->decl].flags & DF_LOCAL) &&
		    a->decls[x->decl].type && !strcmp(a->decls[x->decl].type, rtapi_arena_type()))
			f->owns_arena = 1;
		if (x->kind == AK_CALL && f->odd_push < 0 && f->sums && f->sums->push_taken &&
		    !(x->decl >= 0 && a->decls[x->decl].kind == DK_FUNC)) {
			f->odd_push = n;
			f->odd_push_ptr = 1;
		}
		if (x->kind != AK_CALL || !x->name)
			continue;
		int arg = ast_call_arg(a, n, 0);
		int as = strip(a, arg);
		const struct rt_func *rf = rtapi_find(x->name);
		if (rf && rf->role == RT_DESTROY && as >= 0 && a->nodes[as].kind == AK_DECLREF &&
		    a->nodes[as].decl >= 0) {
			GROW(f->destroyed, f->ndestroyed, f->destroyed_cap);
			f->destroyed[f->ndestroyed++] = a->nodes[as].decl;
		}
		if (!strcmp(x->name, "pthread_join") || !strcmp(x->name, "thrd_join"))
			f->joins = 1;
		if (is_setjmp(x->name) && as >= 0) {
			int b = as;
			if (a->nodes[b].kind == AK_UNARY && is_op(&a->nodes[b], "&"))
				b = strip(a, ast_first(a, b));
			/* a buffer inside a local (c.jb, bufs[i], c.jbs[d]) is in this frame too */
			while (b >= 0 && ((a->nodes[b].kind == AK_MEMBER &&
			                   !(a->nodes[b].flags & AF_ARROW)) ||
			                  a->nodes[b].kind == AK_SUBSCRIPT))
				b = strip(a, ast_first(a, b));
			if (b >= 0 && a->nodes[b].kind == AK_DECLREF && a->nodes[b].decl >= 0 &&
			    (a->decls[a->nodes[b].decl].flags & DF_LOCAL)) {
				GROW(f->jmpbufs, f->njmpbufs, f->jmpbufs_cap);
				f->jmpbufs[f->njmpbufs++] = a->nodes[b].decl;
			}
		}
		/* arena_push(&local): the scope arena of the calls below is this function's. */
		if (rf && rf->role == RT_SCOPE_PUSH) {
			int b =
			    as >= 0 && a->nodes[as].kind == AK_UNARY && is_op(&a->nodes[as], "&")
			        ? strip(a, ast_first(a, as))
			        : -1;
			int local = b >= 0 && a->nodes[b].kind == AK_DECLREF &&
			            a->nodes[b].decl >= 0 &&
			            (a->decls[a->nodes[b].decl].flags & DF_LOCAL);
			if (local) {
				f->pushes = 1;
				GROW(f->pushed, f->npushed, f->pushed_cap);
				f->pushed[f->npushed++] = a->nodes[b].decl;
			} else if (f->odd_push < 0) {
				f->odd_push = n;
			}
		}
	}
}

void fa_free(struct fa *f)
{
	state_free(&f->st);
	while (f->nctl)
		fa_ctl_pop(f);
	free(f->ctl);
	for (size_t i = 0; i < f->ngotos; i++)
		state_free(&f->gotos[i].st);
	free(f->gotos);
	for (size_t i = 0; i < f->npaths; i++)
		free(f->paths[i]);
	free(f->paths);
	free(f->destroyed);
	free(f->cleanups);
	free(f->exposed);
	free(f->jmpbufs);
	free(f->from_call);
	free(f->pushed);
	free(f->links);
	free(f->sum.jumps_via_why);
	free(f->sum.jumps_home);
	free(f->sum.jumps_home_why);
	free(f->memf);
	for (size_t i = 0; i < f->nholds; i++)
		free(f->holds[i].msg);
	free(f->holds);
	for (int j = 0; j < MAXP; j++)
		free(f->sum.why[j]);
	free(f->sum.jumps);
	free(f->sum.pglob);
	free(f->sum.scope_esc);
	free(f->sum.scope_esc_name);
	free(f->sum.ret_scope);
	for (int j = 0; j < MAXP; j++)
		free(f->sum.out_scope[j]);
	for (size_t i = 0; i < f->sum.nglobs; i++)
		free(f->sum.globs[i]);
	free(f->sum.globs);
	free(f->sum.glob_scope);
	free(f->pend);
}

/*
 * An arena pushed by hand where the walk cannot name it (a global pushed by a helper such as
 * scratch_begin(), a higher-order with_scratch(fn, ud), a for-loop macro's push): the scope
 * allocations of the hotspots reached while it is innermost come from it, and which those are
 * is unknown. The scopes that reach it are refused (the summary's scope_esc), and so is a scope
 * function or scoped hotspot that does it itself.
 */
static void odd_push(struct fa *f)
{
	if (f->odd_push < 0 || !f->scoped_run)
		return;
	char *at = fa_place(f, f->odd_push);
	const char *push = f->a->nodes[f->odd_push].name;
	char *m = f->odd_push_ptr
	              ? xasprintf("the call through a pointer at %s may be the runtime's scope "
	                          "push, whose address the program takes: the hotspots reached "
	                          "while the arena it pushes is innermost would allocate from it",
	                          at)
	              : xasprintf("a hand-written %s at %s pushes an arena that is no local of "
	                          "'%s' (a global, a helper's, a macro's): the hotspots reached "
	                          "while it is innermost would allocate from it",
	                          push ? push : "push", at, f->fname ? f->fname : "?");
	free(at);
	if (f->summarize && !f->sum.scope_esc) {
		f->sum.scope_esc = xasprintf("in '%s': %s", f->fname ? f->fname : "?", m);
		f->sum.scope_esc_rule = ESC_UNKNOWN;
		f->sum.scope_esc_push = 1;
	} else if (!f->summarize && (f->scope_fn || (f->hot && f->scope))) {
		fa_report(f, ESC_UNKNOWN, ESC_ERROR, f->odd_push, NULL, m);
	}
	free(m);
}

void fa_run(struct fa *f)
{
	if (f->body < 0)
		return;
	const struct ast_decl *me =
	    f->a->nodes[f->fn].decl >= 0 ? &f->a->decls[f->a->nodes[f->fn].decl] : NULL;
	if (me && (me->flags & DF_VARIADIC) && f->nparams < MAXP)
		f->varbit = f->nparams;
	f->owns_arena |= (f->hot && !f->scope) || f->scope_fn || f->pushes;
	for (int i = 0; i < f->nparams; i++) {
		struct taint t = taint_clean;
		t.pder = t.preach = 1u << i;
		state_put(&f->st, f->params[i], root_path(), t);
	}
	const char *h = f->owns_arena && !f->summarize ? esc_sums_jumping_handler(f->sums) : NULL;
	if (h) {
		char *m =
		    xasprintf("the program installs signal handlers and '%s', whose address it "
		              "takes, may leave its callers without returning: run as a "
		              "handler, it would leave this function while its arena is live",
		              h);
		fa_report(f, ESC_NONLOCAL, ESC_ERROR, f->fn, NULL, m);
		free(m);
	}
	odd_push(f);
	fa_async_handlers(f);
	fa_exec(f, f->body);
	fa_glob_exit(f);
	fa_hold_exit(f, NULL);
	if (f->summarize) {
		f->sum.dies = f->exits_seen ? f->exit_freed : 0;
		f->sum.dies_deep = f->exits_seen ? f->exit_freed_deep & f->exit_freed : 0;
		f->sum.np = (unsigned char)f->nparams;
		f->sum.variadic = f->varbit >= 0;
	}
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

void fa_set_hot(struct fa *f, const struct hotlist *hot)
{
	f->scoped_run = hot && hot->n;
	f->scope_fn = hot && f->fname && hot_is_scope(hot, f->fname);
	int h = hot_entry(f->a, f->fn, hot);
	if (h < 0)
		return;
	f->hot = 1;
	const char *sc = hot->v[h].scope;
	f->scope = sc && strcmp(sc, hot->v[h].function) ? sc : NULL;
}

void esc_lint_unit(const struct ast *a, const struct rules *r, const struct hotlist *hot,
                   const struct esc_sums *s, struct esc_list *out)
{
	for (size_t n = 0; n < a->nnodes; n++) {
		if (a->nodes[n].kind != AK_FUNC || !fa_analysable(a, (int)n)) {
			if (a->nodes[n].kind == AK_FUNC || a->nodes[n].kind == AK_RECORD)
				n += (size_t)a->nodes[n].size;
			continue;
		}
		struct fa f;
		fa_init(&f, a, (int)n, r, s);
		fa_set_hot(&f, hot);
		f.report = 1;
		f.out = out;
		fa_run(&f);
		fa_free(&f);
		n += (size_t)a->nodes[n].size;
	}
}

size_t esc_check(const struct ast *a, int fn, struct esc_check *q, const struct rules *r,
                 const struct esc_sums *sums, struct esc_finding **out)
{
	*out = NULL;
	if (fn < 0 || (size_t)fn >= a->nnodes || a->nodes[fn].kind != AK_FUNC ||
	    fa_func_body(a, fn) < 0)
		return 0;
	struct esc_list l = {NULL, 0, 0};
	struct fa f;
	fa_init(&f, a, fn, r, sums);
	size_t span = (size_t)a->nodes[fn].size + 1;
	unsigned char *map = xcalloc(span, 3);
	for (size_t i = 0; i < q->nsites; i++)
		if (q->sites[i] > fn && q->sites[i] <= fn + a->nodes[fn].size)
			map[q->sites[i] - fn] = 1;
	for (size_t i = 0; i < q->nask; i++)
		if (q->ask[i] > fn && q->ask[i] <= fn + a->nodes[fn].size)
			map[span + (size_t)(q->ask[i] - fn)] = 1;
	f.sitemap = map;
	f.askmap = q->nask ? map + span : NULL;
	f.derived = map + 2 * span;
	f.hot = 1;
	f.scope = q->scope && f.fname && strcmp(q->scope, f.fname) ? q->scope : NULL;
	f.scope_fn = q->scope_fn;
	f.scoped_run = 1;
	f.explicit_exits = q->explicit_exits;
	f.report = 1;
	f.out = &l;
	fa_run(&f);
	fa_free(&f);
	for (size_t i = 0; i < q->nask; i++)
		q->derives[i] = q->ask[i] > fn && q->ask[i] <= fn + a->nodes[fn].size &&
		                f.derived[q->ask[i] - fn];
	free(map);
	*out = l.v;
	return l.n;
}

size_t esc_check_function(const struct ast *a, int fn, const int *sites, size_t nsites,
                          const char *scope, const struct rules *r, const struct esc_sums *sums,
                          struct esc_finding **out)
{
	struct esc_check q = {sites, nsites, scope, NULL, 0, NULL, 0, 0};
	return esc_check(a, fn, &q, r, sums, out);
}
