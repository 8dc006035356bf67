#include "plan.h"
#include "analysis.h"
#include "front.h"
#include "plan_int.h"
#include "err.h"
#include "fsio.h"
#include "mem.h"
#include "rtapi.h"
#include "rules.h"
#include "sbuf.h"
#include "strmap.h"
#include "tear.h"

#include <stdlib.h>
#include <string.h>

/*
 * What plan_tu looks up for every function, indexed once per unit so that planning one
 * function costs the same however large the unit: the file-scope names (fresh_name), each
 * file's indentation level and whether its include spot is decided, the scopes by name.
 */
struct tuctx {
	struct strmap globals; /* name -> a file-scope decl of that name; others in next_decl */
	int *next_decl;
	char (*unit)[16]; /* per file, computed when has_unit */
	unsigned char *has_unit, *inc_done;
	struct strmap scopes; /* scope name -> its index in plan_opts.scopes */
	int *hots, *groups;   /* scratch of role_of: one slot per hotspot entry */
	struct tear_tu *tear; /* the teardown analysis' per-unit facts (tear.h) */
};

/*
 * One indentation level of a file: a tab when most indented lines start with a tab, else the
 * most frequent positive step between consecutive indented lines (2, 4, 8 spaces...).
 */
static void indent_unit(const char *t, size_t len, char *out)
{
	size_t tabs = 0, spaces = 0, hist[17] = {0};
	size_t prev = 0;
	for (size_t i = 0; i < len;) {
		size_t e = i, n = 0;
		if (t[i] == '\t')
			tabs++;
		while (e < len && t[e] == ' ') {
			e++;
			n++;
		}
		int blank = e >= len || t[e] == '\n' || t[e] == '\r';
		if (!blank && t[i] != '\t') {
			if (n)
				spaces++;
			if (n > prev && n - prev <= 16)
				hist[n - prev]++;
			prev = n;
		}
		while (i < len && t[i] != '\n' && t[i] != '\r')
			i++;
		i++;
	}
	if (tabs >= spaces) {
		strcpy(out, "\t");
		return;
	}
	size_t best = 4;
	for (size_t k = 1; k <= 16; k++)
		if (hist[k] > hist[best])
			best = k;
	memset(out, ' ', best);
	out[best] = '\0';
}

/* ---- records ------------------------------------------------------------------------------ */

static void add_tagged_edit(struct fctx *c, int tag, size_t begin, size_t end, const char *text,
                            int seq)
{
	struct plan *p = c->p;
	GROW(p->edits, p->nedits, p->edits_cap);
	p->edits[p->nedits++] = (struct plan_edit){
	    tag, xstrdup(c->a->files[c->file].path), begin, end, xstrdup(text), seq, 0};
}

void plan_add_file_edit(struct fctx *c, int tag, int file, size_t begin, size_t end,
                        const char *text, int weak)
{
	struct plan *p = c->p;
	GROW(p->edits, p->nedits, p->edits_cap);
	p->edits[p->nedits++] = (struct plan_edit){
	    tag, xstrdup(c->a->files[file].path), begin, end, xstrdup(text), 0, weak};
}

void plan_add_edit(struct fctx *c, size_t begin, size_t end, const char *text, int seq)
{
	add_tagged_edit(c, c->hot, begin, end, text, seq);
}

void plan_add_tagged_site(struct fctx *c, int tag, int node, const char *callee, const char *repl,
                          const char *reason)
{
	const struct ast_node *x = &c->a->nodes[node];
	struct plan *p = c->p;
	GROW(p->sites, p->nsites, p->sites_cap);
	p->sites[p->nsites++] =
	    (struct plan_site){c->site,
	                       tag,
	                       xstrdup(c->a->files[x->file >= 0 ? x->file : c->file].path),
	                       x->loc,
	                       x->line,
	                       x->col,
	                       xstrdup(callee ? callee : "?"),
	                       repl ? xstrdup(repl) : NULL,
	                       reason ? xstrdup(reason) : NULL};
}

static void add_site(struct fctx *c, int node, const char *callee, const char *repl,
                     const char *reason)
{
	plan_add_tagged_site(c, c->hot, node, callee, repl, reason);
}

/* ---- sites -------------------------------------------------------------------------------- */

/*
 * How a call names its allocator. A hook field, or a project's own wrapper (a `name` rule for a
 * function the program defines), may stand for an allocator the program installs at run time
 * (jansson's json_set_alloc_funcs, a header-keeping debug allocator): what the call becomes keeps
 * it as the fallback for memory that is not the arena's and for calls outside every scope
 * (`arena_free_with(xfree, p)`, `arena_cur_alloc_with(xmalloc, n)`,
 * `arena_cur_strdup_with(xstrdup, s)`), where libc's own functions need no fallback.
 */

/* How rtapi_call is asked: a kept fallback returning char * picks the *_with variant whose hook
 * has that type, where the kind has one (memdup: jansson's `char *jsonp_strndup(const char *,
 * size_t)` beside git's `void *xmemdupz(const void *, size_t)`). The type is libclang's canonical
 * spelling: of the function for a wrapper, of what the pointer calls for a field. */
static int rt_via(const struct ast *a, int call, enum call_via via)
{
	if (via == VIA_LIBC)
		return RTAPI_BY_NAME;
	const struct ast_node *x = &a->nodes[call];
	const char *ft = via == VIA_FIELD ? x->op : x->decl >= 0 ? a->decls[x->decl].ftype : NULL;
	static const char chars[] = "char *(";
	return ft && !strncmp(ft, chars, sizeof(chars) - 1) ? RTAPI_HOOK_STR : RTAPI_HOOK;
}

