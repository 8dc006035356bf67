/*
 * esc_jmp: where a longjmp through static storage lands. A jump buffer kept in a file-scope
 * static (a `static jmp_buf env` that one function setjmps, or a `static sigjmp_buf *cur` that
 * one function points at a buffer on its own stack: bash's and less's idiom) has a home: the
 * one function that sets it. When that function can never be active twice at once, every
 * longjmp to the buffer lands in the one activation of the home (a jump to a buffer whose
 * setjmp's frame has returned is undefined in the original), so a scope owned by the home
 * stays live. Anything the unit cannot account for (the buffer's or the pointer's address
 * taken, another kind of write, two functions setting it, a home that may recurse) has no
 * home, and the jump stays a finding. Internals in esc_int.h.
 */
#include "cg.h"
#include "esc_int.h"
#include "mem.h"
#include "rules.h"

#include <stdlib.h>
#include <string.h>

#define FN_MASK (1ull << AK_FUNC)

/* The node n is the value used by its context: past the parentheses and implicit casts. */
static int use_of(const struct ast *a, int n)
{
	while (a->nodes[n].parent >= 0) {
		int p = a->nodes[n].parent;
		unsigned char k = a->nodes[p].kind;
		if (k != AK_PAREN && k != AK_CAST && k != AK_UNEXPOSED)
			break;
		n = p;
	}
	return n;
}

static int fn_decl(const struct ast *a, int n)
{
	int fn = ast_enclosing(a, n, FN_MASK);
	return fn >= 0 ? a->nodes[fn].decl : -1;
}

static int is_jump_call(const struct fa *f, const char *name)
{
	const struct eff_func *ef = name ? rules_find_effect(f->r, name) : NULL;
	return ef && ef->exits == EX_JUMP;
}

static int is_setjmp_call(const char *name)
{
	static const char *const v[] = {"setjmp", "_setjmp", "sigsetjmp", "__sigsetjmp"};
	for (size_t i = 0; name && i < sizeof(v) / sizeof(*v); i++)
		if (!strcmp(name, v[i]))
			return 1;
	return 0;
}

/* Whether node u (a use) is the first argument of a call that setjmps (1) or jumps (2). */
static int buffer_arg(const struct fa *f, int u)
{
	const struct ast *a = f->a;
	int p = a->nodes[u].parent;
	if (p < 0 || a->nodes[p].kind != AK_CALL || ast_call_nargs(a, p) < 1 ||
	    ast_call_arg(a, p, 0) != u)
		return 0;
	return is_setjmp_call(a->nodes[p].name) ? 1 : is_jump_call(f, a->nodes[p].name) ? 2 : 0;
}

/* Whether function h setjmps its local `l` (the value of `&l` stored in the static pointer). */
static int setjmps_local(const struct ast *a, int h, int l)
{
	if (l < 0 || !(a->decls[l].flags & DF_LOCAL))
		return 0;
	for (size_t n = 0; n < a->nnodes; n++)
		if (a->nodes[n].kind == AK_CALL && is_setjmp_call(a->nodes[n].name) &&
		    ast_call_nargs(a, (int)n) >= 1 && fn_decl(a, (int)n) == h) {
			int b = strip(a, ast_call_arg(a, (int)n, 0));
			if (b >= 0 && a->nodes[b].kind == AK_DECLREF && a->nodes[b].decl == l)
				return 1;
		}
	return 0;
}

/* The function that sets the buffer at use u of static g (`g = &jb` or `g = NULL` for a
 * pointer; setjmp(g) or longjmp(g, v) for a buffer): -2 when the use sets nothing, -1 when it
 * is a use the home cannot account for. */
static int use_sets(const struct fa *f, int g, int ptr, int n)
{
	const struct ast *a = f->a;
	int u = use_of(a, n);
	int p = a->nodes[u].parent;
	if (!ptr) {
		int k = buffer_arg(f, u);
		return k == 1 ? fn_decl(a, u) : k == 2 ? -2 : -1;
	}
	if (p >= 0 && a->nodes[p].kind == AK_UNARY && is_op(&a->nodes[p], "&"))
		return -1;
	if (p >= 0 && a->nodes[p].kind == AK_ASSIGNOP)
		return -1;
	if (p >= 0 && a->nodes[p].kind == AK_UNARY &&
	    (is_op(&a->nodes[p], "++") || is_op(&a->nodes[p], "--")))
		return -1;
	if (p < 0 || a->nodes[p].kind != AK_BINARY || !is_op(&a->nodes[p], "=") ||
	    ast_first(a, p) != u)
		return -2; /* read: the value goes on pointing where it pointed */
	int r = strip(a, ast_last(a, p));
	if (r >= 0 && a->nodes[r].kind == AK_INTLIT)
		return -2; /* a null pointer */
	if (r < 0 || a->nodes[r].kind != AK_UNARY || !is_op(&a->nodes[r], "&"))
		return -1;
	int l = strip(a, ast_first(a, r));
	int h = fn_decl(a, p);
	if (l < 0 || a->nodes[l].kind != AK_DECLREF || h < 0 ||
	    !setjmps_local(a, h, a->nodes[l].decl))
		return -1;
	(void)g;
	return h;
}

