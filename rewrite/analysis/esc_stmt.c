/*
 * esc_stmt: the statement walk: sequence, if/switch joins, loops walked twice,
 * break/continue/goto routed to their targets, return ending a path. Internals in esc_int.h.
 */
#include "esc_int.h"
#include "mem.h"

#include <stdlib.h>

static void exec_var(struct fa *f, int v)
{
	const struct ast *a = f->a;
	const struct ast_node *x = &a->nodes[v];
	int init = last_child(a, v);
	if (init < 0 || a->nodes[init].kind < AK_CALL || x->decl < 0)
		return;
	struct taint t = fa_eval(f, init);
	const struct ast_decl *d = &a->decls[x->decl];
	if (d->flags & DF_GLOBAL) {
		struct lval lv = {LV_GLOBAL, x->decl, "", 0, -1, 0, NULL, 0};
		fa_store(f, &lv, t, init, v);
		return;
	}
	struct lval lv = {LV_LOCAL, x->decl, root_path(), 0, -1, 0, NULL, 0};
	fa_store(f, &lv, t, init, v);
}

static struct ctl *ctl_push(struct fa *f, int node, int is_switch)
{
	GROW(f->ctl, f->nctl, f->ctl_cap);
	struct ctl *c = &f->ctl[f->nctl++];
	memset(c, 0, sizeof(*c));
	c->node = node;
	c->brk.dead = c->cont.dead = c->entry.dead = 1;
	c->is_switch = is_switch;
	return c;
}

void fa_ctl_pop(struct fa *f)
{
	struct ctl *c = &f->ctl[--f->nctl];
	state_free(&c->brk);
	state_free(&c->cont);
	state_free(&c->entry);
}

/*
 * The cleanup functions of the variables that go out of scope when control leaves `from` for
 * `to` (-1: the function's exit): those declared before `from` in a block around it that does
 * not hold `to` (only >= 0: those of block `only`, at its end), the innermost first, as the
 * compiler calls them: f(&v). In the explicit exit
 * style the rewrite's release runs before them, so they must not meet the arena's memory.
 */
static void run_cleanups(struct fa *f, int from, int to, int only)
{
	const struct ast *a = f->a;
	for (size_t i = f->ncleanups; i-- > 0 && !f->st.dead;) {
		int at = f->cleanups[i], var = a->nodes[at].parent;
		int blk = ast_enclosing(a, var, 1ull << AK_COMPOUND);
		if (only >= 0 ? blk != only
		              : var >= from || blk < 0 || from <= blk ||
		                    from > blk + a->nodes[blk].size ||
		                    (to > blk && to <= blk + a->nodes[blk].size))
			continue;
		int v = a->nodes[var].decl;
		struct taint held = state_get(&f->st, v, root_path(), 1);
		if (f->explicit_exits && f->owns_arena && held.level && held.kind == K_OWN) {
			char *m =
			    xasprintf("the cleanup of '%s' runs after the arena's release that "
			              "--exit-style=explicit inserts, and meets its memory: use "
			              "--exit-style=cleanup",
			              a->decls[v].name);
			fa_report(f, ESC_UAF, ESC_ERROR, var, &held, m);
			free(m);
		}
		fa_cleanup_call(f, at, v);
	}
}