/*
 * A free-kind wrapper taking a typed pointer (`void tag_free(struct tag *)`) is no
 * void (*)(void *) fallback: `tag_free(t)` becomes `(arena_owner(t) ? arena_free(t) :
 * tag_free(t))`, the argument written twice (ast_typed_free_unrewritable said it only reads),
 * and a later run leaves the guarded call alone.
 */
static void plan_typed_free(struct fctx *c, int tag, int call, const char *name)
{
	const struct ast *a = c->a;
	const struct ast_node *x = &a->nodes[call], *arg = &a->nodes[ast_call_arg(a, call, 0)];
	const char *text = a->files[c->file].text;
	const char *fr = rtapi_call(RK_FREE, c->style, RTAPI_BY_NAME)->name;
	int len = (int)(arg->end - arg->begin);
	char *head = xasprintf("(%s(%.*s) ? %s(%.*s) : ", rtapi_emit(RE_OWNER_TEST), len,
	                       text + arg->begin, fr, len, text + arg->begin);
	add_tagged_edit(c, tag, x->begin, x->begin, head, 0);
	add_tagged_edit(c, tag, x->end, x->end, ")", 0);
	free(head);
	plan_add_tagged_site(c, tag, call, name, fr, NULL);
	c->nrewritten++;
}

/* Rewrites one call of an allocator family member, or records why not. */
static void plan_call(struct fctx *c, int call, const char *name, enum rule_kind kind,
                      enum call_via via)
{
	const struct ast *a = c->a;
	plan_macro_uses(c, call, kind);
	const struct rt_func *rf = rtapi_call(kind, c->style, rt_via(a, call, via));
	if (!rf)
		return; /* RS_OWNER: allocations stay on the heap */
	const char *repl = rf->name;
	int with = rf->hook_arg >= 0;
	/* Ownership-aware free (and RS_OWNER realloc) are right whatever happens to the arena, and
	 * must stay even when this function's own rewrite is refused: memory of an enclosing
	 * scope may reach them. */
	int tag =
	    (kind == RK_FREE || c->style == RS_OWNER) && c->need != -2 ? c->need
	    : (kind == RK_FREE && c->shared_frees) || (c->style == RS_OWNER && c->shared_frees)
	        ? -2
	        : c->hot;
	int callee = ast_call_callee(a, call);
	int cs = callee >= 0 ? ast_strip(a, callee) : -1;
	if (kind == RK_FREE && ast_call_owner_guarded(a, call, rtapi_emit(RE_OWNER_TEST)))
		return; /* rewritten by an earlier run: see plan_typed_free */
	const char *why = ast_call_unrewritable(a, call, 0);
	if (!why && (unsigned)ast_call_nargs(a, call) != rules_kind_args(kind))
		why = "unexpected number of arguments for its kind";
	const char *ft = with && kind == RK_FREE ? ast_call_ftype(a, call) : NULL;
	if (!why && ft)
		why = ast_typed_free_unrewritable(a, call, ft);
	/* Spelled by the project's macro: its definition is rewritten instead (plan_macro.c). */
	if (why && (a->nodes[call].flags & AF_MACRO) && !(ft && !ast_ftype_takes_void_ptr(ft))) {
		if (plan_macro_call(c, call, name, kind, rt_via(a, call, via), tag))
			return;
	}
	if (why) {
		add_site(c, call, name, NULL, why);
		return;
	}
	if (ft && !ast_ftype_takes_void_ptr(ft)) {
		plan_typed_free(c, tag, call, name);
		return;
	}
	const struct ast_node *cn = &a->nodes[callee];
	size_t lp = ast_tok_at(a, c->file, cn->end);
	if (with) {
		/* hooks->allocate(n) -> arena_cur_alloc_with(hooks->allocate, n), or with an arena
		 * of the function's, arena_alloc_with(&arena, hooks->allocate, n): the hook stays
		 * the fallback, evaluated once, like every argument. */
		const struct ast_token *tk = &a->files[c->file].tok[lp];
		char *head = rf->arena_arg == 0 ? xasprintf("%s(&%s, ", repl, c->arena)
		                                : xasprintf("%s(", repl);
		add_tagged_edit(c, tag, cn->begin, cn->begin, head, 0);
		free(head);
		add_tagged_edit(c, tag, tk->begin, tk->end, ", ", 0);
	} else {
		size_t t = ast_tok_at(a, c->file, a->nodes[cs].loc);
		if (!ast_tok_is(a, c->file, t, name)) {
			add_site(c, call, name, NULL, "callee not spelled as a plain name");
			return;
		}
		/* libc's own function: no wrapper of the program's is dropped (a wrapper stays the
		 * fallback of a *_with function, above, and so stays used). */
		const struct ast_token *tk = &a->files[c->file].tok[t];
		add_tagged_edit(c, tag, tk->begin, tk->end, repl, 0);
	}
	if (rf->arena_arg == 0 && !with) {
		const struct ast_token *tk = &a->files[c->file].tok[lp];
		char *arg = xasprintf("&%s, ", c->arena);
		add_tagged_edit(c, tag, tk->end, tk->end, arg, 0);
		free(arg);
	}
	plan_add_tagged_site(c, tag, call, name, repl, NULL);
	c->nrewritten++;
	if (kind != RK_FREE && c->style != RS_OWNER) {
		c->need_arena |= c->style == RS_LOCAL;
		GROW(c->allocs, c->nallocs, c->allocs_cap);
		c->allocs[c->nallocs++] = call;
	}
}

