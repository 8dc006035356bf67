/*
 * plan_exit: the arena's release at every exit of a function in the explicit exit style
 * (--exit-style=explicit), and the whitespace helpers the planner's files share.
 *
 * A return becomes `release; return ...;`, with the value evaluated first into a temporary
 * when it may read arena memory, and braces added when the return is the body of a
 * statement; the end of a body that does not end in a return gets the release too. Edits go
 * through plan_add_edit (plan.c) under the function's tag; what cannot be done is a refusal
 * reason in c->why.
 */
#include "front.h"
#include "mem.h"
#include "plan_int.h"
#include "sbuf.h"

#include <stdlib.h>
#include <string.h>

/* ---- text helpers: whitespace only, never C syntax ------------------------------------- */

size_t plan_line_begin(const char *t, size_t off)
{
	while (off > 0 && t[off - 1] != '\n' && t[off - 1] != '\r')
		off--;
	return off;
}

int plan_own_line(const char *t, size_t off)
{
	for (size_t i = plan_line_begin(t, off); i < off; i++)
		if (t[i] != ' ' && t[i] != '\t')
			return 0;
	return 1;
}

char *plan_indent_at(const char *t, size_t off)
{
	size_t b = plan_line_begin(t, off), e = b;
	while (t[e] == ' ' || t[e] == '\t')
		e++;
	return xstrndup(t + b, e - b);
}

/* ---- exits (explicit style) ------------------------------------------------------------- */

/* Whether evaluating expression n may read memory (and so must happen before the release). */
static int reads_memory(const struct ast *a, int n)
{
	for (int i = n; i <= n + a->nodes[n].size; i++) {
		const struct ast_node *x = &a->nodes[i];
		if (x->flags & AF_MACRO)
			return 1;
		switch (x->kind) {
		case AK_CALL:
		case AK_SUBSCRIPT:
		case AK_STMTEXPR:
		case AK_OTHER:
			return 1;
		case AK_MEMBER:
			if (x->flags & AF_ARROW)
				return 1;
			break;
		case AK_UNARY:
			if (!x->op || !strcmp(x->op, "*"))
				return 1;
			break;
		case AK_BINARY:
		case AK_ASSIGNOP:
			if (!x->op)
				return 1;
			break;
		default:
			break;
		}
	}
	return 0;
}

/*
 * Whether `release; return` needs braces to stay one statement: the return is the body of an
 * if/else/loop, or it follows case/default/labels that are themselves not directly in a block
 * (`switch (k) case 0: return 0;`, `if (x) out: return 1;`).
 */
static int needs_braces(const struct ast *a, int r)
{
	int p = a->nodes[r].parent;
	while (p >= 0 && (a->nodes[p].kind == AK_CASE || a->nodes[p].kind == AK_DEFAULT ||
	                  a->nodes[p].kind == AK_LABEL))
		p = a->nodes[p].parent;
	return p >= 0 && a->nodes[p].kind != AK_COMPOUND;
}

