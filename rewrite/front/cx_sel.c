/*
 * cx_sel: which function bodies a lint needs converted (cx_parse_related in cx.h).
 *
 * Seeds: functions named in `names`, bodies whose raw tokens mention a name or an identifier
 * with one of `prefixes`, and bodies that expand a macro defined outside system headers (it
 * may hide either). Then, to a fixpoint: callees of wanted functions, and callers of wanted
 * functions whose result is a pointer or a struct (it may carry what the callee allocated).
 * A "call" here is any mention of one of this unit's function names in a body's tokens, so a
 * callback counts too. Works on the raw tokens and top-level cursors only: it runs before the
 * bodies are converted, which is the point.
 *
 * Ownership: struct sel belongs to one cx_parse_related call; the names are interned in the
 * ast being built.
 */
#include "ast.h"
#include "cx_int.h"
#include "mem.h"
#include "strmap.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

struct sfunc {
	const char *name; /* interned in the ast */
	int file;
	unsigned begin, end;
	int returns_value; /* pointer or struct result: may carry what a callee allocated */
	int wanted;
	size_t *calls; /* indices into sel.funcs of this unit's functions it calls */
	size_t ncalls, calls_cap;
};

struct sel {
	const char *const *names;
	size_t nnames;
	struct strmap nameset; /* names, looked up per identifier */
	const char *const *prefixes;
	size_t nprefixes;
	/* expansions of macros defined outside system headers: file, offset, and the file and
	 * extent of the macro's definition (sorted by the first two before the bodies are
	 * scanned, for has_umacro) */
	unsigned (*umacro)[5];
	size_t numacro, umacro_cap;
	struct sfunc *funcs;
	size_t nfuncs, funcs_cap;
};

struct sel *cx_sel_new(const char *const *names, size_t nnames, const char *const *prefixes,
                       size_t nprefixes)
{
	struct sel *sl = xcalloc(1, sizeof(*sl));
	sl->names = names;
	sl->nnames = nnames;
	sl->prefixes = prefixes;
	sl->nprefixes = nprefixes;
	return sl;
}

void cx_sel_free(struct sel *sl)
{
	if (!sl)
		return;
	for (size_t i = 0; i < sl->nfuncs; i++)
		free(sl->funcs[i].calls);
	free(sl->funcs);
	free(sl->umacro);
	strmap_free(&sl->nameset);
	free(sl);
}

/* A macro the unit defines itself may expand to anything, arena calls included. */
void cx_sel_note_macro(struct conv *cv, CXCursor c, int fi, unsigned off)
{
	CXCursor def = clang_getCursorReferenced(c);
	if (clang_Cursor_isNull(def) || cx_is_system(cv, def))
		return;
	struct sel *sl = cv->sel;
	unsigned db = 0, de = 0;
	int dfi = cx_expansion_extent(cv, def, &db, &de);
	GROW(sl->umacro, sl->numacro, sl->umacro_cap);
	unsigned *u = sl->umacro[sl->numacro++];
	u[0] = (unsigned)fi;
	u[1] = off;
	u[2] = dfi < 0 ? UINT_MAX : (unsigned)dfi;
	u[3] = db;
	u[4] = de;
}

static enum CXChildVisitResult visit_funcs(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	struct conv *cv = data;
	if (clang_getCursorKind(c) != CXCursor_FunctionDecl || !clang_isCursorDefinition(c) ||
	    cx_is_system(cv, c))
		return CXChildVisit_Continue;
	unsigned b, e;
	int fi = cx_expansion_extent(cv, c, &b, &e);
	if (fi < 0)
		return CXChildVisit_Continue;
	CXType rt = clang_getCanonicalType(clang_getCursorResultType(c));
	struct sel *sl = cv->sel;
	GROW(sl->funcs, sl->nfuncs, sl->funcs_cap);
	struct sfunc *sf = &sl->funcs[sl->nfuncs++];
	memset(sf, 0, sizeof(*sf));
	sf->name = cx_intern_take(cv->a, clang_getCursorSpelling(c));
	sf->file = fi;
	sf->begin = b;
	sf->end = e;
	sf->returns_value = rt.kind == CXType_Pointer || rt.kind == CXType_Record;
	return CXChildVisit_Continue;
}

