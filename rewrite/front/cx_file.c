/*
 * cx_file: the unit's file table while it is converted (cx_int.h), below the rest of cx: each
 * file libclang names gets one ast_file with its text and raw tokens the first time it is seen,
 * and the runtime's own files are marked as system ones there. Also libclang strings taken into
 * C strings, and the system test every conversion step asks. cx.c, cx_conv.c, cx_decl.c and
 * cx_sel.c call down into this file; it calls none of them.
 */
#include "ast.h"
#include "cx_fast.h"
#include "cx_int.h"
#include "fsio.h"
#include "mem.h"
#include "rtapi.h"

#include <stdlib.h>
#include <string.h>

char *cx_take(CXString s)
{
	const char *c = clang_getCString(s);
	char *r = xstrdup(c ? c : "");
	clang_disposeString(s);
	return r;
}

const char *cx_intern_take(struct ast *a, CXString s)
{
	const char *c = clang_getCString(s);
	const char *r = ast_intern(a, c ? c : "");
	clang_disposeString(s);
	return r;
}

int cx_is_system(struct conv *cv, CXCursor c)
{
	CXSourceLocation loc = clang_getCursorLocation(c);
	if (clang_Location_isInSystemHeader(loc))
		return 1;
	CXFile f;
	clang_getExpansionLocation(loc, &f, NULL, NULL, NULL);
	int fi = cx_file_index(cv, f, loc);
	return fi >= 0 && cv->a->files[fi].system;
}

static unsigned char tok_kind(CXTokenKind k)
{
	switch (k) {
	case CXToken_Punctuation:
		return TK_PUNCT;
	case CXToken_Keyword:
		return TK_KEYWORD;
	case CXToken_Identifier:
		return TK_IDENT;
	case CXToken_Literal:
		return TK_LITERAL;
	default:
		return TK_COMMENT;
	}
}

/* Raw tokens of a whole file: operators, semicolons, braces, '#' lines. */
static void read_tokens(struct conv *cv, struct ast_file *af, CXFile f)
{
	size_t len = af->len;
	CXSourceLocation b = clang_getLocationForOffset(cv->tu, f, 0);
	CXSourceLocation en = clang_getLocationForOffset(cv->tu, f, (unsigned)len);
	CXToken *toks = NULL;
	unsigned nt = 0;
	clang_tokenize(cv->tu, clang_getRange(b, en), &toks, &nt);
	af->tok = xmalloc((nt ? nt : 1) * sizeof(*af->tok));
	for (unsigned i = 0; i < nt; i++) {
		unsigned o1 = 0, o2 = 0;
		int fast = cxfast_token(cv->fs, b, toks[i], len, &o1, &o2);
		if (!fast || i < CXFAST_VERIFY_FIRST || i % CXFAST_VERIFY_EVERY == 0 ||
		    i + 1 == nt) {
			CXSourceRange r = clang_getTokenExtent(cv->tu, toks[i]);
			unsigned s1, s2;
			clang_getFileLocation(clang_getRangeStart(r), NULL, NULL, NULL, &s1);
			clang_getFileLocation(clang_getRangeEnd(r), NULL, NULL, NULL, &s2);
			if (fast && (s1 != o1 || s2 != o2)) {
				/* Not the layout we think: slow for good; redo the tokens taken. */
				cxfast_disable(cv->fs);
				af->ntok = 0;
				i = (unsigned)-1;
				continue;
			}
			o1 = s1;
			o2 = s2;
		}
		af->tok[af->ntok++] =
		    (struct ast_token){o1, o2, tok_kind(clang_getTokenKind(toks[i]))};
	}
	if (toks)
		clang_disposeTokens(cv->tu, toks, nt);
}

/*
 * A file of the arena runtime (arena_rt.h, arena_rt.c, or a vendored copy under any name)
 * defines the marker macro rtapi_marker(). The tool must never analyse, rewrite or report the
 * runtime: rewriting its free() into arena_free() would make arena_free call itself. Treating
 * its files as system headers gives exactly that everywhere downstream.
 */
static int is_runtime_file(const struct ast_file *af)
{
	const char *mk = rtapi_marker();
	size_t n = strlen(mk);
	/* Both files define it before any declaration (arena_rt.h right after its include guard),
	 * so the first directives suffice: a large file costs nothing. */
	size_t n_look = af->ntok < 512 ? af->ntok : 512;
	for (size_t i = 0; i + 2 < n_look; i++) {
		const struct ast_token *t = &af->tok[i];
		const struct ast_token *d = t + 1, *m = t + 2;
		if (t->end - t->begin == 1 && af->text[t->begin] == '#' && d->end - d->begin == 6 &&
		    !memcmp(af->text + d->begin, "define", 6) && m->end - m->begin == n &&
		    !memcmp(af->text + m->begin, mk, n))
			return 1;
	}
	return 0;
}

int cx_file_index(struct conv *cv, CXFile f, CXSourceLocation loc)
{
	if (!f)
		return -1;
	for (size_t i = 0; i < cv->fn; i++)
		if (cv->fmap[i].f == f || clang_File_isEqual(cv->fmap[i].f, f))
			return cv->fmap[i].idx;
	struct ast *a = cv->a;
	char *name = cx_take(clang_getFileName(f));
	char *abs = fs_abspath(name, NULL);
	free(name);
	GROW(a->files, a->nfiles, a->files_cap);
	int idx = (int)a->nfiles++;
	struct ast_file *af = &a->files[idx];
	memset(af, 0, sizeof(*af));
	af->path = abs;
	af->system = clang_Location_isInSystemHeader(loc);
	size_t len = 0;
	const char *data = clang_getFileContents(cv->tu, f, &len);
	af->text = xmalloc(len + 1);
	if (data)
		memcpy(af->text, data, len);
	else
		len = 0;
	af->text[len] = '\0';
	af->len = len;
	GROW(cv->fmap, cv->fn, cv->fcap);
	cv->fmap[cv->fn++] = (struct fmap_ent){f, idx};
	if (!af->system && len)
		read_tokens(cv, af, f);
	if (!af->system && is_runtime_file(af))
		af->system = 1;
	return idx;
}

int cx_expansion_extent(struct conv *cv, CXCursor c, unsigned *b, unsigned *e)
{
	CXSourceLocation loc = clang_getCursorLocation(c);
	CXFile f;
	clang_getExpansionLocation(loc, &f, NULL, NULL, NULL);
	int fi = cx_file_index(cv, f, loc);
	if (fi < 0)
		return -1;
	CXSourceRange r = clang_getCursorExtent(c);
	clang_getExpansionLocation(clang_getRangeStart(r), NULL, NULL, NULL, b);
	clang_getExpansionLocation(clang_getRangeEnd(r), NULL, NULL, NULL, e);
	return fi;
}