/* ---- names --------------------------------------------------------------------------------- */

/*
 * Whether a new local named `name` could clash: a name the function uses, or a file-scope name
 * declared in the function's own file. Only these, so that a function in a header gets the
 * same names in every unit that includes it (a unit's other globals are shadowed harmlessly:
 * the body does not mention them).
 */
static int name_used(const struct fctx *c, const char *name)
{
	const struct ast *a = c->a;
	for (int n = c->fn; n <= c->fn + a->nodes[c->fn].size; n++)
		if (a->nodes[n].name && !strcmp(a->nodes[n].name, name))
			return 1;
	const struct strmap_ent *en = strmap_find(&c->tu->globals, name);
	for (int d = en ? en->val : -1; d >= 0; d = c->tu->next_decl[d])
		if (a->nodes[a->decls[d].node].file == c->file)
			return 1;
	return 0;
}

static char *fresh_name(const struct fctx *c, const char *base)
{
	char *n = xstrdup(base);
	for (int i = 1; name_used(c, n); i++) {
		free(n);
		n = xasprintf("%s_%d", base, i);
	}
	return n;
}

/* An arena_t variable declared by a previous run, directly in the body. */
static const char *existing_arena(const struct fctx *c)
{
	const struct ast *a = c->a;
	for (int s = ast_first(a, c->body); s >= 0; s = ast_next(a, s)) {
		if (a->nodes[s].kind != AK_DECLSTMT)
			continue;
		for (int v = ast_first(a, s); v >= 0; v = ast_next(a, v)) {
			const struct ast_node *x = &a->nodes[v];
			if (x->kind == AK_VAR && x->decl >= 0 && a->decls[x->decl].type &&
			    !strcmp(a->decls[x->decl].type, rtapi_arena_type()))
				return x->name;
		}
	}
	return NULL;
}

/* ---- one function -------------------------------------------------------------------------- */

/*
 * What a function is in this run. A hotspot with a function-local arena (RS_LOCAL), a hotspot
 * whose arena is a caller's scope (RS_SCOPED: arena_cur_*), a scope owner (pushes its arena;
 * its own calls follow `style`), or a function reachable from a scope (RS_OWNER: only free and
 * realloc change). `tag` marks every edit so a refusal drops exactly its own edits: a hotspot
 * index, the scope group (hot->n + k) for everything a scope's refusal must drop, or -2 for
 * ownership-aware frees, which are correct whatever happens to the rest.
 */
struct role {
	int tag;
	int need; /* PLAN_TAG_SET of the arenas live in it, -2 without one */
	enum rule_style style;
	int scope;
	int reach;         /* reachable from some scope */
	const int *hots;   /* hotspot entries this definition matches */
	const int *groups; /* groups[k]: scope group of entry hots[k], or -1 (own arena) */
	size_t nhots;
};

static int is_scoped_hotspot(const struct fctx *c, const char *name, const char *scope)
{
	const struct hotlist *hl = c->o->hot;
	for (int h = hot_first(hl, name); h >= 0; h = hot_next(hl, h)) {
		const struct hotspot *hs = &hl->v[h];
		if (hs->scope && !strcmp(hs->scope, scope))
			return 1;
	}
	return 0;
}

/*
 * Whether call n may return memory of the scope named `scope`: it calls a hotspot of that
 * scope, or a function from which one is reachable and which returns a pointer (a parser's
 * entry point returning the tree its node constructor built). Only a hotspot whose body calls
 * an allocator hands out scope memory: one that only calls heap constructors (list_build
 * calling node_new, which is no hotspot) returns heap memory.
 */
int plan_returns_scope_memory(const struct fctx *c, int n, const char *scope)
{
	const struct ast *a = c->a;
	const struct ast_node *x = &a->nodes[n];
	if (!x->name)
		return 0;
	const struct cg *g = c->o->cg;
	int start =
	    g && x->decl >= 0 && a->decls[x->decl].usr ? cg_find(g, a->decls[x->decl].usr) : -1;
	if (is_scoped_hotspot(c, x->name, scope) && (start < 0 || g->v[start].allocs))
		return 1;
	if (start < 0 || x->tclass != TC_PTR)
		return 0;
	unsigned char *mark = xcalloc(g->n + 1, 1);
	cg_reach(g, &start, 1, NULL, mark, NULL);
	int hit = 0;
	for (size_t i = 0; i < g->n && !hit; i++)
		hit = mark[i] && g->v[i].allocs && is_scoped_hotspot(c, g->v[i].name, scope);
	free(mark);
	return hit;
}

/*
 * A `release` function (a tree's recursive free) called on memory of this function's arena
 * only walks memory that the arena frees at once: the call becomes (void)(argument). Only a
 * call that is a whole statement, outside macros, is dropped; anything else is kept.
 */
static void plan_release(struct fctx *c, size_t i)
{
	int call = c->releases[i];
	const struct ast *a = c->a;
	const struct ast_node *x = &a->nodes[call];
	int p = x->parent;
	int arg = ast_call_arg(a, call, 0);
	const char *why = NULL;
	if (x->flags & AF_MACRO)
		why = ast_call_unrewritable(a, call, 0);
	else if (ast_call_nargs(a, call) != 1 || arg < 0)
		why = "unexpected number of arguments for a release function";
	else if (p < 0 || (a->nodes[p].kind != AK_COMPOUND && a->nodes[p].kind != AK_CASE &&
	                   a->nodes[p].kind != AK_DEFAULT && a->nodes[p].kind != AK_LABEL))
		why = "not a statement of its own";
	else if (!c->from_arena[i])
		why = "its argument does not come from this arena";
	size_t semi = ast_tok_at(a, c->file, x->end);
	if (!why && !ast_tok_is(a, c->file, semi, ";"))
		why = "call shape not understood";
	if (why) {
		add_site(c, call, x->name, NULL, why);
		return;
	}
	/* The proof that the argument is arena memory holds while the hotspots allocating from a
	 * scope are rewritten: a drop on scope memory goes with every one of them. */
	int hot = c->hot;
	if (hot >= (int)c->o->hot->n)
		c->hot = PLAN_TAG_NEEDS(hot);
	tear_drop_call(c, call, arg, semi, "(dropped)");
	c->hot = hot;
}

