#include "ast.h"
#include "mem.h"
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

/* The interned strings: each is allocated once and owned by the ast. */
struct ast_strpool {
	struct strmap set;
};

const char *ast_intern(struct ast *a, const char *s)
{
	if (!s)
		return NULL;
	const struct strmap_ent *e = strmap_find(&a->pool->set, s);
	return e ? e->key : strmap_put(&a->pool->set, xstrdup(s), 0)->key;
}

struct ast *ast_new(const char *main_file)
{
	struct ast *a = xcalloc(1, sizeof(*a));
	a->pool = xcalloc(1, sizeof(*a->pool));
	a->main_file = xstrdup(main_file);
	return a;
}

void ast_free(struct ast *a)
{
	if (!a)
		return;
	strmap_free_keys(&a->pool->set);
	free(a->pool);
	for (size_t i = 0; i < a->nfiles; i++) {
		struct ast_file *f = &a->files[i];
		free(f->path);
		free(f->text);
		free(f->tok);
		free(f->inc);
		free(f->macro);
	}
	free(a->files);
	free(a->mdefs);
	free(a->nodes);
	free(a->decls);
	free(a->main_file);
	free(a);
}

int ast_first(const struct ast *a, int n)
{
	return a->nodes[n].size > 0 ? n + 1 : -1;
}

int ast_next(const struct ast *a, int c)
{
	int p = a->nodes[c].parent;
	int nx = c + a->nodes[c].size + 1;
	if (p < 0)
		return nx < (int)a->nnodes ? nx : -1;
	return nx <= p + a->nodes[p].size ? nx : -1;
}

int ast_child(const struct ast *a, int n, int i)
{
	int c = ast_first(a, n);
	while (c >= 0 && i-- > 0)
		c = ast_next(a, c);
	return c;
}

int ast_last(const struct ast *a, int n)
{
	int last = -1;
	for (int c = ast_first(a, n); c >= 0; c = ast_next(a, c))
		last = c;
	return last;
}

int ast_strip(const struct ast *a, int n)
{
	while (n >= 0) {
		const struct ast_node *x = &a->nodes[n];
		if (x->kind == AK_PAREN || x->kind == AK_CAST || x->kind == AK_UNEXPOSED) {
			/* A cast's first child may be its type reference; the operand is last. */
			int last = ast_last(a, n);
			if (last < 0)
				return n;
			n = last;
			continue;
		}
		return n;
	}
	return n;
}

int ast_enclosing(const struct ast *a, int n, unsigned long long kinds)
{
	for (int p = a->nodes[n].parent; p >= 0; p = a->nodes[p].parent)
		if (kinds & (1ull << a->nodes[p].kind))
			return p;
	return -1;
}

int ast_call_callee(const struct ast *a, int call)
{
	return ast_first(a, call);
}

int ast_call_nargs(const struct ast *a, int call)
{
	return a->nodes[call].nchild > 0 ? a->nodes[call].nchild - 1 : 0;
}

int ast_call_arg(const struct ast *a, int call, int i)
{
	return ast_child(a, call, i + 1);
}