static int cmp_umacro(const void *pa, const void *pb)
{
	const unsigned *a = pa, *b = pb;
	if (a[0] != b[0])
		return a[0] < b[0] ? -1 : 1;
	return a[1] < b[1] ? -1 : a[1] > b[1];
}

/* The first user macro expansion at or after (f, begin); sl->umacro sorted. */
static size_t first_umacro(const struct sel *sl, int f, unsigned begin)
{
	size_t lo = 0, hi = sl->numacro;
	while (lo < hi) { /* the first expansion at or after (f, begin) */
		size_t mid = lo + (hi - lo) / 2;
		const unsigned *u = sl->umacro[mid];
		if (u[0] < (unsigned)f || (u[0] == (unsigned)f && u[1] < begin))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Whether a user macro expands in [begin, end) of file f. */
static int has_umacro(const struct sel *sl, int f, unsigned begin, unsigned end)
{
	size_t lo = first_umacro(sl, f, begin);
	return lo < sl->numacro && sl->umacro[lo][0] == (unsigned)f && sl->umacro[lo][1] < end;
}

/* Whether identifier w (n bytes) makes a body wanted by itself. */
static int seed_word(const struct sel *sl, const struct ast_file *fl, const struct ast_token *tk)
{
	const char *w = fl->text + tk->begin;
	size_t n = tk->end - tk->begin;
	for (size_t k = 0; k < sl->nprefixes; k++) {
		size_t pl = strlen(sl->prefixes[k]);
		if (n >= pl && !memcmp(w, sl->prefixes[k], pl))
			return 1;
	}
	return strmap_findb(&sl->nameset, w, n) != NULL;
}

/*
 * Seeds sf and lists the unit's functions its body mentions. byname maps a name to the first
 * of its functions, whose `next` chain (indices + 1) lists the others of the same name.
 */
/* The unit's functions the identifiers of tokens [begin, end) of file f mention, added to sf's
 * calls; and whether one of them makes the body wanted by itself. */
static void scan_tokens(struct conv *cv, struct sfunc *sf, int f, unsigned begin, unsigned end,
                        const struct strmap *byname, const size_t *next)
{
	struct sel *sl = cv->sel;
	struct ast *a = cv->a;
	const struct ast_file *fl = &a->files[f];
	for (size_t t = ast_tok_at(a, f, begin); t < fl->ntok && fl->tok[t].begin < end; t++) {
		const struct ast_token *tk = &fl->tok[t];
		if (tk->kind != TK_IDENT)
			continue;
		if (!sf->wanted)
			sf->wanted = seed_word(sl, fl, tk);
		/* a call (or a mention, such as a callback) of a function of this unit */
		const struct strmap_ent *e =
		    strmap_findb(byname, fl->text + tk->begin, tk->end - tk->begin);
		for (size_t g = e ? (size_t)e->val + 1 : 0; g; g = next[g - 1]) {
			GROW(sf->calls, sf->ncalls, sf->calls_cap);
			sf->calls[sf->ncalls++] = g - 1;
		}
	}
}

static void scan_body(struct conv *cv, struct sfunc *sf, const struct strmap *byname,
                      const size_t *next)
{
	struct sel *sl = cv->sel;
	sf->wanted = strmap_find(&sl->nameset, sf->name) != NULL ||
	             has_umacro(sl, sf->file, sf->begin, sf->end);
	scan_tokens(cv, sf, sf->file, sf->begin, sf->end, byname, next);
	/* What the body's user macros spell counts as mentioned there (a cleanup attribute's
	 * function, a call a macro makes): their definitions' tokens. */
	for (size_t k = first_umacro(sl, sf->file, sf->begin);
	     k < sl->numacro && sl->umacro[k][0] == (unsigned)sf->file &&
	     sl->umacro[k][1] < sf->end;
	     k++) {
		const unsigned *u = sl->umacro[k];
		if (u[2] != UINT_MAX && u[2] < cv->a->nfiles)
			scan_tokens(cv, sf, (int)u[2], u[3], u[4], byname, next);
	}
}

/* Whether the next token after t that is not a comment is `(`. */
static int called(const struct ast_file *fl, size_t t)
{
	while (++t < fl->ntok && fl->tok[t].kind == TK_COMMENT)
		;
	return t < fl->ntok && fl->tok[t].kind == TK_PUNCT &&
	       fl->tok[t].end - fl->tok[t].begin == 1 && fl->text[fl->tok[t].begin] == '(';
}

/*
 * Functions whose address is taken (a mention not followed by `(`, in a body or in a
 * file-scope initializer such as `{keep_it, NULL}`) are wanted: a call through a pointer in any
 * wanted body may reach them, and the analysis must read what they do rather than call them
 * unknown.
 */
static void want_addressed(struct conv *cv, const struct strmap *byname, const size_t *next)
{
	struct sel *sl = cv->sel;
	for (size_t f = 0; f < cv->a->nfiles; f++) {
		const struct ast_file *fl = &cv->a->files[f];
		for (size_t t = 0; t < fl->ntok; t++) {
			const struct ast_token *tk = &fl->tok[t];
			if (tk->kind != TK_IDENT)
				continue;
			const struct strmap_ent *e =
			    strmap_findb(byname, fl->text + tk->begin, tk->end - tk->begin);
			if (!e || called(fl, t))
				continue;
			for (size_t g = (size_t)e->val + 1; g; g = next[g - 1])
				sl->funcs[g - 1].wanted = 1;
		}
	}
}

/* Callees of wanted functions, and callers of wanted value-returning ones, to a fixpoint. */
static void spread(struct sel *sl)
{
	for (int changed = 1; changed;) {
		changed = 0;
		for (size_t i = 0; i < sl->nfuncs; i++) {
			struct sfunc *sf = &sl->funcs[i];
			for (size_t k = 0; k < sf->ncalls; k++) {
				struct sfunc *g = &sl->funcs[sf->calls[k]];
				if (sf->wanted && !g->wanted) {
					g->wanted = changed = 1;
				} else if (!sf->wanted && g->wanted && g->returns_value) {
					sf->wanted = changed = 1;
				}
			}
		}
	}
}

const char **cx_sel_bodies(struct conv *cv, size_t *nout)
{
	struct sel *sl = cv->sel;
	clang_visitChildren(clang_getTranslationUnitCursor(cv->tu), visit_funcs, cv);
	for (size_t k = 0; k < sl->nnames; k++)
		strmap_put(&sl->nameset, sl->names[k], 0);
	if (sl->numacro) /* qsort(NULL, 0, ...) is undefined */
		qsort(sl->umacro, sl->numacro, sizeof(*sl->umacro), cmp_umacro);
	/* Several definitions may share a name (a unit's static and a header's): the map gives
	 * the first, next[] the rest, in definition order. */
	struct strmap byname = STRMAP_INIT;
	size_t *next = xcalloc(sl->nfuncs + 1, sizeof(*next));
	size_t *last = xcalloc(sl->nfuncs + 1, sizeof(*last));
	for (size_t i = 0; i < sl->nfuncs; i++) {
		const char *nm = sl->funcs[i].name;
		size_t first = (size_t)strmap_putb(&byname, nm, strlen(nm), (int)i)->val;
		if (first != i)
			next[last[first]] = i + 1;
		last[first] = i;
	}
	for (size_t i = 0; i < sl->nfuncs; i++)
		scan_body(cv, &sl->funcs[i], &byname, next);
	want_addressed(cv, &byname, next);
	strmap_free(&byname);
	free(next);
	free(last);
	spread(sl);
	const char **only = xcalloc(sl->nfuncs + 1, sizeof(*only));
	size_t n = 0;
	for (size_t i = 0; i < sl->nfuncs; i++)
		if (sl->funcs[i].wanted)
			only[n++] = sl->funcs[i].name;
	*nout = n;
	return only;
}