size_t plan_brace(const struct fctx *c, int body, int close)
{
	const struct ast *a = c->a;
	const struct ast_node *b = &a->nodes[body];
	const struct ast_file *fl = &a->files[c->file];
	if (b->flags & AF_MACRO)
		return (size_t)-1;
	size_t t = close ? ast_tok_before(a, c->file, b->end) : ast_tok_at(a, c->file, b->begin);
	if (t == (size_t)-1 || t >= fl->ntok ||
	    !(ast_tok_is(a, c->file, t, close ? "}" : "{") ||
	      ast_tok_is(a, c->file, t, close ? "%>" : "<%")))
		return (size_t)-1;
	return close ? fl->tok[t].begin : fl->tok[t].end;
}

static void declare_arena(struct fctx *c)
{
	const struct ast *a = c->a;
	const struct ast_node *b = &a->nodes[c->body];
	int first = ast_first(a, c->body);
	char *ind = first >= 0 && plan_own_line(c->text, a->nodes[first].begin)
	                ? plan_indent_at(c->text, a->nodes[first].begin)
	                : NULL;
	if (!ind) {
		char *base = plan_indent_at(c->text, b->begin);
		ind = xasprintf("%s%s", base, c->unit);
		free(base);
	}
	struct sbuf decl = SBUF_INIT;
	/* Untracked: the rewritten program still frees every object it freed (a teardown it
	 * proves dead runs in malloc mode), so the rollback build needs no record of them. */
	const char *type = rtapi_arena_type(), *init = rtapi_emit(RE_INIT_UNTRACKED);
	if (c->o->style == EXIT_CLEANUP)
		sb_addf(&decl, "%s %s __attribute__((cleanup(%s))) = %s;", type, c->arena,
		        rtapi_emit(c->scope ? RE_SCOPE_END : RE_LOCAL_END), init);
	else
		sb_addf(&decl, "%s %s = %s;", type, c->arena, init);
	size_t open = plan_brace(c, c->body, 0);
	if (open == (size_t)-1) {
		sb_addf(&c->why,
		        "\n  line %u: the body's opening brace is not in the file (spelled "
		        "by a macro): nowhere to declare the arena",
		        b->line);
		sb_release(&decl);
		free(ind);
		return;
	}
	int newline_after = 1;
	for (size_t i = open; i < c->len && c->text[i] != '\n' && c->text[i] != '\r'; i++)
		if (c->text[i] != ' ' && c->text[i] != '\t')
			newline_after = 0;
	if (c->scope) /* the callees' arena_cur_* calls find it on this thread's stack */
		sb_addf(&decl, "%s%s%s(&%s);", newline_after ? "\n" : " ", newline_after ? ind : "",
		        rtapi_emit(RE_SCOPE_PUSH), c->arena);
	char *ins = newline_after ? xasprintf("\n%s%s", ind, decl.buf) : xasprintf(" %s", decl.buf);
	plan_add_edit(c, open, open, ins, 0);
	free(ins);
	sb_release(&decl);
	free(ind);
}

/* The callee whose call in this scope made the memory finding g is about (--profile moves
 * only that hotspot out: rewrite_verdicts). */
static void blame(struct fctx *c, const struct esc_finding *g)
{
	const struct ast *a = c->a;
	for (size_t k = 0; c->scope && g->has_alloc && k < c->nallocs; k++) {
		const struct ast_node *x = &a->nodes[c->allocs[k]];
		if (x->begin != g->alloc.off || !x->name || x->file < 0 ||
		    strcmp(a->files[x->file].path, g->alloc.path))
			continue;
		sb_addf(&c->blame, "%s\n", x->name);
		return;
	}
	c->blame_all = 1;
}

/*
 * The escape analysis of the lint (esc.h), run as if the rewrite were done: memory of this
 * function's own arena must not be returned, and no arena memory may be kept in globals,
 * through parameters or by callees. Every finding refuses, warnings (escapes on some paths)
 * too: on those paths the program would use freed memory. With the run's summaries (o->sums),
 * a scope function is checked even without a call returning scope memory: a callee may store
 * it through an out-parameter (`word_new(t, &w)`). The same walk tells which `release` calls
 * free memory of this arena (plan_release).
 */