/* The functions of the unit that may call one of those marked in `in` (in place, closed). */
static void callers_closure(const struct ast *a, unsigned char *in)
{
	for (int changed = 1; changed;) {
		changed = 0;
		for (size_t n = 0; n < a->nnodes; n++) {
			const struct ast_node *x = &a->nodes[n];
			if (x->kind != AK_CALL || x->decl < 0 || !in[x->decl])
				continue;
			int c = fn_decl(a, (int)n);
			if (c >= 0 && !in[c])
				in[c] = changed = 1;
		}
	}
}

/* The functions of the unit that function h may call, directly or not (h included). */
static void callees_closure(const struct ast *a, int h, unsigned char *in)
{
	in[h] = 1;
	for (int changed = 1; changed;) {
		changed = 0;
		for (size_t n = 0; n < a->nnodes; n++) {
			const struct ast_node *x = &a->nodes[n];
			if (x->kind != AK_CALL || x->decl < 0 || in[x->decl] ||
			    !(a->decls[x->decl].flags & DF_DEFINED))
				continue;
			int c = fn_decl(a, (int)n);
			if (c >= 0 && in[c])
				in[x->decl] = changed = 1;
		}
	}
}

/* Whether function h may be active twice at once: what it calls reaches one of its callers,
 * the address of one of them is taken, or one of them can be called from outside the unit
 * while h's calls reach code the unit does not have (another unit, a pointer). */
static int reentrant(const struct ast *a, int h)
{
	unsigned char *up = xcalloc(a->ndecls, 1), *down = xcalloc(a->ndecls, 1);
	up[h] = 1;
	callers_closure(a, up);
	callees_closure(a, h, down);
	int self = 0, open = 0, out = 0;
	for (size_t n = 0; n < a->nnodes; n++) {
		const struct ast_node *x = &a->nodes[n];
		if (x->kind == AK_DECLREF && x->decl >= 0 && up[x->decl] &&
		    a->decls[x->decl].kind == DK_FUNC && cg_ref_use(a, (int)n) == CG_REF_ADDR)
			self = 1;
		int c = x->kind == AK_CALL ? fn_decl(a, (int)n) : -1;
		if (c < 0 || !down[c])
			continue;
		if (x->decl >= 0 && up[x->decl])
			self = 1; /* a call back into h or one of its callers */
		else if (x->decl < 0 || !(a->decls[x->decl].flags & (DF_SYSTEM | DF_DEFINED)))
			out = 1;
	}
	for (size_t d = 0; d < a->ndecls; d++)
		if (up[d] && !(a->decls[d].flags & DF_STATIC))
			open = 1;
	free(up);
	free(down);
	return self || (open && out);
}

const char *fa_jump_home(struct fa *f, int arg)
{
	const struct ast *a = f->a;
	int b = arg >= 0 ? strip(a, arg) : -1;
	int ptr = 0;
	if (b >= 0 && a->nodes[b].kind == AK_UNARY && is_op(&a->nodes[b], "*")) {
		ptr = 1;
		b = strip(a, ast_first(a, b));
	}
	if (b < 0 || a->nodes[b].kind != AK_DECLREF || a->nodes[b].decl < 0)
		return NULL;
	int g = a->nodes[b].decl;
	const struct ast_decl *gd = &a->decls[g];
	if (gd->kind != DK_VAR ||
	    (gd->flags & (DF_GLOBAL | DF_STATIC)) != (DF_GLOBAL | DF_STATIC) ||
	    (ptr && gd->tclass != TC_PTR))
		return NULL;
	int home = -1;
	for (size_t n = 0; n < a->nnodes; n++) {
		if (a->nodes[n].kind != AK_DECLREF || a->nodes[n].decl != g)
			continue;
		int h = use_sets(f, g, ptr, (int)n);
		if (h == -1 || (h >= 0 && home >= 0 && h != home))
			return NULL;
		if (h >= 0)
			home = h;
	}
	if (home < 0 || reentrant(a, home))
		return NULL;
	return a->decls[home].usr;
}

void fa_jump_to_home(struct fa *f, const char *home, int node, const char *callee,
                     const char *chain)
{
	const struct ast *a = f->a;
	int d = a->nodes[f->fn].decl;
	if (d >= 0 && a->decls[d].usr && !strcmp(a->decls[d].usr, home)) {
		fa_glob_jump(
		    f); /* back into this function, its only activation: its arena is live */
		return;
	}
	if (f->summarize) {
		fa_glob_jump(f); /* a store left pending here is not seen where the jump lands */
		/* one home per summary: a second one is a jump that may land anywhere */
		if (f->sum.jumps_home && strcmp(f->sum.jumps_home, home)) {
			fa_jump(f, &taint_clean, node, callee, chain);
			return;
		}
		if (!f->sum.jumps_home) {
			char *at = fa_place(f, node);
			f->sum.jumps_home = xstrdup(home);
			f->sum.jumps_home_why = chain
			                            ? xasprintf("'%s' at %s, %s", callee, at, chain)
			                            : xasprintf("'%s' at %s", callee, at);
			free(at);
		}
		return;
	}
	fa_jump(f, &taint_clean, node, callee, chain);
}