size_t ast_tok_at(const struct ast *a, int f, unsigned off)
{
	const struct ast_file *fl = &a->files[f];
	size_t lo = 0, hi = fl->ntok;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (fl->tok[mid].begin < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t ast_tok_before(const struct ast *a, int f, unsigned off)
{
	const struct ast_file *fl = &a->files[f];
	size_t i = ast_tok_at(a, f, off);
	while (i > 0) {
		i--;
		if (fl->tok[i].end <= off && fl->tok[i].kind != TK_COMMENT)
			return i;
	}
	return (size_t)-1;
}

int ast_tok_is(const struct ast *a, int f, size_t t, const char *s)
{
	const struct ast_file *fl = &a->files[f];
	if (t >= fl->ntok)
		return 0;
	size_t n = fl->tok[t].end - fl->tok[t].begin;
	return strlen(s) == n && !memcmp(fl->text + fl->tok[t].begin, s, n);
}

long ast_expansion_at(const struct ast *a, int f, unsigned off)
{
	const struct ast_file *fl = &a->files[f];
	size_t lo = 0, hi = fl->nmacro;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (fl->macro[mid][0] <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* Ranges may nest only by identity here (clang reports outermost expansions in file
	 * order), so the candidate is the last one starting at or before off. */
	return lo > 0 && off < fl->macro[lo - 1][1] ? (long)(lo - 1) : -1;
}

int ast_in_macro(const struct ast *a, int f, unsigned off)
{
	return ast_expansion_at(a, f, off) >= 0;
}

/*
 * Whether call n, flagged as spelled in a macro argument, is spelled in the body instead: its
 * first token comes from an argument (`parser` of expat's `parser->m_mem.free_fcn((p))`), but
 * the invocation [b, e) does not spell its callee's name followed by `(`.
 */
static int call_in_body(const struct ast *a, int n, unsigned b, unsigned e)
{
	const struct ast_node *x = &a->nodes[n];
	int callee = x->kind == AK_CALL ? ast_call_callee(a, n) : -1;
	int cs = callee >= 0 ? ast_strip(a, callee) : -1;
	if (cs < 0 || !a->nodes[cs].name)
		return 0;
	const struct ast_file *fl = &a->files[x->file];
	for (size_t t = ast_tok_at(a, x->file, b); t + 1 < fl->ntok && fl->tok[t].begin < e; t++)
		if (ast_tok_is(a, x->file, t, a->nodes[cs].name) &&
		    ast_tok_is(a, x->file, t + 1, "("))
			return 0;
	return 1;
}

int ast_macro_of(const struct ast *a, int n)
{
	const struct ast_node *x = &a->nodes[n];
	if (!(x->flags & AF_MACRO) || x->file < 0)
		return -1;
	const struct ast_file *fl = &a->files[x->file];
	long e = ast_expansion_at(a, x->file, x->loc);
	size_t lo = (size_t)(e + 1);
	if (e < 0 || fl->macro[lo - 1][2] >= a->nmdefs)
		return -1;
	if ((x->flags & AF_MACRO_ARG) &&
	    !call_in_body(a, n, fl->macro[lo - 1][0], fl->macro[lo - 1][1]))
		return -1;
	const struct ast_mdef *d = &a->mdefs[fl->macro[lo - 1][2]];
	/* The expansion's first token names the macro (an expansion nested in another's body
	 * would not), and the definition is one whose tokens the unit keeps. */
	if (!d->fnlike || d->file < 0 || a->files[d->file].system || !a->files[d->file].ntok ||
	    !ast_tok_is(a, x->file, ast_tok_at(a, x->file, fl->macro[lo - 1][0]), d->name))
		return -1;
	return (int)fl->macro[lo - 1][2];
}

static const char *const kind_names[AK__COUNT] = {
    "other",     "function", "var",    "param",   "field",    "record",  "typedef",  "block",
    "declstmt",  "return",   "if",     "switch",  "case",     "default", "while",    "do",
    "for",       "label",    "goto",   "break",   "continue", "null",    "asm",      "call",
    "declref",   "member",   "unary",  "binary",  "assignop", "cast",    "paren",    "cond",
    "subscript", "int",      "string", "literal", "initlist", "sizeof",  "stmtexpr", "unexposed"};

const char *ast_kind_name(enum ast_kind k)
{
	return k < AK__COUNT ? kind_names[k] : "?";
}

int ast_is_callee(const struct ast *a, int n)
{
	int child = n, p = a->nodes[n].parent;
	while (p >= 0 && (a->nodes[p].kind == AK_UNEXPOSED || a->nodes[p].kind == AK_PAREN)) {
		child = p;
		p = a->nodes[p].parent;
	}
	return p >= 0 && a->nodes[p].kind == AK_CALL && ast_first(a, p) == child;
}

const char *ast_call_ftype(const struct ast *a, int n)
{
	const struct ast_node *x = &a->nodes[n];
	if (x->decl >= 0 && a->decls[x->decl].kind == DK_FUNC)
		return a->decls[x->decl].ftype;
	return x->op;
}

int ast_ftype_takes_void_ptr(const char *ftype)
{
	const char *p = ftype ? strchr(ftype, '(') : NULL;
	static const char vp[] = "(void *";
	return p && !strncmp(p, vp, sizeof(vp) - 1) &&
	       (p[sizeof(vp) - 1] == ')' || p[sizeof(vp) - 1] == ',');
}

/* n only reads: a variable, a member, *p or p[i] of such, a literal (written twice, it reads
 * the same thing twice). */
static int expr_pure(const struct ast *a, int n)
{
	if (n < 0 || (a->nodes[n].flags & AF_MACRO))
		return 0;
	const struct ast_node *x = &a->nodes[n];
	int c0 = ast_first(a, n);
	switch (x->kind) {
	case AK_DECLREF:
	case AK_INTLIT:
		return 1;
	case AK_PAREN:
	case AK_CAST:
	case AK_UNEXPOSED:
		return expr_pure(a, ast_last(a, n));
	case AK_MEMBER:
		return expr_pure(a, c0);
	case AK_UNARY:
		return x->op && !strcmp(x->op, "*") && expr_pure(a, c0);
	case AK_SUBSCRIPT:
		return expr_pure(a, c0) && c0 >= 0 && expr_pure(a, ast_next(a, c0));
	default:
		return 0;
	}
}

const char *ast_typed_free_unrewritable(const struct ast *a, int n, const char *ftype)
{
	if (!ftype || ast_ftype_takes_void_ptr(ftype) || ast_call_nargs(a, n) != 1)
		return NULL;
	if (!expr_pure(a, ast_call_arg(a, n, 0)))
		return "a typed free wrapper's argument that is more than a variable, member or "
		       "element (the rewrite tests its owner first and writes it twice)";
	return NULL;
}

int ast_call_owner_guarded(const struct ast *a, int n, const char *owner)
{
	int child = n, p = a->nodes[n].parent;
	while (p >= 0 && (a->nodes[p].kind == AK_PAREN || a->nodes[p].kind == AK_UNEXPOSED)) {
		child = p;
		p = a->nodes[p].parent;
	}
	if (p < 0 || a->nodes[p].kind != AK_COND || ast_last(a, p) != child)
		return 0;
	int t = ast_strip(a, ast_first(a, p));
	return t >= 0 && a->nodes[t].kind == AK_CALL && a->nodes[t].name && owner &&
	       !strcmp(a->nodes[t].name, owner);
}

/* The first token of macro d's body, after its name and parameter list. */
static size_t body_first(const struct ast *a, const struct ast_mdef *d)
{
	const struct ast_file *fl = &a->files[d->file];
	size_t t = ast_tok_at(a, d->file, d->begin) + 1;
	if (!d->fnlike)
		return t;
	for (; t < fl->ntok && fl->tok[t].begin < d->end; t++)
		if (ast_tok_is(a, d->file, t, ")"))
			return t + 1;
	return t;
}

/* The first token of the postfix expression ending at token t (`(p)->m_mem.fn`): back over
 * members, subscripts and parenthesised operands, to an identifier or a closing group. */
static size_t postfix_start(const struct ast *a, int f, size_t first, size_t t)
{
	const struct ast_file *fl = &a->files[f];
	for (;;) {
		if (t <= first || !(ast_tok_is(a, f, t - 1, ".") || ast_tok_is(a, f, t - 1, "->")))
			return t;
		if (t - 1 <= first)
			return t;
		size_t o = t - 2;
		while (ast_tok_is(a, f, o, ")") || ast_tok_is(a, f, o, "]")) {
			int depth = 0;
			for (;; o--) {
				depth += ast_tok_is(a, f, o, ")") || ast_tok_is(a, f, o, "]");
				depth -= ast_tok_is(a, f, o, "(") || ast_tok_is(a, f, o, "[");
				if (!depth || o <= first)
					break;
			}
			if (depth || o <= first)
				return o;
			/* `a[i]`: the subscripted operand goes on; `(p)`: a whole operand */
			if (ast_tok_is(a, f, o, "(") && !ast_tok_is(a, f, o - 1, "]") &&
			    fl->tok[o - 1].kind != TK_IDENT)
				return o;
			o--;
		}
		if (fl->tok[o].kind != TK_IDENT)
			return t;
		t = o;
	}
}

int ast_macro_callee_toks(const struct ast *a, int call, size_t *head, size_t *paren, int max)
{
	int d = ast_macro_of(a, call);
	int callee = ast_call_callee(a, call);
	int cs = callee >= 0 ? ast_strip(a, callee) : -1;
	if (d < 0 || cs < 0)
		return 0;
	const struct ast_node *cn = &a->nodes[cs];
	int field = cn->kind == AK_MEMBER;
	if (!cn->name || (!field && cn->kind != AK_DECLREF))
		return 0;
	const struct ast_mdef *m = &a->mdefs[d];
	const struct ast_file *fl = &a->files[m->file];
	size_t first = body_first(a, m);
	int n = 0;
	for (size_t t = first; t + 1 < fl->ntok && fl->tok[t + 1].begin < m->end; t++) {
		if (fl->tok[t].kind != TK_IDENT || !ast_tok_is(a, m->file, t, cn->name) ||
		    !ast_tok_is(a, m->file, t + 1, "("))
			continue;
		int member = t > first && (ast_tok_is(a, m->file, t - 1, ".") ||
		                           ast_tok_is(a, m->file, t - 1, "->"));
		if (member != field)
			continue;
		if (n < max) {
			head[n] = field ? postfix_start(a, m->file, first, t) : t;
			paren[n] = t + 1;
		}
		n++;
	}
	return n;
}

const char *ast_call_unrewritable(const struct ast *a, int n, int by_name)
{
	const struct ast_node *x = &a->nodes[n];
	if (x->flags & AF_MACRO)
		return (x->flags & AF_MACRO_ARG) ? "inside a macro argument"
		                                 : "inside a macro expansion";
	int callee = ast_call_callee(a, n);
	int cs = callee >= 0 ? ast_strip(a, callee) : -1;
	if (cs < 0 || (a->nodes[cs].flags & AF_MACRO) || (a->nodes[callee].flags & AF_MACRO))
		return "callee spelled through a macro";
	if (x->file < 0 ||
	    !ast_tok_is(a, x->file, ast_tok_at(a, x->file, a->nodes[callee].end), "("))
		return "call shape not understood";
	if (by_name && (!x->name ||
	                !ast_tok_is(a, x->file, ast_tok_at(a, x->file, a->nodes[cs].loc), x->name)))
		return "callee not spelled as a plain name";
	return NULL;
}
