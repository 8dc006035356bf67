/*
 * tear_edit: the edits of a teardown tear.c proved dead (see tear.h for the proofs). Nothing is
 * deleted: the arena build compiles the walk out and malloc mode, the rollback build, still
 * runs it, so that build frees every object where the original did and its arenas need no
 * record of them (ARENA_INIT_UNTRACKED):
 *  - a call:  tree_free(t);  ->  ARENA_TEARDOWN(tree_free, t); with a note after it;
 *  - a loop:  wrapped in `#if ARENA_MALLOC_MODE` lines, its planned arena_free edits kept;
 *  - a free of the arena's own memory at its end:  free(p);  ->  ARENA_TEARDOWN(arena_free, p);
 * Each is a site with replacement TEAR_REMOVED (the report and the notes list it), under c->hot.
 */
#include "front.h"
#include "mem.h"
#include "plan.h"
#include "plan_int.h"
#include "rtapi.h"
#include "tear.h"

#include <stdlib.h>
#include <string.h>

/* Drops the edits and sites planned inside [begin, end] of c's file: a free's rename. */
static void drop_planned(struct fctx *c, unsigned begin, unsigned end)
{
	struct plan *p = c->p;
	const char *path = c->a->files[c->file].path;
	size_t k = 0;
	for (size_t i = 0; i < p->nedits; i++) {
		struct plan_edit *e = &p->edits[i];
		if (!strcmp(e->file, path) && e->begin >= begin && e->end <= end) {
			free(e->file);
			free(e->text);
		} else
			p->edits[k++] = *e;
	}
	p->nedits = k;
	k = 0;
	for (size_t i = 0; i < p->nsites; i++) {
		struct plan_site *s = &p->sites[i];
		if (!strcmp(s->file, path) && s->off >= begin && s->off <= end) {
			free(s->file);
			free(s->callee);
			free(s->replacement);
			free(s->reason);
			c->nrewritten -= s->replacement != NULL;
		} else
			p->sites[k++] = *s;
	}
	p->nsites = k;
}

/* call -> ARENA_TEARDOWN(fname, its argument arg), a site with replacement repl. */
static void write_teardown(struct fctx *c, int call, int arg, const char *fname, const char *repl)
{
	const struct ast_node *x = &c->a->nodes[call], *an = &c->a->nodes[arg];
	char *text = xasprintf("%s(%s, %.*s)", rtapi_emit(RE_TEARDOWN), fname,
	                       (int)(an->end - an->begin), c->text + an->begin);
	plan_add_edit(c, x->begin, x->end, text, 0);
	free(text);
	plan_add_tagged_site(c, c->hot, call, x->name, repl, NULL);
	c->nrewritten++;
}

void tear_drop_call(struct fctx *c, int call, int arg, size_t semi, const char *repl)
{
	const struct ast *a = c->a;
	const struct ast_node *x = &a->nodes[call];
	write_teardown(c, call, arg, x->name, repl);
	char *text = xasprintf(" /* %s(): released with the arena */", x->name);
	size_t after = a->files[c->file].tok[semi].end;
	plan_add_edit(c, after, after, text, 0);
	free(text);
}

/* tree_free(t); -> ARENA_TEARDOWN(tree_free, t); with the note, as a dropped `release` call. */
int tear_remove_call(struct fctx *c, int call)
{
	const struct ast *a = c->a;
	const struct ast_node *x = &a->nodes[call];
	int arg = ast_call_arg(a, call, 0);
	size_t semi = ast_tok_at(a, c->file, x->end);
	if (ast_call_nargs(a, call) != 1 || arg < 0 || !ast_tok_is(a, c->file, semi, ";"))
		return 0;
	tear_drop_call(c, call, arg, semi, TEAR_REMOVED);
	return 1;
}

/*
 * A loop of frees -> wrapped in `#if ARENA_MALLOC_MODE` lines, its planned arena_free edits
 * kept: malloc mode still runs it, so that build frees every object as the original did and
 * its arenas need no record of them (ARENA_INIT_UNTRACKED). Only a loop on lines of its own can
 * take the directives; any other is kept. Returns whether it was guarded.
 */
int tear_remove_loop(struct fctx *c, int l)
{
	const struct ast *a = c->a;
	const struct ast_node *x = &a->nodes[l];
	size_t end = x->end, semi = ast_tok_at(a, c->file, x->end);
	if (ast_tok_is(a, c->file, semi, ";")) /* an unbraced body's, or a do-while's */
		end = a->files[c->file].tok[semi].end;
	size_t after = end;
	while (after < c->len && (c->text[after] == ' ' || c->text[after] == '\t'))
		after++;
	if (!plan_own_line(c->text, x->begin) ||
	    (after < c->len && c->text[after] != '\n' && c->text[after] != '\r'))
		return 0;
	char *open = xasprintf("#if %s /* loop of frees: released with the arena */\n",
	                       rtapi_emit(RE_MALLOC_MODE));
	plan_add_edit(c, plan_line_begin(c->text, x->begin), plan_line_begin(c->text, x->begin),
	              open, 0);
	free(open);
	plan_add_edit(c, end, end, "\n#endif", 0);
	plan_add_tagged_site(c, c->hot, l, "loop of frees", TEAR_REMOVED, NULL);
	c->nrewritten++;
	return 1;
}

/*
 * free(p); at the end (ends_after) of p's arena, p its memory (tear.c's own_locals or
 * own_memory_only) ->
 * ARENA_TEARDOWN(arena_free, p); in place of the planned arena_free(p): the object is released
 * with the arena right after, and malloc mode still frees it there.
 */
void tear_remove_free(struct fctx *c, int call)
{
	const struct ast *a = c->a;
	const struct ast_node *x = &a->nodes[call];
	const struct rt_func *rf = rtapi_call(RK_FREE, c->style, 0);
	int arg = ast_call_arg(a, call, 0);
	size_t semi = ast_tok_at(a, c->file, x->end);
	if (!rf || arg < 0 || !ast_tok_is(a, c->file, semi, ";"))
		return;
	drop_planned(c, x->begin, x->end);
	write_teardown(c, call, arg, rf->name, TEAR_REMOVED);
}