static void check_escapes(struct fctx *c, const struct role *role)
{
	const struct plan_opts *o = c->o;
	/* Which release calls free memory of this arena: the same walk answers. */
	c->release_args = xcalloc(c->nreleases + 1, sizeof(*c->release_args));
	c->from_arena = xcalloc(c->nreleases + 1, 1);
	for (size_t i = 0; i < c->nreleases; i++)
		c->release_args[i] = ast_call_arg(c->a, c->releases[i], 0);
	if (c->nallocs || (c->scope && o->sums)) {
		const char *scope = NULL;
		if (!c->scope && c->style == RS_SCOPED && role->nhots && role->groups[0] >= 0)
			scope = o->scopes[role->groups[0] - (int)o->hot->n];
		struct esc_finding *ef = NULL;
		struct esc_check q = {
		    c->allocs,    c->nallocs,    scope,    c->release_args,
		    c->nreleases, c->from_arena, c->scope, o->style == EXIT_EXPLICIT};
		size_t nf = esc_check(c->a, c->fn, &q, o->rules, o->sums, &ef);
		for (size_t i = 0; i < nf; i++) {
			sb_addf(&c->escapes, "\n  line %u: %s [%s]", ef[i].at.line, ef[i].msg,
			        esc_rule_id(ef[i].rule));
			blame(c, &ef[i]);
		}
		esc_findings_free(ef, nf);
		if (c->escapes.len && !o->force)
			sb_add(&c->why, c->escapes.buf, c->escapes.len);
	}
}

/* Rewrites the allocator calls of the body; collects its returns, release calls, and the calls
 * whose memory the arena owns after the rewrite. */
static void scan_body(struct fctx *c)
{
	const struct ast *a = c->a;
	const struct rules *rl = c->o->rules;
	int fn = c->fn;
	int hotspot = c->style != RS_OWNER || c->scope;

	int end = c->body + a->nodes[c->body].size;
	for (int n = c->body + 1; n <= end; n++) {
		const struct ast_node *x = &a->nodes[n];
		if (x->kind == AK_RETURN) {
			GROW(c->returns, c->nreturns, c->returns_cap);
			c->returns[c->nreturns++] = n;
		} else if (x->kind == AK_CALL) {
			if (x->decl >= 0 && a->decls[x->decl].kind == DK_FUNC) {
				const struct rule_alloc *ra = rules_find_alloc(rl, x->name);
				if (ra && ra->kind == RK_RELEASE) {
					GROW(c->releases, c->nreleases, c->releases_cap);
					c->releases[c->nreleases++] = n;
				} else if (ra) {
					plan_call(c, n, x->name, ra->kind,
					          (a->decls[x->decl].flags & DF_SYSTEM)
					              ? VIA_LIBC
					              : VIA_WRAPPER);
				} else if (c->scope &&
				           plan_returns_scope_memory(c, n, a->nodes[fn].name)) {
					GROW(c->allocs, c->nallocs, c->allocs_cap);
					c->allocs[c->nallocs++] = n;
				}
			} else {
				int cs = ast_strip(a, ast_call_callee(a, n));
				/* `(*do_malloc)(n)` calls through the pointer as `do_malloc(n)`
				 * does. */
				if (cs >= 0 && a->nodes[cs].kind == AK_UNARY && a->nodes[cs].op &&
				    !strcmp(a->nodes[cs].op, "*"))
					cs = ast_strip(a, ast_first(a, cs));
				const struct ast_node *cx = cs >= 0 ? &a->nodes[cs] : NULL;
				const struct rule_alloc *ra =
				    cx && cx->kind == AK_MEMBER && cx->name
				        ? rules_find_field(rl, cx->name)
				        : NULL;
				if (ra)
					plan_call(c, n, cx->name, ra->kind, VIA_FIELD);
				else if (hotspot && cx && cx->kind == AK_DECLREF &&
				         x->tclass == TC_PTR && cx->decl >= 0 &&
				         a->decls[cx->decl].kind != DK_FUNC)
					add_site(c, n, cx->name, NULL,
					         "call through a function pointer");
			}
		} else if (hotspot && x->kind == AK_DECLREF && x->decl >= 0 &&
		           a->decls[x->decl].kind == DK_FUNC && rules_find_alloc(rl, x->name) &&
		           cg_ref_use(a, n) == CG_REF_ADDR) {
			add_site(c, n, x->name, NULL,
			         "allocator's address taken: calls through it are not rewritten");
		}
	}
}

/*
 * The price of a long scope (issue 23; docs/scopes.md, section 12): the first loop of a scope
 * function that both takes scope memory (a call in c->allocs) and frees memory (a free or
 * release rule's call, a hook field's free, or a call of a function from which one is
 * reachable in the call graph) gives the scope's note: what the program frees each iteration,
 * the arena keeps until the scope returns. Its line, or 0.
 */
static int frees_rule(const struct rule_alloc *ra)
{
	return ra && (ra->kind == RK_FREE || ra->kind == RK_RELEASE);
}

/* Per call-graph node: whether a free or release rule's function is reachable from it. */
static unsigned char *free_reach(const struct cg *g, const struct rules *rl)
{
	unsigned char *fr = xcalloc(g->n + 1, 1);
	for (int changed = 1; changed;) {
		changed = 0;
		for (size_t f = 0; f < g->n; f++) {
			int v = fr[f] || frees_rule(rules_find_alloc(rl, g->v[f].name));
			for (size_t e = 0; !v && e < g->v[f].ncallees; e++)
				v = fr[g->v[f].callees[e]];
			changed |= v && !fr[f];
			fr[f] = (unsigned char)v;
		}
	}
	return fr;
}

