/*
 * esc_sum: per-function summaries of a run (struct esc_sums, keyed by USR) and the rounds that
 * grow them to a fixpoint. Internals in esc_int.h.
 */
#include "cg.h"
#include "esc_int.h"
#include "mem.h"
#include "rtapi.h"
#include "rules.h"

#include <stdlib.h>

struct esc_sums *esc_sums_new(void)
{
	struct esc_sums *s = xcalloc(1, sizeof(struct esc_sums));
	s->addr_changed = -1;
	return s;
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
		for (size_t k = 0; k < s->v[i].nglobs; k++)
			free(s->v[i].globs[k]);
		free(s->v[i].globs);
		free(s->v[i].glob_scope);
		for (int j = 0; j < MAXP; j++)
			free(s->v[i].why[j]);
		free(s->v[i].jumps);
		free(s->v[i].jumps_via_why);
		free(s->v[i].jumps_home);
		free(s->v[i].jumps_home_why);
		free(s->v[i].pglob);
		free(s->v[i].scope_esc);
		free(s->v[i].scope_esc_name);
	}
	free(s->v);
	strmap_free(&s->index);
	for (size_t i = 0; i < s->naddr; i++) {
		free(s->addr[i].usr);
		free(s->addr[i].name);
		free(s->addr[i].ftype);
	}
	free(s->addr);
	strmap_free(&s->addr_index);
	free(s);
}

void esc_sums_next_round(struct esc_sums *s)
{
	s->round++;
}

void esc_sums_set_free_aware(struct esc_sums *s, const char *usr)
{
	if (usr && *usr)
		sums_get(s, usr)->free_aware = 1;
}

const struct sum *sums_find(const struct esc_sums *s, const char *usr)
{
	if (!s || !usr || !*usr)
		return NULL;
	const struct strmap_ent *x = strmap_find(&s->index, usr);
	return x ? &s->v[x->val] : NULL;
}

const struct sum *sums_body(const struct esc_sums *s, const char *usr)
{
	const struct sum *x = sums_find(s, usr);
	return x && x->defined ? x : NULL;
}

struct sum *sums_get(struct esc_sums *s, const char *usr)
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

/* Does fn call (or name, as a callback) a function whose summary changed in the previous round,
 * or call through a pointer while an address-taken function's did? */
static int callees_changed(const struct esc_sums *s, const struct ast *a, int fn)
{
	int end = fn + a->nodes[fn].size;
	for (int n = fn + 1; n <= end; n++) {
		const struct ast_node *x = &a->nodes[n];
		if (x->kind == AK_CALL && x->decl < 0 && s->addr_changed == s->round - 1)
			return 1;
		if ((x->kind != AK_CALL && x->kind != AK_DECLREF) || x->decl < 0 ||
		    a->decls[x->decl].kind != DK_FUNC)
			continue;
		const struct sum *c = sums_find(s, a->decls[x->decl].usr);
		if (c && c->changed == s->round - 1)
			return 1;
	}
	return 0;
}

/*
 * Whether call n installs a signal handler, which may run between any two statements.
 * sigaction's handler sits in a struct, so any sigaction may; the signal() family takes it as
 * its second argument, and signal(SIGINT, SIG_IGN) installs none (SIG_IGN and SIG_DFL are
 * numbers cast to the handler type).
 */
static int installs_handler(const struct ast *a, int n)
{
	static const char *const v[] = {"signal", "sigset", "bsd_signal", "sysv_signal"};
	const char *name = a->nodes[n].name;
	int by_arg = 0;
	for (size_t i = 0; name && i < sizeof(v) / sizeof(*v); i++)
		by_arg |= !strcmp(name, v[i]);
	if (!by_arg)
		return name && !strcmp(name, "sigaction");
	int cal = ast_call_callee(a, n), k = 0;
	for (int ch = cal >= 0 ? ast_next(a, cal) : -1; ch >= 0; ch = ast_next(a, ch), k++) {
		if (k != 1)
			continue;
		int h = strip(a, ch);
		return h >= 0 && !(a->nodes[h].kind == AK_INTLIT ||
		                   (a->nodes[h].kind == AK_UNARY && a->nodes[h].op &&
		                    !strcmp(a->nodes[h].op, "-")));
	}
	return 1;
}