static void plan_return(struct fctx *c, int r)
{
	const struct ast *a = c->a;
	const struct ast_node *x = &a->nodes[r];
	const char *t = c->text;
	if (x->flags & AF_MACRO) {
		sb_addf(
		    &c->why,
		    "\n  line %u: a return inside a macro expansion cannot be given an explicit "
		    "arena release (use --exit-style=cleanup)",
		    x->line);
		return;
	}
	size_t semi = ast_tok_at(a, c->file, x->end);
	if (!ast_tok_is(a, c->file, semi, ";") ||
	    !ast_tok_is(a, c->file, ast_tok_at(a, c->file, x->begin), "return")) {
		sb_addf(&c->why, "\n  line %u: return statement shape not understood", x->line);
		return;
	}
	size_t semi_end = a->files[c->file].tok[semi].end;
	size_t rb = x->begin;
	int e = ast_first(a, r);
	const struct ast_decl *fd = &a->decls[a->nodes[c->fn].decl];
	int is_void = fd->tclass == TC_VOID;
	int temp = e >= 0 && !is_void && reads_memory(a, e);
	int voidexpr = e >= 0 && is_void;
	int braces = needs_braces(a, r);
	int own = plan_own_line(t, rb);
	char *indR = plan_indent_at(t, rb);
	char *rel = xstrdup(c->release);
	size_t prev = ast_tok_before(a, c->file, rb);
	char *indP =
	    prev != (size_t)-1 ? plan_indent_at(t, a->files[c->file].tok[prev].begin) : xstrdup("");
	size_t prev_end = prev != (size_t)-1 ? a->files[c->file].tok[prev].end : rb;
	struct sbuf s = SBUF_INIT;

	if (!temp && !voidexpr) {
		if (braces && own) {
			plan_add_edit(c, prev_end, prev_end, " {", 1);
			sb_addf(&s, "%s\n%s", rel, indR);
			plan_add_edit(c, rb, rb, s.buf, 1);
			sb_reset(&s);
			sb_addf(&s, "\n%s}", indP);
			plan_add_edit(c, semi_end, semi_end, s.buf, 1);
		} else if (braces) {
			sb_addf(&s, "{ %s ", rel);
			plan_add_edit(c, rb, rb, s.buf, 1);
			plan_add_edit(c, semi_end, semi_end, " }", 1);
		} else {
			sb_addf(&s, "%s%s%s", rel, own ? "\n" : " ", own ? indR : "");
			plan_add_edit(c, rb, rb, s.buf, 1);
		}
	} else {
		/* Evaluate the value first: `T tmp = expr; release; return tmp;` in a block. */
		struct sbuf decl = SBUF_INIT;
		if (temp) {
			const char *ty = fd->type;
			if (!ty || strchr(ty, '(') || strchr(ty, '[') || strstr(ty, "unnamed") ||
			    strstr(ty, "anonymous"))
				sb_addf(&decl, "__typeof__(%.*s) %s = ",
				        (int)(a->nodes[e].end - a->nodes[e].begin),
				        t + a->nodes[e].begin, c->ret);
			else
				sb_addf(&decl, "%s%s%s = ", ty,
				        ty[strlen(ty) - 1] == '*' ? "" : " ", c->ret);
		}
		/* `return errno = EINVAL, -1;`: as an initializer the comma would declare more
		 * variables; parenthesized, it stays one expression (so is a binary operator whose
		 * spelling libclang hid behind a macro). */
		int comma = temp && a->nodes[e].kind == AK_BINARY &&
		            (!a->nodes[e].op || !strcmp(a->nodes[e].op, ","));
		if (comma) {
			sb_adds(&decl, "(");
			plan_add_edit(c, a->nodes[e].end, a->nodes[e].end, ")", 1);
		}
		const char *tail_ret = temp ? c->ret : NULL;
		size_t eb = a->nodes[e].begin;
		if (own && braces) {
			plan_add_edit(c, prev_end, prev_end, " {", 1);
			plan_add_edit(c, rb, eb, decl.buf, 1);
			sb_addf(&s, "\n%s%s\n%sreturn%s%s;\n%s}", indR, rel, indR,
			        tail_ret ? " " : "", tail_ret ? tail_ret : "", indP);
		} else if (own) {
			sb_addf(&s, "{\n%s%s%s", indR, c->unit, decl.buf);
			plan_add_edit(c, rb, eb, s.buf, 1);
			sb_reset(&s);
			sb_addf(&s, "\n%s%s%s\n%s%sreturn%s%s;\n%s}", indR, c->unit, rel, indR,
			        c->unit, tail_ret ? " " : "", tail_ret ? tail_ret : "", indR);
		} else {
			sb_addf(&s, "{ %s", decl.buf);
			plan_add_edit(c, rb, eb, s.buf, 1);
			sb_reset(&s);
			sb_addf(&s, " %s return%s%s; }", rel, tail_ret ? " " : "",
			        tail_ret ? tail_ret : "");
		}
		plan_add_edit(c, semi_end, semi_end, s.buf, 2);
		sb_release(&decl);
	}
	sb_release(&s);
	free(indR);
	free(indP);
	free(rel);
}

void plan_exits(struct fctx *c)
{
	const struct ast *a = c->a;
	for (size_t i = 0; i < c->nreturns; i++)
		plan_return(c, c->returns[i]);
	/* The end of the body, unless its last statement is a return. */
	int last = -1;
	for (int s = ast_first(a, c->body); s >= 0; s = ast_next(a, s))
		last = s;
	if (last >= 0 && a->nodes[last].kind == AK_RETURN && !(a->nodes[last].flags & AF_MACRO))
		return;
	size_t close = plan_brace(c, c->body, 1);
	if (close == (size_t)-1) {
		sb_addf(&c->why, "\n  line %u: end of the function body not found",
		        a->nodes[c->body].line);
		return;
	}
	char *rel = xstrdup(c->release);
	if (plan_own_line(c->text, close)) {
		char *ind = plan_indent_at(c->text, close);
		char *s = xasprintf("%s%s%s\n", ind, c->unit, rel);
		plan_add_edit(c, plan_line_begin(c->text, close), plan_line_begin(c->text, close),
		              s, 3);
		free(s);
		free(ind);
	} else {
		char *s = xasprintf("%s ", rel);
		plan_add_edit(c, close, close, s, 3);
		free(s);
	}
	free(rel);
}