static unsigned scope_frees_early(const struct fctx *c)
{
	const struct ast *a = c->a;
	const struct rules *rl = c->o->rules;
	const struct cg *g = c->o->cg;
	unsigned char *fr = NULL; /* call-graph nodes from which a free is reachable */
	unsigned line = 0;
	int end = c->body + a->nodes[c->body].size;
	for (int l = c->body + 1; l <= end && !line; l++) {
		int k = a->nodes[l].kind, lend = l + a->nodes[l].size, alloc = 0, frees = 0;
		if (k != AK_FOR && k != AK_WHILE && k != AK_DO)
			continue;
		for (size_t i = 0; i < c->nallocs; i++)
			alloc |= c->allocs[i] > l && c->allocs[i] <= lend;
		for (int n = l + 1; alloc && !frees && n <= lend; n++) {
			const struct ast_node *x = &a->nodes[n];
			if (x->kind != AK_CALL)
				continue;
			int cs = ast_strip(a, ast_call_callee(a, n));
			if (cs >= 0 && a->nodes[cs].kind == AK_MEMBER && a->nodes[cs].name)
				frees = frees_rule(rules_find_field(rl, a->nodes[cs].name));
			if (frees || x->decl < 0 || a->decls[x->decl].kind != DK_FUNC)
				continue;
			frees = frees_rule(rules_find_alloc(rl, x->name));
			int ci =
			    g && a->decls[x->decl].usr ? cg_find(g, a->decls[x->decl].usr) : -1;
			if (!frees && ci >= 0) {
				if (!fr)
					fr = free_reach(g, rl);
				frees = fr[ci];
			}
		}
		if (alloc && frees)
			line = a->nodes[l].line;
	}
	free(fr);
	return line;
}

/* One record per hotspot entry this definition stands for, and one for the scope group; all
 * carry the tag of the edits, so plan_finish can tell when every reason to keep them is
 * refused. */
static void add_records(const struct fctx *c, const struct role *role)
{
	const struct ast *a = c->a;
	struct plan *p = c->p;
	int nrec = (int)role->nhots + (c->scope ? 1 : 0);
	unsigned frees_early = c->scope ? scope_frees_early(c) : 0;
	for (int k = 0; k < nrec; k++) {
		GROW(p->funcs, p->nfuncs, p->funcs_cap);
		struct plan_func *pf = &p->funcs[p->nfuncs++];
		memset(pf, 0, sizeof(*pf));
		int entry = k < (int)role->nhots;
		pf->hot = entry ? role->hots[k] : role->tag;
		pf->group = entry ? role->groups[k] : -1;
		pf->alias = role->tag;
		pf->file = xstrdup(a->files[c->file].path);
		pf->off = a->nodes[c->fn].loc;
		pf->line = a->nodes[c->fn].line;
		pf->refused = c->why.len > 0;
		pf->why = c->why.len ? xstrdup(c->why.buf) : NULL;
		pf->nrewritten = c->nrewritten;
		pf->warn = c->o->force && c->escapes.len ? xstrdup(c->escapes.buf) : NULL;
		pf->frees_early = entry ? 0 : frees_early;
		if (!entry && pf->refused && !c->blame_all && c->blame.len &&
		    c->why.len == c->escapes.len)
			pf->blame = xstrdup(c->blame.buf);
	}
}

static void plan_function(struct plan *p, struct tuctx *tu, const struct ast *a,
                          const struct plan_opts *o, const struct role *role, int fn)
{
	struct fctx c;
	memset(&c, 0, sizeof(c));
	c.a = a;
	c.tu = tu;
	c.o = o;
	c.p = p;
	c.tear = &tu->tear;
	c.hot = role->tag;
	c.site = role->nhots ? role->hots[0] : role->scope ? role->tag : -2;
	c.style = role->style;
	c.shared_frees = role->scope || role->reach;
	c.need = role->need;
	c.scope = role->scope;
	c.hots = role->hots;
	c.groups = role->groups;
	c.nhots = role->nhots;
	c.fn = fn;
	c.file = a->nodes[fn].file;
	c.text = a->files[c.file].text;
	c.len = a->files[c.file].len;
	c.body = -1;
	for (int ch = ast_first(a, fn); ch >= 0; ch = ast_next(a, ch))
		if (a->nodes[ch].kind == AK_COMPOUND)
			c.body = ch;
	if (c.body < 0)
		return;
	if (!tu->has_unit[c.file]) {
		indent_unit(c.text, c.len, tu->unit[c.file]);
		tu->has_unit[c.file] = 1;
	}
	strcpy(c.unit, tu->unit[c.file]);
	const char *have = existing_arena(&c);
	c.has_arena = have != NULL;
	c.arena = have ? xstrdup(have)
	               : fresh_name(&c, rtapi_local_name(c.scope ? RL_SCOPE_ARENA : RL_ARENA));
	c.release =
	    xasprintf("%s(&%s);", rtapi_emit(c.scope ? RE_SCOPE_END : RE_LOCAL_END), c.arena);
	c.ret = fresh_name(&c, rtapi_local_name(RL_RETURN));
	sb_init(&c.why);
	sb_init(&c.escapes);
	scan_body(&c);
	check_escapes(&c, role);
	int g = c.need_arena || c.scope ? c.hot : c.nreleases ? tear_callee_scope(&c) : -1;
	if (g >= 0 && g != c.hot) /* a callee's drops go with the scope whose memory they free */
		c.site = c.hot = g;
	for (size_t i = 0; g >= 0 && i < c.nreleases; i++)
		plan_release(&c, i);
	c.hot = role->tag;
	if (c.need_arena || c.scope)
		tear_plan(&c);
	if ((c.need_arena || c.scope) && !c.has_arena) {
		declare_arena(&c);
		if (o->style == EXIT_EXPLICIT)
			plan_exits(&c);
	}

	add_records(&c, role);

	sb_release(&c.why);
	sb_release(&c.escapes);
	sb_release(&c.blame);
	free(c.returns);
	free(c.releases);
	free(c.release_args);
	free(c.from_arena);
	free(c.allocs);
	free(c.arena);
	free(c.release);
	free(c.ret);
}