/* The entry for an address-taken function d, added when new. */
static struct addr_fn *addr_fn_of(struct esc_sums *s, const struct ast_decl *d)
{
	const struct strmap_ent *e = strmap_find(&s->addr_index, d->usr);
	if (e)
		return &s->addr[e->val];
	GROW(s->addr, s->naddr, s->addr_cap);
	struct addr_fn *t = &s->addr[s->naddr];
	t->usr = xstrdup(d->usr);
	t->name = xstrdup(d->name ? d->name : "?");
	t->np = (unsigned char)(d->index < 255 ? d->index : 255);
	t->variadic = (d->flags & DF_VARIADIC) != 0;
	t->system = (d->flags & DF_SYSTEM) != 0;
	t->ftype = d->ftype ? xstrdup(d->ftype) : NULL;
	t->cast = 0;
	t->lib = 0;
	t->at_exit = 0;
	strmap_put(&s->addr_index, t->usr, (int)s->naddr++);
	return t;
}

static void mark_lib(struct esc_sums *s, struct addr_fn *t)
{
	if (t->lib)
		return;
	s->nlib++;
	t->lib = 1;
}

void esc_sums_prepare_by_name(struct esc_sums *s, const struct ast *a)
{
	for (size_t n = 0; n < a->nnodes; n++) {
		const struct ast_node *x = &a->nodes[n];
		if (x->kind != AK_FUNC || !(x->flags & AF_DEFINITION) || x->decl < 0 ||
		    (a->decls[x->decl].flags & (DF_STATIC | DF_SYSTEM)) || !a->decls[x->decl].usr)
			continue;
		struct addr_fn *t = addr_fn_of(s, &a->decls[x->decl]);
		t->cast = 1;
		mark_lib(s, t);
	}
}

/* A call that registers an exit handler (the table's atexit()) given as a pointer, not by
 * name: it could be anything (exit_handlers). Named ones are marked where their address is
 * used (cg_exit_handler). */
static void exit_registration(struct esc_sums *s, const struct ast *a, int n,
                              const struct eff_func *ef)
{
	for (unsigned i = 0; ef && !ef->unknown && i < ef->np; i++) {
		if (ef->p[i].call != EC_EXIT)
			continue;
		int h = ast_strip(a, ast_call_arg(a, n, (int)i));
		int named = h >= 0 && a->nodes[h].kind == AK_DECLREF && a->nodes[h].decl >= 0 &&
		            a->decls[a->nodes[h].decl].kind == DK_FUNC;
		if (!named && !(h >= 0 && a->nodes[h].kind == AK_INTLIT))
			s->exit_handlers = 1;
	}
}

void esc_sums_prepare(struct esc_sums *s, const struct ast *a, const struct rules *r)
{
	for (size_t n = 0; n < a->nnodes; n++) {
		const struct ast_node *x = &a->nodes[n];
		if (x->kind == AK_CALL && installs_handler(a, (int)n))
			s->handlers = 1;
		if (x->kind == AK_CALL && x->name)
			exit_registration(s, a, (int)n, rules_find_effect(r, x->name));
		if (x->kind == AK_CALL) {
			s->by_name |= cg_by_name_call(a, (int)n, r);
			s->lib_all |= cg_objects_to_library(a, (int)n, r);
		}
		if (x->tclass == TC_FUNCPTR && !s->lib_all)
			s->lib_all = cg_pointer_to_library(a, (int)n, r);
		if (x->kind == AK_CALL && x->name) {
			const struct eff_func *ef = rules_find_effect(r, x->name);
			s->cancels |= ef && !ef->unknown && ef->exits == EX_CANCEL;
			s->thread_exits |= ef && !ef->unknown && ef->exits == EX_THREAD;
		}
		if (x->kind == AK_FUNC && x->decl >= 0 && a->decls[x->decl].name &&
		    !strcmp(a->decls[x->decl].name, "main") &&
		    !(a->decls[x->decl].flags & DF_SYSTEM))
			s->has_main = 1;
		/* A function with a body has a summary from the first round on, empty until its
		 * walk: a call of it before then is no unknown operation. */
		if (x->kind == AK_FUNC && fa_analysable(a, (int)n) && a->decls[x->decl].usr &&
		    *a->decls[x->decl].usr) {
			struct sum *d = sums_get(s, a->decls[x->decl].usr);
			d->defined = 1;
			d->exported |= !(a->decls[x->decl].flags & DF_STATIC);
		}
		if (x->kind != AK_DECLREF || x->decl < 0 || a->decls[x->decl].kind != DK_FUNC ||
		    cg_ref_use(a, (int)n) != CG_REF_ADDR)
			continue;
		const struct ast_decl *d = &a->decls[x->decl];
		if (!d->usr || !*d->usr)
			continue;
		struct addr_fn *t = addr_fn_of(s, d);
		t->at_exit |= cg_exit_handler(a, (int)n, r);
		if (!t->system && cg_to_library(a, (int)n, r))
			mark_lib(s, t);
		const struct rt_func *rf = d->name ? rtapi_find(d->name) : NULL;
		if (rf && rf->role == RT_SCOPE_PUSH)
			s->push_taken = 1;
	}
	/* Addresses taken through a cast (`(handler_t)fn`, `(void *)fn`): any call may reach them.
	 */
	for (size_t n = 0; n < a->nnodes; n++) {
		const struct ast_node *x = &a->nodes[n];
		if (x->kind != AK_DECLREF || x->decl < 0 || a->decls[x->decl].kind != DK_FUNC ||
		    !a->decls[x->decl].usr)
			continue;
		int p = x->parent;
		while (p >= 0 && (a->nodes[p].kind == AK_UNEXPOSED || a->nodes[p].kind == AK_PAREN))
			p = a->nodes[p].parent;
		const struct strmap_ent *e = strmap_find(&s->addr_index, a->decls[x->decl].usr);
		if (e && p >= 0 && a->nodes[p].kind == AK_CAST && a->nodes[p].tclass != TC_VOID)
			s->addr[e->val].cast = 1;
	}
}