static void kill_path(struct fa *f)
{
	state_free(&f->st);
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

/* Whether expression n is a null pointer constant: `NULL` or `0`, through casts. */
static int is_null(const struct ast *a, int n)
{
	int s = strip(a, n);
	if (s < 0 || a->nodes[s].kind != AK_INTLIT || a->nodes[s].file < 0)
		return 0;
	const struct ast_node *x = &a->nodes[s];
	const char *t = a->files[x->file].text + x->begin;
	size_t len = x->end - x->begin;
	return (len == 1 && *t == '0') || (len == 4 && !strncmp(t, "NULL", 4));
}

/* Whether expression n is a pointer variable or parameter itself (`g`, `p`): its decl, or -1. */
static int ptr_var(const struct ast *a, int n)
{
	int s = strip(a, n);
	if (s < 0 || a->nodes[s].kind != AK_DECLREF || a->nodes[s].tclass != TC_PTR ||
	    a->nodes[s].decl < 0 ||
	    (a->decls[a->nodes[s].decl].kind != DK_VAR &&
	     a->decls[a->nodes[s].decl].kind != DK_PARAM))
		return -1;
	return a->nodes[s].decl;
}

/* On the arm where variable d is null it holds nothing; when it holds a parameter's value as
 * passed, that parameter counts as freed (free of a null pointer is nothing to do: `if (!n)
 * return;` before a walk, `while (e)` never entered, free every path). */
static void null_arm(struct state *st, int d)
{
	struct taint t = state_get(st, d, root_path(), 0);
	int single = t.pder && !(t.pder & (t.pder - 1));
	if (single && !t.level && !t.glob && !t.unk && (!t.preach || t.preach == t.pder)) {
		st->freed |= t.pder;
		st->freed_deep |= t.pder;
	}
	state_kill(st, d, root_path());
}

/*
 * A condition that tests a pointer variable against null: 1 when it holds iff the variable is
 * non-null (`g`, `g != NULL`), -1 when iff it is null (`!g`, `g == NULL`), 0 otherwise. On the
 * arm where the variable is null it holds no memory: `if (g) { free(g); g = NULL; }` leaves
 * nothing pending in g on either path.
 */
static int null_test(const struct ast *a, int c, int *decl)
{
	int s = strip(a, c);
	if (s < 0)
		return 0;
	const struct ast_node *x = &a->nodes[s];
	if ((*decl = ptr_var(a, s)) >= 0)
		return 1;
	if (x->kind == AK_UNARY && is_op(x, "!") && !(x->flags & AF_POSTFIX))
		return -null_test(a, ast_first(a, s), decl);
	if (x->kind != AK_BINARY || !(is_op(x, "==") || is_op(x, "!=")))
		return 0;
	int l = ast_first(a, s), r = l >= 0 ? ast_next(a, l) : -1;
	*decl = is_null(a, r) ? ptr_var(a, l) : is_null(a, l) ? ptr_var(a, r) : -1;
	return *decl < 0 ? 0 : is_op(x, "!=") ? 1 : -1;
}

static void exec_loop(struct fa *f, int n, int cond, int inc, int body, int body_first)
{
	struct ctl *c = ctl_push(f, n, 0);
	size_t ci = f->nctl - 1;
	int nd = -1, nt = !body_first && cond >= 0 ? null_test(f->a, cond, &nd) : 0;
	for (int round = 0; round < 2; round++) {
		struct state head = state_copy(&f->st);
		/* Not entered at all: the condition was false on the values before the loop. */
		if (round == 0 && nt > 0)
			null_arm(&head, nd);
		if (!body_first && cond >= 0)
			(void)fa_eval(f, cond);
		if (body >= 0)
			fa_exec(f, body);
		c = &f->ctl[ci];
		state_join(&f->st, &c->cont);
		state_free(&c->cont);
		c->cont.dead = 1;
		if (body_first && cond >= 0)
			(void)fa_eval(f, cond);
		if (inc >= 0)
			(void)fa_eval(f, inc);
		state_join(&f->st, &head);
		state_free(&head);
	}
	c = &f->ctl[ci];
	state_join(&f->st, &c->brk);
	fa_ctl_pop(f);
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
	return fa_intern(f, buf);
}

/* return: the value reaches the caller (a sink, and the summary's result); the path ends. */
static void exec_return(struct fa *f, int n)
{
	const struct ast *a = f->a;
	int c0 = ast_first(a, n);
	struct taint t = c0 >= 0 ? fa_eval(f, c0) : taint_clean;
	run_cleanups(f, n, -1, -1);
	fa_glob_exit(f);
	fa_hold_exit(f, c0 >= 0 ? &t : NULL);
	if (c0 >= 0) {
		fa_sink_return(f, &t, n);
		if (f->summarize) {
			f->sum.ret |= t.pder;
			f->sum.ret_reach |= t.num ? 0 : t.preach;
			f->sum.ret_glob |= t.glob;
			f->sum.ret_unk |= t.unk;
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
}

/* switch: every case label joins the state at the switch; no default: so does the end. */
static void exec_switch(struct fa *f, int n)
{
	const struct ast *a = f->a;
	int c0 = ast_first(a, n);
	int body = last_child(a, n);
	if (c0 >= 0 && c0 != body)
		(void)fa_eval(f, c0);
	struct ctl *c = ctl_push(f, n, 1);
	size_t ci = f->nctl - 1;
	state_free(&c->entry);
	c->entry = state_copy(&f->st);
	kill_path(f);
	f->cond++;
	fa_exec(f, body);
	f->cond--;
	c = &f->ctl[ci];
	state_join(&f->st, &c->brk);
	if (!c->has_default)
		state_join(&f->st, &c->entry);
	fa_ctl_pop(f);
}

/* goto: the state joins its label's; the path ends. */
/* The statement a label names in this function, or -1. */
static int label_node(const struct fa *f, const char *label)
{
	const struct ast *a = f->a;
	for (int k = f->body; label && k <= f->body + a->nodes[f->body].size; k++)
		if (a->nodes[k].kind == AK_LABEL && a->nodes[k].name &&
		    !strcmp(a->nodes[k].name, label))
			return k;
	return -1;
}

static void exec_goto(struct fa *f, int n)
{
	const char *label = goto_label(f, n);
	if (f->ncleanups)
		run_cleanups(f, n, label_node(f, label), -1);
	if (label) {
		size_t i;
		for (i = 0; i < f->ngotos && strcmp(f->gotos[i].label, label); i++)
			;
		if (i == f->ngotos) {
			GROW(f->gotos, f->ngotos, f->gotos_cap);
			f->gotos[i].label = label;
			f->gotos[i].st = (struct state){NULL, 0, 0, 1, 0, 0, 0};
			f->ngotos++;
		}
		state_join(&f->gotos[i].st, &f->st);
	}
	kill_path(f);
}

/* if: both arms from the state after the condition, joined. */
static void exec_if(struct fa *f, int n)
{
	const struct ast *a = f->a;
	int c0 = ast_first(a, n);
	int th = c0 >= 0 ? ast_next(a, c0) : -1;
	int el = th >= 0 ? ast_next(a, th) : -1;
	(void)fa_eval(f, c0);
	int nd = -1, nt = c0 >= 0 ? null_test(a, c0, &nd) : 0;
	struct state before = state_copy(&f->st);
	f->cond++;
	if (nt < 0)
		null_arm(&f->st, nd);
	fa_exec(f, th);
	struct state after = f->st;
	f->st = before;
	if (nt > 0)
		null_arm(&f->st, nd);
	fa_exec(f, el);
	state_join(&f->st, &after);
	state_free(&after);
	f->cond--;
}

void fa_exec(struct fa *f, int n)
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
			fa_exec(f, c);
		if (f->ncleanups)
			run_cleanups(f, n, -1, n);
		break;
	case AK_DECLSTMT:
		for (int c = c0; c >= 0; c = ast_next(a, c))
			if (a->nodes[c].kind == AK_VAR)
				exec_var(f, c);
		break;
	case AK_RETURN:
		exec_return(f, n);
		break;
	case AK_IF:
		exec_if(f, n);
		break;
	case AK_SWITCH:
		exec_switch(f, n);
		break;
	case AK_CASE:
	case AK_DEFAULT: {
		struct ctl *c = innermost(f, 1);
		if (c && c->is_switch) {
			state_join(&f->st, &c->entry);
			if (x->kind == AK_DEFAULT)
				c->has_default = 1;
		}
		fa_exec(f, last_child(a, n));
		break;
	}
	case AK_WHILE:
		exec_loop(f, n, c0, -1, last_child(a, n), 0);
		break;
	case AK_DO:
		exec_loop(f, n, last_child(a, n) != c0 ? last_child(a, n) : -1, -1, c0, 1);
		break;
	case AK_FOR: {
		int init, cond, inc, body;
		for_parts(f, n, &init, &cond, &inc, &body);
		if (init >= 0)
			fa_exec(f, init);
		exec_loop(f, n, cond, inc, body, 0);
		break;
	}
	case AK_BREAK:
	case AK_CONTINUE: {
		struct ctl *c = innermost(f, x->kind == AK_BREAK);
		if (c && f->ncleanups)
			run_cleanups(f, n, c->node, -1);
		if (c)
			state_join(x->kind == AK_BREAK ? &c->brk : &c->cont, &f->st);
		kill_path(f);
		break;
	}
	case AK_GOTO:
		exec_goto(f, n);
		break;
	case AK_LABEL: {
		for (size_t i = 0; i < f->ngotos; i++)
			if (x->name && !strcmp(f->gotos[i].label, x->name))
				state_join(&f->st, &f->gotos[i].st);
		fa_exec(f, last_child(a, n));
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
			(void)fa_eval(f, n);
		else
			for (int c = c0; c >= 0; c = ast_next(a, c))
				fa_exec(f, c);
		break;
	}
	f->depth--;
}