/* ---- the runtime's include ----------------------------------------------------------------- */

/* Whether offset off of file f lies inside a top-level declaration (a function's body, an
 * initializer): an #include there is an X-macro's table, no place for the runtime's. */
static int inside_decl(const struct ast *a, int f, unsigned off)
{
	for (size_t n = 0; n < a->nnodes; n += (size_t)a->nodes[n].size + 1) {
		const struct ast_node *x = &a->nodes[n];
		if (x->file == f && x->begin < off && off < x->end)
			return 1;
	}
	return 0;
}

/* After the last #include at the shallowest #if depth before `limit`, outside every
 * declaration; else before the first token of the file. Returns 0 when the file already
 * includes the runtime before `limit` (one further down comes after the edited code: the
 * header's guard makes a second include harmless). */
static int include_spot(const struct ast *a, int f, unsigned limit, size_t *at)
{
	const struct ast_file *fl = &a->files[f];
	for (size_t i = 0; i < fl->ninc; i++) {
		const char *n = fl->inc[i].name;
		if (rtapi_is_header(n) && fl->inc[i].begin < limit)
			return 0;
	}
	int depth = 0, best_depth = 1 << 30;
	size_t best = (size_t)-1, inc = 0;
	for (size_t t = 0; t < fl->ntok && fl->tok[t].begin < limit; t++) {
		if (ast_tok_is(a, f, t, "#") && plan_own_line(fl->text, fl->tok[t].begin) &&
		    t + 1 < fl->ntok) {
			if (ast_tok_is(a, f, t + 1, "if") || ast_tok_is(a, f, t + 1, "ifdef") ||
			    ast_tok_is(a, f, t + 1, "ifndef"))
				depth++;
			else if (ast_tok_is(a, f, t + 1, "endif") && depth > 0)
				depth--;
		}
		while (inc < fl->ninc && fl->inc[inc].begin <= fl->tok[t].begin) {
			if (fl->inc[inc].begin == fl->tok[t].begin && depth <= best_depth &&
			    !inside_decl(a, f, fl->inc[inc].begin)) {
				best_depth = depth;
				best = fl->inc[inc].end;
			}
			inc++;
		}
	}
	if (best != (size_t)-1) {
		while (best < fl->len && fl->text[best] != '\n' && fl->text[best] != '\r')
			best++;
		if (best + 1 < fl->len && fl->text[best] == '\r' && fl->text[best + 1] == '\n')
			best++;
		*at = best < fl->len ? best + 1 : fl->len;
		return 1;
	}
	*at = 0;
	for (size_t t = 0; t < fl->ntok; t++)
		if (fl->tok[t].kind != TK_COMMENT) {
			*at = plan_line_begin(fl->text, fl->tok[t].begin);
			break;
		}
	/* Never in front of a UTF-8 byte order mark: it must stay the file's first bytes. */
	if (*at < 3 && fl->len >= 3 && !memcmp(fl->text, "\xef\xbb\xbf", 3))
		*at = 3;
	return 1;
}

/* Records the hash of the text a file's edit offsets refer to (plan.h), once per file. */
void plan_note_text(struct plan *p, const char *path, const struct ast_file *f)
{
	for (size_t i = 0; i < p->ntexts; i++)
		if (!strcmp(p->texts[i].file, path))
			return;
	GROW(p->texts, p->ntexts, p->texts_cap);
	p->texts[p->ntexts++] = (struct plan_text){xstrdup(path), fs_hash(f->text, f->len)};
}

static void tu_init(struct tuctx *tu, const struct ast *a, const struct plan_opts *o)
{
	memset(tu, 0, sizeof(*tu));
	tu->next_decl = xmalloc((a->ndecls + 1) * sizeof(int));
	for (size_t d = 0; d < a->ndecls; d++) {
		const struct ast_decl *dc = &a->decls[d];
		tu->next_decl[d] = -1;
		if ((dc->flags & DF_LOCAL) || dc->node < 0 || !dc->name)
			continue;
		int first = strmap_put(&tu->globals, dc->name, (int)d)->val;
		if (first != (int)d) {
			tu->next_decl[d] = tu->next_decl[first];
			tu->next_decl[first] = (int)d;
		}
	}
	tu->unit = xcalloc(a->nfiles + 1, sizeof(*tu->unit));
	tu->has_unit = xcalloc(a->nfiles + 1, 1);
	tu->inc_done = xcalloc(a->nfiles + 1, 1);
	for (size_t k = 0; k < o->nscopes; k++)
		strmap_put(&tu->scopes, o->scopes[k], (int)k);
	tu->hots = xmalloc((o->hot->n + 1) * sizeof(int));
	tu->groups = xmalloc((o->hot->n + 1) * sizeof(int));
}

void plan_add_include(struct plan *p, const struct ast *a, int file, unsigned limit)
{
	size_t at;
	if (!include_spot(a, file, limit, &at))
		return;
	GROW(p->incs, p->nincs, p->incs_cap);
	p->incs[p->nincs++] = (struct plan_edit){-1,
	                                         xstrdup(a->files[file].path),
	                                         at,
	                                         at,
	                                         xasprintf("#include \"%s\"\n", rtapi_header()),
	                                         -1,
	                                         0};
}

static void tu_free(struct tuctx *tu)
{
	strmap_free(&tu->globals);
	strmap_free(&tu->scopes);
	free(tu->next_decl);
	free(tu->unit);
	free(tu->has_unit);
	free(tu->inc_done);
	free(tu->hots);
	free(tu->groups);
	tear_tu_free(tu->tear);
}

