/*
 * plan_addr: the places where the program takes the address of libc's free or realloc
 * (plan_opts.addr_frees): each becomes the ownership-aware function's, or, inside a macro
 * expansion where it cannot be renamed, a veto refuses every arena whose raw calls through a
 * pointer may reach it (docs/design.md). Internals shared through plan_int.h.
 */
#include "analysis.h"
#include "front.h"
#include "mem.h"
#include "plan_int.h"
#include "rules.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* One veto record: hotspot or scope group h refused for the allocator address at node n. */
static void add_veto(struct plan *p, const struct ast *a, int n, int h, const char *why)
{
	const struct ast_node *x = &a->nodes[n];
	GROW(p->funcs, p->nfuncs, p->funcs_cap);
	struct plan_func *pf = &p->funcs[p->nfuncs++];
	memset(pf, 0, sizeof(*pf));
	pf->hot = h;
	pf->group = pf->alias = -1;
	pf->file = xstrdup(a->files[x->file].path);
	pf->off = x->loc;
	pf->line = x->line;
	pf->refused = pf->veto = 1;
	pf->why = xstrdup(why);
}

/*
 * The address of libc's free or realloc taken inside a macro expansion, where it cannot be
 * renamed, while a call through a pointer may reach it with arena memory: every arena whose
 * indirect calls may reach it is refused (the invariant in docs/design.md), naming the place.
 */
static void veto_macro_addr(struct plan *p, const struct ast *a, const struct plan_opts *o, int n,
                            const char *repl)
{
	const struct ast_node *x = &a->nodes[n];
	char *why =
	    xasprintf("\n  the address of '%s' is taken inside a macro expansion at column %u, "
	              "where it cannot be renamed, and a call through a pointer made while "
	              "this arena is live may pass it arena memory\n  write '%s' there "
	              "instead (it behaves as '%s' on heap memory)",
	              x->name, x->col, repl, x->name);
	const struct hotlist *hl = o->hot;
	for (size_t h = 0; h < hl->n; h++) {
		const struct hotspot *hs = &hl->v[h];
		int own = !hs->scope || !strcmp(hs->scope, hs->function);
		if (own && !hs->off && (o->addr_free_local == (int)h || o->addr_free_local == -3))
			add_veto(p, a, n, (int)h, why);
	}
	for (size_t k = 0; o->addr_free_scoped && k < o->nscopes; k++)
		add_veto(p, a, n, (int)(hl->n + k), why);
	free(why);
}

/*
 * The file's token that spells node n, when n is the whole argument of a system header's
 * function-like macro (`pthread_cleanup_push(free, buf)`): renaming the token renames the
 * value the expansion uses (a system macro pastes or stringifies no program's argument).
 * Returns the token's index, or (size_t)-1.
 */
static size_t system_macro_arg(const struct ast *a, int n)
{
	const struct ast_node *x = &a->nodes[n];
	if (!(x->flags & AF_MACRO_ARG) || x->file < 0)
		return (size_t)-1;
	const struct ast_file *fl = &a->files[x->file];
	long e = ast_expansion_at(a, x->file, x->loc);
	size_t lo = (size_t)(e + 1);
	if (e < 0 || fl->macro[lo - 1][2] != UINT_MAX)
		return (size_t)-1;
	size_t t = ast_tok_at(a, x->file, x->loc);
	if (t == 0 || t + 1 >= fl->ntok || fl->tok[t].begin != x->loc ||
	    !ast_tok_is(a, x->file, t, x->name) || fl->tok[t].begin <= fl->macro[lo - 1][0])
		return (size_t)-1;
	/* the whole argument: between `(` or `,` and `,` or `)` */
	if (!(ast_tok_is(a, x->file, t - 1, "(") || ast_tok_is(a, x->file, t - 1, ",")) ||
	    !(ast_tok_is(a, x->file, t + 1, ")") || ast_tok_is(a, x->file, t + 1, ",")))
		return (size_t)-1;
	return t;
}

/*
 * libc's free or realloc whose address the program takes (`{ xcalloc, free }`,
 * `m->free = free`, `set_allocator(malloc, free)`), when a call through a pointer may reach it
 * while arena memory is live: the address becomes the ownership-aware function's, which has
 * the same type and behaves as libc's on heap memory. Right whatever is refused, but written
 * for the arenas only: the tag of the set of them all, dropped when every one is refused.
 */
void plan_addr_frees(struct plan *p, const struct ast *a, const struct plan_opts *o)
{
	int tag = o->sets && o->sets->all >= 0 ? PLAN_TAG_SET(o->sets->all) : -2;
	for (size_t n = 0; n < a->nnodes; n++) {
		const struct ast_node *x = &a->nodes[n];
		if (x->kind != AK_DECLREF || x->decl < 0 || (x->flags & AF_SYSHDR) || x->file < 0 ||
		    a->decls[x->decl].kind != DK_FUNC || !(a->decls[x->decl].flags & DF_SYSTEM) ||
		    !x->name || ast_is_callee(a, (int)n))
			continue;
		const struct rule_alloc *ra = rules_find_alloc(o->rules, x->name);
		if (!ra || (ra->kind != RK_FREE && ra->kind != RK_REALLOC))
			continue;
		const char *path = a->files[x->file].path;
		const char *repl = rules_arena_func(ra->kind, RS_OWNER);
		unsigned begin = x->begin, end = x->end;
		size_t t = (x->flags & AF_MACRO) ? system_macro_arg(a, (int)n) : (size_t)-1;
		if ((x->flags & AF_MACRO) && t == (size_t)-1) {
			veto_macro_addr(p, a, o, (int)n, repl);
			continue;
		}
		if (t != (size_t)-1) {
			begin = a->files[x->file].tok[t].begin;
			end = a->files[x->file].tok[t].end;
		}
		GROW(p->sites, p->nsites, p->sites_cap);
		p->sites[p->nsites++] =
		    (struct plan_site){-2,      tag,    xstrdup(path),    x->loc,
		                       x->line, x->col, xstrdup(x->name), xstrdup(repl),
		                       NULL};
		GROW(p->edits, p->nedits, p->edits_cap);
		p->edits[p->nedits++] =
		    (struct plan_edit){tag, xstrdup(path), begin, end, xstrdup(repl), 0, 0};
		plan_note_text(p, path, &a->files[x->file]);
		plan_add_include(p, a, x->file, x->begin);
	}
}
