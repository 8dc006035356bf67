/*
 * esc_sum: per-function summaries of a run (struct esc_sums, keyed by USR) and the rounds that
 * grow them to a fixpoint. Internals in esc_int.h.
 */
#include "esc_int.h"
#include "mem.h"

#include <stdlib.h>

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
		for (size_t k = 0; k < s->v[i].nglobs; k++)
			free(s->v[i].globs[k]);
		free(s->v[i].globs);
		free(s->v[i].glob_scope);
	}
	free(s->v);
	strmap_free(&s->index);
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
		OR_IN(glob_copy);
		OR_IN(ret_unk);
		OR_IN(dies);
#undef OR_IN
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
		}
		fa_free(&f);
	}
	return changed;
}