static int scope_index(const struct tuctx *tu, const char *name)
{
	const struct strmap_ent *en = strmap_find(&tu->scopes, name);
	return en ? en->val : -1;
}

/* Entry (a hotspot, or hot->n + k for scope k) refused at definition n: nothing in it can be
 * edited. */
static void refuse_macro_def(struct plan *p, const struct ast *a, int n, int id)
{
	const struct ast_node *x = &a->nodes[n];
	GROW(p->funcs, p->nfuncs, p->funcs_cap);
	struct plan_func *pf = &p->funcs[p->nfuncs++];
	memset(pf, 0, sizeof(*pf));
	pf->hot = pf->alias = id;
	pf->group = -1;
	pf->file = xstrdup(a->files[x->file].path);
	pf->off = x->loc;
	pf->line = x->line;
	pf->refused = 1;
	pf->why = xstrdup("\n  defined by a macro expansion (bison's yyparse, flex's YY_DECL): "
	                  "its body cannot be edited (expand the macro by hand to rewrite it)");
}

/* A hotspot or a scope defined by a macro expansion: found, but nothing in it can be edited.
 * A scope left so would be no scope at all: its hotspots would allocate from whatever scope
 * is pushed, or the heap. */
static void plan_macro_def(struct plan *p, const struct tuctx *tu, const struct ast *a,
                           const struct plan_opts *o, int n)
{
	const struct ast_node *x = &a->nodes[n];
	const char *path = a->files[x->file].path;
	for (int h = hot_first(o->hot, x->name); h >= 0; h = hot_next(o->hot, h)) {
		const struct hotspot *hs = &o->hot->v[h];
		if (!hs->file || hot_file_matches(hs->file, path))
			refuse_macro_def(p, a, n, h);
	}
	int sc = scope_index(tu, x->name);
	if (sc >= 0)
		refuse_macro_def(p, a, n, (int)o->hot->n + sc);
}

/* What definition n is in this run; 0 when the run does not edit it (not a hotspot, not a
 * scope, not reachable from one). */
static int role_of(struct tuctx *tu, const struct ast *a, const struct plan_opts *o, int n,
                   struct role *r)
{
	const struct ast_node *x = &a->nodes[n];
	const char *path = a->files[x->file].path;
	*r = (struct role){-1, -2, RS_OWNER, 0, 0, tu->hots, tu->groups, 0};
	int local = 0, scoped = 0;
	for (int h = hot_first(o->hot, x->name); h >= 0; h = hot_next(o->hot, h)) {
		const struct hotspot *hs = &o->hot->v[h];
		if (hs->file && !hot_file_matches(hs->file, path))
			continue;
		int own = !hs->scope || !strcmp(hs->scope, x->name);
		tu->hots[r->nhots] = h;
		tu->groups[r->nhots++] = own ? -1 : (int)o->hot->n + scope_index(tu, hs->scope);
		local |= own;
		scoped |= !own;
	}
	int sc = scope_index(tu, x->name);
	const char *usr = x->decl >= 0 ? a->decls[x->decl].usr : NULL;
	int ci = o->cg && usr ? cg_find(o->cg, usr) : -1;
	int reach = ci >= 0 && o->reach && o->reach[ci];
	int lreach = ci >= 0 && o->reach_local ? o->reach_local[ci] : -1;
	int set = ci >= 0 && o->sets && o->sets->of ? o->sets->of[ci] : -1;
	r->need = set >= 0 ? PLAN_TAG_SET(set) : -2;
	if (local)
		r->style = RS_LOCAL;
	else if (scoped)
		r->style = RS_SCOPED;
	r->reach = reach;
	r->scope = sc >= 0;
	if (sc >= 0)
		r->tag = (int)o->hot->n + sc;
	else if (r->nhots)
		r->tag = tu->hots[0];
	else if (reach || lreach != -1) /* only free/realloc change, for the arenas it serves */
		r->tag = r->need != -2 ? r->need : lreach >= 0 && !reach ? lreach : -2;
	else
		return 0;
	return 1;
}

/* Plans definition n if the run edits it. */
static void plan_definition(struct plan *p, struct tuctx *tu, const struct ast *a,
                            const struct plan_opts *o, int n)
{
	const struct ast_node *x = &a->nodes[n];
	struct role r;
	if (!role_of(tu, a, o, n, &r))
		return;
	size_t before = p->nedits;
	plan_function(p, tu, a, o, &r, n);
	if (p->nedits > before)
		plan_note_text(p, a->files[x->file].path, &a->files[x->file]);
	/* Only a file's first include spot is used (plan_finish), so one is decided per file. */
	if (p->nedits > before && !tu->inc_done[x->file]) {
		tu->inc_done[x->file] = 1;
		plan_add_include(p, a, x->file, x->begin);
	}
}

int plan_tu(struct plan *p, const struct ast *a, const struct plan_opts *o, struct err *e)
{
	(void)e;
	p->sets = o->sets;
	struct tuctx tu;
	tu_init(&tu, a, o);
	for (size_t n = 0; n < a->nnodes; n++) {
		const struct ast_node *x = &a->nodes[n];
		if (x->parent >= 0 || x->kind != AK_FUNC || !(x->flags & AF_DEFINITION) ||
		    (x->flags & AF_SYSHDR) || x->file < 0 || !x->name)
			continue;
		if (x->flags & AF_MACRO)
			plan_macro_def(p, &tu, a, o, (int)n);
		else
			plan_definition(p, &tu, a, o, (int)n);
	}
	if (o->addr_frees)
		plan_addr_frees(p, a, o);
	tu_free(&tu);
	return 0;
}