/* A string field the summary did not have yet: 1 when it took it. */
static int take_str(char **have, char *const *got)
{
	if (*have || !*got)
		return 0;
	*have = xstrdup(*got);
	return 1;
}

/* The globals left holding scope memory, added to x's: 1 when x grew. */
static int merge_globs(struct sum *x, const struct sum *y)
{
	int ch = 0;
	for (size_t i = 0; i < y->nglobs; i++) {
		size_t k = 0;
		while (k < x->nglobs && strcmp(x->globs[k], y->globs[i]))
			k++;
		if (k < x->nglobs)
			continue;
		GROW(x->globs, x->nglobs, x->globs_cap);
		x->globs[x->nglobs++] = xstrdup(y->globs[i]);
		ch = 1;
	}
	if (y->glob_scope && !x->glob_scope)
		x->glob_scope = xstrdup(y->glob_scope);
	return ch;
}

int esc_summarize(struct esc_sums *s, const struct ast *a, const struct rules *r,
                  const struct hotlist *hot)
{
	int changed = 0;
	for (size_t n = 0; n < a->nnodes; n++) {
		if (a->nodes[n].kind != AK_FUNC || !fa_analysable(a, (int)n)) {
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
		fa_set_hot(&f, hot);
		f.summarize = 1;
		fa_run(&f);
		struct sum *x = sums_get(s, usr);
		x->defined = 1;
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
		for (int j = 0; j < MAXP; j++) {
			OR_IN(into[j]);
			OR_IN(into_bytes[j]);
		}
		OR_IN(out_def);
		OR_IN(glob_copy);
		OR_IN(glob_free);
		OR_IN(ret_unk);
		OR_IN(dies);
		OR_IN(dies_deep);
		OR_IN(keep_unknown);
		OR_IN(keep_glob);
		OR_IN(bytes);
		OR_IN(stored);
		OR_IN(under);
		OR_IN(frees_reach);
		OR_IN(jumps_via);
		OR_IN(keep_other);
		OR_IN(ret_reach);
		OR_IN(ret_glob);
		OR_IN(out_glob);
		OR_IN(arena_rel);
		OR_IN(ret_holds);
		OR_IN(arena_rewind);
		OR_IN(arena_mark);
#undef OR_IN
		for (int j = 0; j < MAXP; j++)
			ch |= take_str(&x->why[j], &f.sum.why[j]);
		ch |= take_str(&x->jumps, &f.sum.jumps);
		ch |= take_str(&x->jumps_via_why, &f.sum.jumps_via_why);
		if (take_str(&x->jumps_home, &f.sum.jumps_home)) {
			take_str(&x->jumps_home_why, &f.sum.jumps_home_why);
			ch = 1;
		}
		ch |= take_str(&x->pglob, &f.sum.pglob);
		if (take_str(&x->scope_esc, &f.sum.scope_esc)) {
			take_str(&x->scope_esc_name, &f.sum.scope_esc_name);
			x->scope_esc_rule = f.sum.scope_esc_rule;
			x->scope_esc_push = f.sum.scope_esc_push;
			ch = 1;
		}
		x->np = f.sum.np;
		x->variadic = f.sum.variadic;
		ch |= merge_globs(x, &f.sum);
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
			if (strmap_find(&s->addr_index, usr))
				s->addr_changed = s->round;
		}
		fa_free(&f);
	}
	return changed;
}

int esc_sums_by_name(const struct esc_sums *s)
{
	return s->by_name;
}

const char *esc_sums_jumping_handler(const struct esc_sums *s)
{
	for (size_t i = 0; s && s->handlers && i < s->naddr; i++) {
		const struct sum *x = s->addr[i].system ? NULL : sums_body(s, s->addr[i].usr);
		if (x && (x->jumps || x->jumps_via || x->jumps_home))
			return s->addr[i].name;
	}
	return NULL;
}
