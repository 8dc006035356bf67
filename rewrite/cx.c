#define _GNU_SOURCE
#include "cx.h"
#include "ast.h"
#include "cmd.h"
#include "err.h"
#include "fsio.h"
#include "mem.h"
#include "sbuf.h"
#include "strmap.h"

#include <clang-c/CXCompilationDatabase.h>
#include <clang-c/Index.h>
#include <dirent.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef ARW_RUNTIME_DIR
#define ARW_RUNTIME_DIR ""
#endif
#ifndef ARW_RUNTIME_INCLUDEDIR
#define ARW_RUNTIME_INCLUDEDIR ""
#endif
#ifndef ARW_CLANG_RESOURCE_DIR
#define ARW_CLANG_RESOURCE_DIR ""
#endif

static char *take(CXString s)
{
	const char *c = clang_getCString(s);
	char *r = xstrdup(c ? c : "");
	clang_disposeString(s);
	return r;
}

/* ---- resource folder ---------------------------------------------------------------- */

static char resource_dir[4096];
static pthread_once_t resource_once = PTHREAD_ONCE_INIT;

static int has_stddef(const char *dir)
{
	char *p = xasprintf("%s/include/stddef.h", dir);
	int r = fs_exists(p);
	free(p);
	return r;
}

static void find_resource_dir(void)
{
	const char *env = getenv("ARENA_REWRITE_RESOURCE_DIR");
	if (env && *env && has_stddef(env)) {
		snprintf(resource_dir, sizeof(resource_dir), "%s", env);
		return;
	}
	if (*ARW_CLANG_RESOURCE_DIR && has_stddef(ARW_CLANG_RESOURCE_DIR)) {
		snprintf(resource_dir, sizeof(resource_dir), "%s", ARW_CLANG_RESOURCE_DIR);
		return;
	}
	/* "Debian clang version 14.0.6" -> /usr/lib/llvm-14/lib/clang/14.0.6 (or .../14). */
	const char *v = cx_version();
	const char *num = strstr(v, "version ");
	if (!num)
		return;
	num += 8;
	int major = atoi(num);
	size_t vlen = strspn(num, "0123456789.");
	char *full = xstrndup(num, vlen);
	char *cands[] = {xasprintf("/usr/lib/llvm-%d/lib/clang/%s", major, full),
	                 xasprintf("/usr/lib/llvm-%d/lib/clang/%d", major, major),
	                 xasprintf("/usr/lib/clang/%s", full),
	                 xasprintf("/usr/lib/clang/%d", major)};
	for (size_t i = 0; i < 4; i++) {
		if (!*resource_dir && has_stddef(cands[i]))
			snprintf(resource_dir, sizeof(resource_dir), "%s", cands[i]);
		free(cands[i]);
	}
	free(full);
}

const char *cx_resource_dir(void)
{
	pthread_once(&resource_once, find_resource_dir);
	return resource_dir;
}

static char version[256];
static pthread_once_t version_once = PTHREAD_ONCE_INIT;

static void read_version(void)
{
	char *v = take(clang_getClangVersion());
	snprintf(version, sizeof(version), "%s", v);
	free(v);
}

const char *cx_version(void)
{
	pthread_once(&version_once, read_version);
	return version;
}

/* ---- compilation database ------------------------------------------------------------ */

int cx_cdb_load(const char *dir, struct cmdlist *list, struct err *e)
{
	CXCompilationDatabase_Error cerr;
	char *json = xasprintf("%s/compile_commands.json", dir);
	if (!fs_exists(json)) {
		err_set(e, ERR_INPUT, json, 0, 0, "no compilation database here");
		free(json);
		return -1;
	}
	CXCompilationDatabase db = clang_CompilationDatabase_fromDirectory(dir, &cerr);
	if (cerr != CXCompilationDatabase_NoError || !db) {
		err_set(e, ERR_INPUT, json, 0, 0, "cannot load compilation database");
		free(json);
		return -1;
	}
	free(json);
	CXCompileCommands cmds = clang_CompilationDatabase_getAllCompileCommands(db);
	unsigned n = clang_CompileCommands_getSize(cmds);
	for (unsigned i = 0; i < n; i++) {
		CXCompileCommand cc = clang_CompileCommands_getCommand(cmds, i);
		char *wd = take(clang_CompileCommand_getDirectory(cc));
		char *file = take(clang_CompileCommand_getFilename(cc));
		char *absdir = fs_abspath(wd, dir);
		char *absfile = fs_abspath(file, absdir);
		unsigned na = clang_CompileCommand_getNumArgs(cc);
		char **argv = xcalloc(na + 1, sizeof(char *));
		for (unsigned k = 0; k < na; k++)
			argv[k] = take(clang_CompileCommand_getArg(cc, k));
		struct cmd c;
		cmd_from_compiler_argv(&c, absfile, absdir, argv, na);
		if (!cmdlist_find(list, absfile))
			cmdlist_push(list, &c);
		else
			cmd_free(&c);
		for (unsigned k = 0; k < na; k++)
			free(argv[k]);
		free(argv);
		free(wd);
		free(file);
		free(absdir);
		free(absfile);
	}
	clang_CompileCommands_dispose(cmds);
	clang_CompilationDatabase_dispose(db);
	return 0;
}

/* ---- translation unit to ast ----------------------------------------------------------- */

struct dmap_ent {
	CXCursor c;
	int decl;
	int used;
};

struct fmap_ent {
	CXFile f;
	int idx;
};

/*
 * Fast paths of the conversion (the lint converts every body, so it pays for every call).
 *
 * Locations: a CXSourceLocation's int_data, and a CXSourceRange's begin/end_int_data, are
 * clang's raw SourceLocation encodings; CXToken's int_data[1] and [2] are a token's raw
 * location and length. A raw location without the macro bit (bit 31) is a file location: its
 * byte offset is raw minus the start of its file's FileID in clang's location space. Each
 * FileID's start is learnt from one libclang answer (raw - offset) and kept in `fb`, so most
 * nodes need no location call at all; line and column come from the file's own line table,
 * counted the way clang counts them (\n, \r\n, \r). The layout is libclang's public struct
 * but its meaning is not promised, so every fast answer of the first VERIFY_FIRST nodes and
 * tokens, and one in VERIFY_EVERY after that, is checked against the libclang call; any
 * difference switches the fast paths off for the unit (`fast_ok`), and the slow answer is used.
 *
 * Declarations: the decl map is keyed by canonical cursor, which costs libclang three calls
 * per reference; `qmap` remembers (cursor kind, Decl pointer) -> decl index for cursors seen
 * once, so each later reference to the same declaration is one hash probe.
 */
#define MACRO_BIT    0x80000000u
#define VERIFY_FIRST 256
#define VERIFY_EVERY 997

struct fbase {
	unsigned base, len; /* FileID start in clang's location space; file length */
	int idx;            /* ast file index */
};

struct qent {
	const void *ptr;
	int kind;
	int decl; /* -1: empty */
};

struct fast {
	int fast_ok;
	unsigned long nfast;
	struct fbase *fb;
	size_t nfb, fbcap, last;
	unsigned **lines; /* per ast file: offsets of line starts, lazily built */
	size_t *nlines;
	size_t nlcap;
	struct qent *qmap;
	size_t qcap, qn;
};

struct sel;

struct conv {
	struct fast *fs;
	struct sel *sel; /* cx_parse_related: the selection being prepared, else NULL */
	struct ast *a;
	CXTranslationUnit tu;
	struct dmap_ent *dmap;
	size_t dcap, dn;
	struct fmap_ent *fmap;
	size_t fn, fcap;
	const char *const *only; /* NULL, or the function names whose bodies are wanted */
	size_t nonly;
	struct strmap *onlyset; /* the same names, looked up */
	int parent;
	int func;   /* enclosing function node */
	int nparam; /* parameters seen in the enclosing function */
};

static int file_index(struct conv *cv, CXFile f, CXSourceLocation loc)
{
	if (!f)
		return -1;
	for (size_t i = 0; i < cv->fn; i++)
		if (cv->fmap[i].f == f || clang_File_isEqual(cv->fmap[i].f, f))
			return cv->fmap[i].idx;
	struct ast *a = cv->a;
	char *name = take(clang_getFileName(f));
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
	if (!af->system && len) {
		/* Raw tokens of the whole file: operators, semicolons, braces, '#' lines. */
		CXSourceLocation b = clang_getLocationForOffset(cv->tu, f, 0);
		CXSourceLocation en = clang_getLocationForOffset(cv->tu, f, (unsigned)len);
		CXToken *toks = NULL;
		unsigned nt = 0;
		clang_tokenize(cv->tu, clang_getRange(b, en), &toks, &nt);
		af->tok = xmalloc((nt ? nt : 1) * sizeof(*af->tok));
		unsigned base = b.int_data;
		int fast = cv->fs->fast_ok && !(base & MACRO_BIT);
		for (unsigned i = 0; i < nt; i++) {
			unsigned o1 = 0, o2 = 0;
			unsigned raw = toks[i].int_data[1];
			int use_fast = fast && !(raw & MACRO_BIT) && raw >= base &&
			               raw - base + toks[i].int_data[2] <= len;
			if (use_fast) {
				o1 = raw - base;
				o2 = o1 + toks[i].int_data[2];
			}
			if (!use_fast || i < VERIFY_FIRST || i % VERIFY_EVERY == 0 || i + 1 == nt) {
				CXSourceRange r = clang_getTokenExtent(cv->tu, toks[i]);
				unsigned s1, s2;
				clang_getFileLocation(clang_getRangeStart(r), NULL, NULL, NULL,
				                      &s1);
				clang_getFileLocation(clang_getRangeEnd(r), NULL, NULL, NULL, &s2);
				if (use_fast && (s1 != o1 || s2 != o2)) {
					/* The raw layout is not what we think: slow for good, and
					 * redo the tokens already taken. */
					cv->fs->fast_ok = fast = 0;
					af->ntok = 0;
					i = (unsigned)-1;
					continue;
				}
				o1 = s1;
				o2 = s2;
			}
			unsigned char k;
			switch (clang_getTokenKind(toks[i])) {
			case CXToken_Punctuation:
				k = TK_PUNCT;
				break;
			case CXToken_Keyword:
				k = TK_KEYWORD;
				break;
			case CXToken_Identifier:
				k = TK_IDENT;
				break;
			case CXToken_Literal:
				k = TK_LITERAL;
				break;
			default:
				k = TK_COMMENT;
				break;
			}
			af->tok[af->ntok++] = (struct ast_token){o1, o2, k};
		}
		if (toks)
			clang_disposeTokens(cv->tu, toks, nt);
	}
	return idx;
}

static unsigned char tclass_of(CXType t)
{
	t = clang_getCanonicalType(t);
	switch (t.kind) {
	case CXType_Invalid:
		return TC_NONE;
	case CXType_Void:
		return TC_VOID;
	case CXType_Pointer:
	case CXType_BlockPointer: {
		CXType p = clang_getCanonicalType(clang_getPointeeType(t));
		if (p.kind == CXType_FunctionProto || p.kind == CXType_FunctionNoProto)
			return TC_FUNCPTR;
		return TC_PTR;
	}
	case CXType_ConstantArray:
	case CXType_IncompleteArray:
	case CXType_VariableArray:
	case CXType_DependentSizedArray:
		return TC_ARRAY;
	case CXType_Record:
		return TC_RECORD;
	case CXType_FunctionProto:
	case CXType_FunctionNoProto:
		return TC_FUNC;
	case CXType_Float:
	case CXType_Double:
	case CXType_LongDouble:
	case CXType_Float128:
	case CXType_Half:
	case CXType_Float16:
	case CXType_Complex:
		return TC_FLOAT;
	case CXType_Elaborated:
	case CXType_Typedef:
		return TC_OTHER; /* unreachable after canonicalisation */
	default:
		if (t.kind >= CXType_Bool && t.kind <= CXType_Int128)
			return TC_INT;
		if (t.kind == CXType_Enum)
			return TC_INT;
		return TC_OTHER;
	}
}

static int is_system(CXCursor c)
{
	return clang_Location_isInSystemHeader(clang_getCursorLocation(c));
}

static int decl_of_slow(struct conv *cv, CXCursor c);

/* decl_of through the (kind, Decl pointer) map; see struct fast. */
static int decl_of(struct conv *cv, CXCursor c)
{
	if (clang_Cursor_isNull(c))
		return -1;
	struct fast *fs = cv->fs;
	const void *ptr = c.data[0];
	int kind = (int)c.kind;
	if (!ptr)
		return decl_of_slow(cv, c);
	size_t h = ((uintptr_t)ptr >> 4) * 0x9E3779B97F4A7C15ull + (size_t)kind;
	if (fs->qcap) {
		for (size_t j = h & (fs->qcap - 1);; j = (j + 1) & (fs->qcap - 1)) {
			struct qent *q = &fs->qmap[j];
			if (q->decl < 0)
				break;
			if (q->ptr == ptr && q->kind == kind)
				return q->decl;
		}
	}
	int d = decl_of_slow(cv, c);
	if (2 * (fs->qn + 1) > fs->qcap) {
		size_t ncap = fs->qcap ? fs->qcap * 2 : 4096;
		struct qent *nm = xmalloc(ncap * sizeof(*nm));
		for (size_t i = 0; i < ncap; i++)
			nm[i].decl = -1;
		for (size_t i = 0; i < fs->qcap; i++) {
			struct qent *q = &fs->qmap[i];
			if (q->decl < 0)
				continue;
			size_t hh =
			    ((uintptr_t)q->ptr >> 4) * 0x9E3779B97F4A7C15ull + (size_t)q->kind;
			size_t j = hh & (ncap - 1);
			while (nm[j].decl >= 0)
				j = (j + 1) & (ncap - 1);
			nm[j] = *q;
		}
		free(fs->qmap);
		fs->qmap = nm;
		fs->qcap = ncap;
	}
	size_t j = h & (fs->qcap - 1);
	while (fs->qmap[j].decl >= 0)
		j = (j + 1) & (fs->qcap - 1);
	fs->qmap[j] = (struct qent){ptr, kind, d};
	fs->qn++;
	return d;
}

static int decl_of_slow(struct conv *cv, CXCursor c)
{
	enum CXCursorKind k = clang_getCursorKind(c);
	unsigned char dk;
	switch (k) {
	case CXCursor_FunctionDecl:
		dk = DK_FUNC;
		break;
	case CXCursor_VarDecl:
		dk = DK_VAR;
		break;
	case CXCursor_ParmDecl:
		dk = DK_PARAM;
		break;
	case CXCursor_FieldDecl:
		dk = DK_FIELD;
		break;
	case CXCursor_EnumConstantDecl:
		dk = DK_ENUMCONST;
		break;
	default:
		dk = DK_OTHER;
		break;
	}
	CXCursor canon = clang_getCanonicalCursor(c);
	unsigned h = clang_hashCursor(canon);
	if (2 * (cv->dn + 1) > cv->dcap) {
		size_t ncap = cv->dcap ? cv->dcap * 2 : 1024;
		struct dmap_ent *nm = xcalloc(ncap, sizeof(*nm));
		for (size_t i = 0; i < cv->dcap; i++) {
			if (!cv->dmap[i].used)
				continue;
			size_t j = clang_hashCursor(cv->dmap[i].c) & (ncap - 1);
			while (nm[j].used)
				j = (j + 1) & (ncap - 1);
			nm[j] = cv->dmap[i];
		}
		free(cv->dmap);
		cv->dmap = nm;
		cv->dcap = ncap;
	}
	size_t j = h & (cv->dcap - 1);
	while (cv->dmap[j].used) {
		if (clang_equalCursors(cv->dmap[j].c, canon))
			return cv->dmap[j].decl;
		j = (j + 1) & (cv->dcap - 1);
	}
	struct ast *a = cv->a;
	GROW(a->decls, a->ndecls, a->decls_cap);
	int d = (int)a->ndecls++;
	cv->dmap[j] = (struct dmap_ent){canon, d, 1};
	cv->dn++;
	struct ast_decl *ad = &a->decls[d];
	memset(ad, 0, sizeof(*ad));
	ad->node = -1;
	ad->kind = dk;
	char *s = take(clang_getCursorSpelling(c));
	ad->name = ast_intern(a, s);
	free(s);
	if (dk == DK_FUNC || dk == DK_VAR) {
		s = take(clang_getCursorUSR(c));
		ad->usr = ast_intern(a, s);
		free(s);
	}
	if (is_system(canon))
		ad->flags |= DF_SYSTEM;
	CXType t = clang_getCursorType(c);
	if (dk == DK_FUNC) {
		CXType r = clang_getResultType(t);
		s = take(clang_getTypeSpelling(r));
		ad->type = ast_intern(a, s);
		free(s);
		ad->tclass = tclass_of(r);
		int na = clang_Cursor_getNumArguments(c);
		ad->index = na < 0 ? 0 : na;
		if (clang_isFunctionTypeVariadic(t))
			ad->flags |= DF_VARIADIC;
		if (clang_getCursorLinkage(c) == CXLinkage_Internal)
			ad->flags |= DF_STATIC;
	} else if (dk == DK_VAR || dk == DK_PARAM || dk == DK_FIELD) {
		s = take(clang_getTypeSpelling(t));
		ad->type = ast_intern(a, s);
		free(s);
		ad->tclass = tclass_of(t);
		if (dk == DK_VAR) {
			enum CX_StorageClass sc = clang_Cursor_getStorageClass(c);
			enum CXCursorKind pk =
			    clang_getCursorKind(clang_getCursorSemanticParent(c));
			int file_scope =
			    pk == CXCursor_TranslationUnit || pk == CXCursor_LinkageSpec;
			if (file_scope || sc == CX_SC_Static || sc == CX_SC_Extern)
				ad->flags |= DF_GLOBAL;
			else
				ad->flags |= DF_LOCAL;
			if (clang_getCursorTLSKind(c) != CXTLS_None)
				ad->flags |= DF_TLS | DF_GLOBAL;
			if (clang_getCursorLinkage(c) == CXLinkage_Internal)
				ad->flags |= DF_STATIC;
		} else if (dk == DK_PARAM) {
			ad->flags |= DF_LOCAL;
		}
	}
	return d;
}

static unsigned char kind_of(enum CXCursorKind k)
{
	switch (k) {
	case CXCursor_FunctionDecl:
		return AK_FUNC;
	case CXCursor_VarDecl:
		return AK_VAR;
	case CXCursor_ParmDecl:
		return AK_PARAM;
	case CXCursor_FieldDecl:
		return AK_FIELD;
	case CXCursor_StructDecl:
	case CXCursor_UnionDecl:
		return AK_RECORD;
	case CXCursor_TypedefDecl:
		return AK_TYPEDEF;
	case CXCursor_CompoundStmt:
		return AK_COMPOUND;
	case CXCursor_DeclStmt:
		return AK_DECLSTMT;
	case CXCursor_ReturnStmt:
		return AK_RETURN;
	case CXCursor_IfStmt:
		return AK_IF;
	case CXCursor_SwitchStmt:
		return AK_SWITCH;
	case CXCursor_CaseStmt:
		return AK_CASE;
	case CXCursor_DefaultStmt:
		return AK_DEFAULT;
	case CXCursor_WhileStmt:
		return AK_WHILE;
	case CXCursor_DoStmt:
		return AK_DO;
	case CXCursor_ForStmt:
		return AK_FOR;
	case CXCursor_LabelStmt:
		return AK_LABEL;
	case CXCursor_GotoStmt:
	case CXCursor_IndirectGotoStmt:
		return AK_GOTO;
	case CXCursor_BreakStmt:
		return AK_BREAK;
	case CXCursor_ContinueStmt:
		return AK_CONTINUE;
	case CXCursor_NullStmt:
		return AK_NULLSTMT;
	case CXCursor_GCCAsmStmt:
	case CXCursor_MSAsmStmt:
		return AK_ASM;
	case CXCursor_CallExpr:
		return AK_CALL;
	case CXCursor_DeclRefExpr:
		return AK_DECLREF;
	case CXCursor_MemberRefExpr:
		return AK_MEMBER;
	case CXCursor_UnaryOperator:
		return AK_UNARY;
	case CXCursor_BinaryOperator:
		return AK_BINARY;
	case CXCursor_CompoundAssignOperator:
		return AK_ASSIGNOP;
	case CXCursor_CStyleCastExpr:
		return AK_CAST;
	case CXCursor_ParenExpr:
		return AK_PAREN;
	case CXCursor_ConditionalOperator:
		return AK_COND;
	case CXCursor_ArraySubscriptExpr:
		return AK_SUBSCRIPT;
	case CXCursor_IntegerLiteral:
		return AK_INTLIT;
	case CXCursor_StringLiteral:
		return AK_STRLIT;
	case CXCursor_FloatingLiteral:
	case CXCursor_CharacterLiteral:
	case CXCursor_ImaginaryLiteral:
		return AK_LITERAL;
	case CXCursor_InitListExpr:
		return AK_INITLIST;
	case CXCursor_UnaryExpr:
		return AK_SIZEOF;
	case CXCursor_StmtExpr:
		return AK_STMTEXPR;
	case CXCursor_UnexposedExpr:
		return AK_UNEXPOSED;
	default:
		return AK_OTHER;
	}
}

static const char *tok_text(struct ast *a, int f, size_t t, char *buf, size_t cap)
{
	const struct ast_file *fl = &a->files[f];
	size_t n = fl->tok[t].end - fl->tok[t].begin;
	if (n >= cap)
		n = cap - 1;
	memcpy(buf, fl->text + fl->tok[t].begin, n);
	buf[n] = '\0';
	return buf;
}

/* Operator spelling from the raw tokens, for operators spelled in the file itself. */
static void set_op(struct ast *a, int n)
{
	struct ast_node *x = &a->nodes[n];
	if (x->file < 0 || (x->flags & AF_MACRO) || !a->files[x->file].ntok)
		return;
	char buf[8];
	int c = ast_first(a, n);
	if (x->kind == AK_BINARY || x->kind == AK_ASSIGNOP) {
		if (c < 0)
			return;
		size_t t = ast_tok_at(a, x->file, a->nodes[c].end);
		if (t < a->files[x->file].ntok && a->files[x->file].tok[t].kind == TK_PUNCT)
			x->op = ast_intern(a, tok_text(a, x->file, t, buf, sizeof(buf)));
	} else if (x->kind == AK_UNARY) {
		size_t t = ast_tok_at(a, x->file, x->begin);
		const struct ast_file *fl = &a->files[x->file];
		if (c >= 0 && a->nodes[c].begin > x->begin && t < fl->ntok &&
		    fl->tok[t].kind == TK_PUNCT) {
			x->op = ast_intern(a, tok_text(a, x->file, t, buf, sizeof(buf)));
		} else {
			size_t b = ast_tok_before(a, x->file, x->end);
			if (b != (size_t)-1 && fl->tok[b].kind == TK_PUNCT) {
				x->op = ast_intern(a, tok_text(a, x->file, b, buf, sizeof(buf)));
				x->flags |= AF_POSTFIX;
			}
		}
	}
}

/* ---- fast locations (see struct fast) ---- */

/* File index and offset of a raw file location, when its FileID start is known. */
static int fast_loc(struct conv *cv, unsigned raw, int *file, unsigned *off)
{
	struct fast *fs = cv->fs;
	if (!fs->fast_ok || !raw || (raw & MACRO_BIT) || !fs->nfb)
		return 0;
	for (size_t k = 0; k < fs->nfb; k++) {
		size_t i = (fs->last + k) % fs->nfb;
		const struct fbase *b = &fs->fb[i];
		if (raw >= b->base && raw - b->base <= b->len) {
			fs->last = i;
			*file = b->idx;
			*off = raw - b->base;
			return 1;
		}
	}
	return 0;
}

static int fast_off(struct conv *cv, unsigned raw, unsigned *off)
{
	int fi;
	return fast_loc(cv, raw, &fi, off);
}

static void learn_base(struct conv *cv, unsigned raw, int fi, unsigned off)
{
	struct fast *fs = cv->fs;
	if (!fs->fast_ok || !raw || (raw & MACRO_BIT) || fi < 0 || raw < off)
		return;
	unsigned base = raw - off;
	for (size_t i = 0; i < fs->nfb; i++)
		if (fs->fb[i].base == base)
			return;
	GROW(fs->fb, fs->nfb, fs->fbcap);
	fs->fb[fs->nfb++] = (struct fbase){base, (unsigned)cv->a->files[fi].len, fi};
}

/* Line and column (1-based, bytes) of an offset, from the file's line table. */
static void line_col(struct conv *cv, int fi, unsigned off, unsigned *line, unsigned *col)
{
	struct fast *fs = cv->fs;
	const struct ast_file *fl = &cv->a->files[fi];
	if ((size_t)fi >= fs->nlcap) {
		size_t ncap = (size_t)fi + 16;
		fs->lines = xrealloc(fs->lines, ncap * sizeof(*fs->lines));
		fs->nlines = xrealloc(fs->nlines, ncap * sizeof(*fs->nlines));
		for (size_t i = fs->nlcap; i < ncap; i++) {
			fs->lines[i] = NULL;
			fs->nlines[i] = 0;
		}
		fs->nlcap = ncap;
	}
	if (!fs->lines[fi]) {
		size_t n = 1, cap = 1024;
		unsigned *ls = xmalloc(cap * sizeof(*ls));
		ls[0] = 0;
		for (size_t i = 0; i < fl->len; i++) {
			char ch = fl->text[i];
			if (ch != '\n' && ch != '\r')
				continue;
			if (ch == '\r' && i + 1 < fl->len && fl->text[i + 1] == '\n')
				i++;
			GROW(ls, n, cap);
			ls[n++] = (unsigned)(i + 1);
		}
		fs->lines[fi] = ls;
		fs->nlines[fi] = n;
	}
	const unsigned *ls = fs->lines[fi];
	size_t lo = 0, hi = fs->nlines[fi];
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (ls[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	*line = (unsigned)lo + 1;
	*col = off - ls[lo] + 1;
}

/* libclang's answers for a node's location and extent; teaches fast_loc the FileID. */
static void slow_loc(struct conv *cv, CXSourceLocation loc, CXSourceRange r, struct ast_node *x,
                     unsigned *off, unsigned *line, unsigned *col)
{
	CXFile f;
	clang_getExpansionLocation(loc, &f, line, col, off);
	x->file = file_index(cv, f, loc);
	clang_getExpansionLocation(clang_getRangeStart(r), NULL, NULL, NULL, &x->begin);
	clang_getExpansionLocation(clang_getRangeEnd(r), NULL, NULL, NULL, &x->end);
	learn_base(cv, loc.int_data, x->file, *off);
}

static int verify_node(struct conv *cv, CXSourceLocation loc, CXSourceRange r, int fi, unsigned off,
                       unsigned line, unsigned col, unsigned b, unsigned e)
{
	CXFile f;
	unsigned l2, c2, o2, b2, e2;
	clang_getExpansionLocation(loc, &f, &l2, &c2, &o2);
	clang_getExpansionLocation(clang_getRangeStart(r), NULL, NULL, NULL, &b2);
	clang_getExpansionLocation(clang_getRangeEnd(r), NULL, NULL, NULL, &e2);
	return file_index(cv, f, loc) == fi && o2 == off && l2 == line && c2 == col && b2 == b &&
	       e2 == e;
}

static enum CXChildVisitResult visit(CXCursor c, CXCursor parent, CXClientData data);

static int add_node(struct conv *cv, CXCursor c)
{
	struct ast *a = cv->a;
	enum CXCursorKind ck = clang_getCursorKind(c);
	GROW(a->nodes, a->nnodes, a->nodes_cap);
	int n = (int)a->nnodes++;
	struct ast_node *x = &a->nodes[n];
	memset(x, 0, sizeof(*x));
	x->kind = kind_of(ck);
	x->parent = cv->parent;
	x->decl = -1;
	x->file = -1;

	CXSourceLocation loc = clang_getCursorLocation(c);
	unsigned line, col, off, foff;
	CXSourceRange r = clang_getCursorExtent(c);
	int fi;
	int verify = cv->fs->nfast < VERIFY_FIRST || cv->fs->nfast % VERIFY_EVERY == 0;
	if (fast_loc(cv, loc.int_data, &fi, &off) && fast_off(cv, r.begin_int_data, &x->begin) &&
	    fast_off(cv, r.end_int_data, &x->end)) {
		cv->fs->nfast++;
		x->file = fi;
		line_col(cv, fi, off, &line, &col);
		if (verify && !verify_node(cv, loc, r, fi, off, line, col, x->begin, x->end)) {
			cv->fs->fast_ok = 0;
			slow_loc(cv, loc, r, x, &off, &line, &col);
		}
	} else {
		slow_loc(cv, loc, r, x, &off, &line, &col);
	}
	x->loc = off;
	x->line = line;
	x->col = col;
	if (x->end < x->begin)
		x->end = x->begin;
	/* Only a macro location can be spelled elsewhere than where it is expanded. */
	unsigned fline = line, fcol = col;
	foff = off;
	if ((loc.int_data & MACRO_BIT) || !loc.int_data || !cv->fs->fast_ok)
		clang_getFileLocation(loc, NULL, &fline, &fcol, &foff);
	if (foff != off) {
		/* Spelled in a macro argument: point at where it is written, not the macro name. */
		x->flags |= AF_MACRO | AF_MACRO_ARG;
		x->loc = foff;
		x->line = fline;
		x->col = fcol;
	} else if (x->file >= 0 && ast_in_macro(a, x->file, off))
		x->flags |= AF_MACRO;
	if (x->file >= 0 && a->files[x->file].system)
		x->flags |= AF_SYSHDR;
	/* Statements have no type; declarations take their decl's class below. */
	if (!clang_isStatement(ck) && x->kind != AK_VAR && x->kind != AK_PARAM &&
	    x->kind != AK_FIELD && x->kind != AK_FUNC)
		x->tclass = tclass_of(clang_getCursorType(c));

	switch (x->kind) {
	case AK_FUNC:
	case AK_VAR:
	case AK_PARAM:
	case AK_FIELD: {
		int d = decl_of(cv, c);
		x->decl = d;
		x->name = a->decls[d].name;
		if (x->kind == AK_FUNC)
			x->tclass = a->decls[d].tclass;
		else
			x->tclass = tclass_of(clang_getCursorType(c));
		if (clang_isCursorDefinition(c)) {
			x->flags |= AF_DEFINITION;
			a->decls[d].node = n;
			if (x->kind == AK_FUNC || x->kind == AK_VAR)
				a->decls[d].flags |= DF_DEFINED;
		} else if (a->decls[d].node < 0) {
			a->decls[d].node = n;
		}
		if (x->kind == AK_PARAM && cv->func >= 0)
			a->decls[d].index = cv->nparam++;
		break;
	}
	case AK_CALL: {
		CXCursor ref = clang_getCursorReferenced(c);
		if (!clang_Cursor_isNull(ref) &&
		    clang_getCursorKind(ref) == CXCursor_FunctionDecl) {
			x->decl = decl_of(cv, ref);
			x->name = a->decls[x->decl].name;
		}
		break;
	}
	case AK_DECLREF:
	case AK_MEMBER: {
		CXCursor ref = clang_getCursorReferenced(c);
		if (!clang_Cursor_isNull(ref)) {
			x->decl = decl_of(cv, ref);
			x->name = a->decls[x->decl].name;
		} else {
			char *s = take(clang_getCursorSpelling(c));
			x->name = ast_intern(a, s);
			free(s);
		}
		break;
	}
	case AK_RECORD:
	case AK_TYPEDEF:
	case AK_LABEL:
	case AK_GOTO: {
		char *s = take(clang_getCursorSpelling(c));
		x->name = ast_intern(a, s);
		free(s);
		break;
	}
	default:
		break;
	}

	/* A body nobody asked for is not converted: the rewrite needs only its hotspots. */
	if (cv->only && x->kind == AK_FUNC && (x->flags & AF_DEFINITION) &&
	    !strmap_find(cv->onlyset, x->name))
		return n;
	struct conv sub = *cv;
	sub.parent = n;
	if (x->kind == AK_FUNC) {
		sub.func = n;
		sub.nparam = 0;
	}
	clang_visitChildren(c, visit, &sub);
	/* sub may have grown the maps */
	cv->dmap = sub.dmap;
	cv->dcap = sub.dcap;
	cv->dn = sub.dn;
	cv->fmap = sub.fmap;
	cv->fn = sub.fn;
	cv->fcap = sub.fcap;
	x = &a->nodes[n];
	x->size = (int)a->nnodes - n - 1;
	for (int ch = ast_first(a, n); ch >= 0; ch = ast_next(a, ch))
		x->nchild++;
	if (x->kind == AK_MEMBER) {
		int base = ast_first(a, n);
		if (base >= 0 && (a->nodes[base].tclass == TC_PTR))
			x->flags |= AF_ARROW;
	}
	if (x->kind == AK_UNARY || x->kind == AK_BINARY || x->kind == AK_ASSIGNOP)
		set_op(a, n);
	return n;
}

static enum CXChildVisitResult visit(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	struct conv *cv = data;
	add_node(cv, c);
	return CXChildVisit_Continue;
}

/* First pass: preprocessing records (macro expansions, inclusions) of non-system files. */
/* ---- cx_parse_related: which bodies a lint needs ------------------------------------------- */

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
	unsigned (
	    *umacro)[2]; /* expansions of macros defined outside system headers: file, offset */
	size_t numacro, umacro_cap;
	struct sfunc *funcs;
	size_t nfuncs, funcs_cap;
};

/* A macro the unit defines itself may expand to anything, arena calls included. */
static void note_user_macro(struct conv *cv, CXCursor c, int fi, unsigned off)
{
	CXCursor def = clang_getCursorReferenced(c);
	if (clang_Cursor_isNull(def) || is_system(def))
		return;
	struct sel *sl = cv->sel;
	GROW(sl->umacro, sl->numacro, sl->umacro_cap);
	sl->umacro[sl->numacro][0] = (unsigned)fi;
	sl->umacro[sl->numacro][1] = off;
	sl->numacro++;
}

static enum CXChildVisitResult visit_funcs(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	struct conv *cv = data;
	if (clang_getCursorKind(c) != CXCursor_FunctionDecl || !clang_isCursorDefinition(c) ||
	    is_system(c))
		return CXChildVisit_Continue;
	CXSourceLocation loc = clang_getCursorLocation(c);
	CXFile f;
	clang_getExpansionLocation(loc, &f, NULL, NULL, NULL);
	int fi = file_index(cv, f, loc);
	if (fi < 0)
		return CXChildVisit_Continue;
	CXSourceRange r = clang_getCursorExtent(c);
	unsigned b, e;
	clang_getExpansionLocation(clang_getRangeStart(r), NULL, NULL, NULL, &b);
	clang_getExpansionLocation(clang_getRangeEnd(r), NULL, NULL, NULL, &e);
	CXType rt = clang_getCanonicalType(clang_getCursorResultType(c));
	struct sel *sl = cv->sel;
	GROW(sl->funcs, sl->nfuncs, sl->funcs_cap);
	struct sfunc *sf = &sl->funcs[sl->nfuncs++];
	memset(sf, 0, sizeof(*sf));
	char *name = take(clang_getCursorSpelling(c));
	sf->name = ast_intern(cv->a, name);
	free(name);
	sf->file = fi;
	sf->begin = b;
	sf->end = e;
	sf->returns_value = rt.kind == CXType_Pointer || rt.kind == CXType_Record;
	return CXChildVisit_Continue;
}

static size_t hash_bytes(const char *s, size_t n)
{
	size_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

static int cmp_umacro(const void *pa, const void *pb)
{
	const unsigned *a = pa, *b = pb;
	if (a[0] != b[0])
		return a[0] < b[0] ? -1 : 1;
	return a[1] < b[1] ? -1 : a[1] > b[1];
}

/* Whether a user macro expands in [begin, end) of file f; sl->umacro sorted. */
static int has_umacro(const struct sel *sl, int f, unsigned begin, unsigned end)
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
	return lo < sl->numacro && sl->umacro[lo][0] == (unsigned)f && sl->umacro[lo][1] < end;
}

/*
 * The bodies worth converting (see cx_parse_related): seeds from the names, prefixes and user
 * macros; then, to a fixpoint, callees of wanted functions and callers of wanted functions
 * that return a value. Returns the names to pass as `only`.
 */
static const char **select_bodies(struct conv *cv, size_t *nout)
{
	struct sel *sl = cv->sel;
	struct ast *a = cv->a;
	clang_visitChildren(clang_getTranslationUnitCursor(cv->tu), visit_funcs, cv);
	/* function names by hash: index + 1, 0 empty (several entries may share a name) */
	size_t hcap = 64;
	while (hcap < 2 * sl->nfuncs + 2)
		hcap *= 2;
	size_t *ht = xcalloc(hcap, sizeof(*ht));
	for (size_t i = 0; i < sl->nfuncs; i++) {
		size_t j = hash_bytes(sl->funcs[i].name, strlen(sl->funcs[i].name)) & (hcap - 1);
		while (ht[j])
			j = (j + 1) & (hcap - 1);
		ht[j] = i + 1;
	}
	for (size_t k = 0; k < sl->nnames; k++)
		strmap_put(&sl->nameset, sl->names[k], 0);
	qsort(sl->umacro, sl->numacro, sizeof(*sl->umacro), cmp_umacro);
	char word[256]; /* an identifier, NUL-terminated for the lookup */
	for (size_t i = 0; i < sl->nfuncs; i++) {
		struct sfunc *sf = &sl->funcs[i];
		sf->wanted = strmap_find(&sl->nameset, sf->name) != NULL ||
		             has_umacro(sl, sf->file, sf->begin, sf->end);
		const struct ast_file *fl = &a->files[sf->file];
		for (size_t t = ast_tok_at(a, sf->file, sf->begin);
		     t < fl->ntok && fl->tok[t].begin < sf->end; t++) {
			const struct ast_token *tk = &fl->tok[t];
			if (tk->kind != TK_IDENT)
				continue;
			const char *w = fl->text + tk->begin;
			size_t n = tk->end - tk->begin;
			for (size_t k = 0; k < sl->nprefixes && !sf->wanted; k++) {
				size_t pl = strlen(sl->prefixes[k]);
				sf->wanted = n >= pl && !memcmp(w, sl->prefixes[k], pl);
			}
			if (!sf->wanted) {
				char *k = n < sizeof(word) ? word : xmalloc(n + 1);
				memcpy(k, w, n);
				k[n] = '\0';
				sf->wanted = strmap_find(&sl->nameset, k) != NULL;
				if (k != word)
					free(k);
			}
			/* a call (or a mention, such as a callback) of a function of this unit */
			for (size_t j = hash_bytes(w, n) & (hcap - 1); ht[j];
			     j = (j + 1) & (hcap - 1)) {
				const struct sfunc *g = &sl->funcs[ht[j] - 1];
				if (strlen(g->name) != n || memcmp(g->name, w, n))
					continue;
				GROW(sf->calls, sf->ncalls, sf->calls_cap);
				sf->calls[sf->ncalls++] = ht[j] - 1;
			}
		}
	}
	free(ht);
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
	const char **only = xcalloc(sl->nfuncs + 1, sizeof(*only));
	size_t n = 0;
	for (size_t i = 0; i < sl->nfuncs; i++)
		if (sl->funcs[i].wanted)
			only[n++] = sl->funcs[i].name;
	*nout = n;
	return only;
}

static enum CXChildVisitResult visit_pp(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	struct conv *cv = data;
	enum CXCursorKind k = clang_getCursorKind(c);
	if (k != CXCursor_MacroExpansion && k != CXCursor_InclusionDirective)
		return CXChildVisit_Continue;
	CXSourceLocation loc = clang_getCursorLocation(c);
	if (clang_Location_isInSystemHeader(loc))
		return CXChildVisit_Continue;
	CXFile f;
	unsigned off;
	clang_getExpansionLocation(loc, &f, NULL, NULL, &off);
	int fi = file_index(cv, f, loc);
	if (fi < 0)
		return CXChildVisit_Continue;
	struct ast_file *af = &cv->a->files[fi];
	CXSourceRange r = clang_getCursorExtent(c);
	unsigned b, e;
	clang_getExpansionLocation(clang_getRangeStart(r), NULL, NULL, NULL, &b);
	clang_getExpansionLocation(clang_getRangeEnd(r), NULL, NULL, NULL, &e);
	if (k == CXCursor_MacroExpansion && cv->sel)
		note_user_macro(cv, c, fi, b);
	if (k == CXCursor_MacroExpansion) {
		size_t cap = af->nmacro; /* grow by doubling: capacity is the next power of two */
		if ((cap & (cap - 1)) == 0)
			af->macro = xrealloc(af->macro, (cap ? cap * 2 : 16) * sizeof(*af->macro));
		af->macro[af->nmacro][0] = b;
		af->macro[af->nmacro][1] = e;
		af->nmacro++;
	} else {
		size_t cap = af->ninc;
		if ((cap & (cap - 1)) == 0)
			af->inc = xrealloc(af->inc, (cap ? cap * 2 : 16) * sizeof(*af->inc));
		/* The extent starts at the directive name; widen to the '#' before it. */
		size_t t = ast_tok_at(cv->a, fi, b);
		if (t > 0 && t <= af->ntok && ast_tok_is(cv->a, fi, t - 1, "#"))
			b = af->tok[t - 1].begin;
		char *s = take(clang_getCursorSpelling(c));
		af->inc[af->ninc].begin = b;
		af->inc[af->ninc].end = e;
		af->inc[af->ninc].name = ast_intern(cv->a, s);
		free(s);
		af->ninc++;
	}
	return CXChildVisit_Continue;
}

static int cmp_range(const void *pa, const void *pb)
{
	const unsigned *a = pa, *b = pb;
	return a[0] < b[0] ? -1 : a[0] > b[0];
}

/* Second pass: declarations located in non-system files. */
static enum CXChildVisitResult visit_top(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	struct conv *cv = data;
	enum CXCursorKind k = clang_getCursorKind(c);
	if (clang_isPreprocessing(k) || is_system(c))
		return CXChildVisit_Continue;
	add_node(cv, c);
	return CXChildVisit_Continue;
}

static void report_diag(CXDiagnostic d, const char *fallback, struct err *e)
{
	CXFile f;
	unsigned line, col;
	clang_getExpansionLocation(clang_getDiagnosticLocation(d), &f, &line, &col, NULL);
	char *msg = take(clang_getDiagnosticSpelling(d));
	char *fname = f ? take(clang_getFileName(f)) : xstrdup(fallback);
	char *rel = fname[0] == '/' ? fs_relpath_cwd(fname) : xstrdup(fname);
	err_set(e, ERR_INPUT, rel, f ? line : 0, f ? col : 0, "%s (the source does not parse)",
	        msg);
	free(rel);
	free(fname);
	free(msg);
}

/* "unknown argument: '-fxyz'" -> "-fxyz" */
static char *unknown_arg(CXDiagnostic d)
{
	char *msg = take(clang_getDiagnosticSpelling(d));
	char *r = NULL;
	/* clang 14 says "unknown argument: '-x'" or "unknown argument '-x'; did you mean..." */
	const char *p = strstr(msg, "unknown argument");
	if (p) {
		p += strlen("unknown argument");
		p += strspn(p, ": ");
		if (*p == '\'')
			p++;
		const char *q = strchr(p, '\'');
		if (q)
			r = xstrndup(p, (size_t)(q - p));
	}
	free(msg);
	return r;
}

static int parse_unit(const struct cmd *c0, const char *const *only, size_t nonly, struct sel *sel,
                      struct ast **out, struct err *e)
{
	*out = NULL;
	struct cmd c;
	cmd_init(&c, c0->file, c0->dir);
	for (size_t i = 0; i < c0->argc; i++)
		cmd_add_arg(&c, c0->argv[i]);
	const char *res = cx_resource_dir();
	CXIndex idx = clang_createIndex(0, 0);
	CXTranslationUnit tu = NULL;
	int rc = -1;
	for (int attempt = 0; attempt < 8; attempt++) {
		struct cmd full;
		cmd_init(&full, c.file, c.dir);
		cmd_add_arg(&full, "clang");
		if (*res) {
			cmd_add_arg(&full, "-resource-dir");
			cmd_add_arg(&full, res);
		}
		for (size_t i = 0; i < c.argc; i++)
			cmd_add_arg(&full, c.argv[i]);
		/* Rewritten sources include arena_rt.h; let them parse again even when the build
		 * does not name the runtime's folder yet (the second run must change nothing). */
		static const char *const rt_dirs[] = {ARW_RUNTIME_DIR, ARW_RUNTIME_INCLUDEDIR};
		for (size_t i = 0; i < 2; i++) {
			if (*rt_dirs[i]) {
				cmd_add_arg(&full, "-idirafter");
				cmd_add_arg(&full, rt_dirs[i]);
			}
		}
		cmd_add_arg(&full, "-Wno-unknown-warning-option");
		cmd_add_arg(&full, "-ferror-limit=0");
		cmd_add_arg(&full, c.file);
		enum CXErrorCode ec = clang_parseTranslationUnit2FullArgv(
		    idx, NULL, (const char *const *)full.argv, (int)full.argc, NULL, 0,
		    CXTranslationUnit_DetailedPreprocessingRecord | CXTranslationUnit_KeepGoing,
		    &tu);
		cmd_free(&full);
		if (ec != CXError_Success || !tu) {
			char *rel = fs_relpath_cwd(c.file);
			err_set(e, ERR_INPUT, rel, 0, 0,
			        "cannot parse (libclang error %d); check that the file exists and "
			        "the compiler arguments are right",
			        (int)ec);
			free(rel);
			goto out;
		}
		/* Drop arguments the driver rejects, then parse again. */
		int retry = 0;
		unsigned nd = clang_getNumDiagnostics(tu);
		for (unsigned i = 0; i < nd; i++) {
			CXDiagnostic d = clang_getDiagnostic(tu, i);
			char *bad = unknown_arg(d);
			if (bad) {
				cmd_remove_arg(&c, bad);
				free(bad);
				retry = 1;
			}
			clang_disposeDiagnostic(d);
		}
		if (!retry)
			break;
		clang_disposeTranslationUnit(tu);
		tu = NULL;
	}
	unsigned nd = clang_getNumDiagnostics(tu);
	for (unsigned i = 0; i < nd; i++) {
		CXDiagnostic d = clang_getDiagnostic(tu, i);
		enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(d);
		if (sev >= CXDiagnostic_Error) {
			report_diag(d, c.file, e);
			clang_disposeDiagnostic(d);
			goto out;
		}
		clang_disposeDiagnostic(d);
	}
	struct conv cv;
	memset(&cv, 0, sizeof(cv));
	cv.a = ast_new(c.file);
	cv.tu = tu;
	cv.parent = -1;
	cv.func = -1;
	cv.only = only;
	cv.nonly = nonly;
	struct fast fs;
	memset(&fs, 0, sizeof(fs));
	fs.fast_ok = 1;
	cv.fs = &fs;
	CXCursor root = clang_getTranslationUnitCursor(tu);
	clang_visitChildren(root, visit_pp, &cv);
	for (size_t i = 0; i < cv.a->nfiles; i++) {
		struct ast_file *af = &cv.a->files[i];
		if (af->nmacro)
			qsort(af->macro, af->nmacro, sizeof(*af->macro), cmp_range);
	}
	const char **sel_only = NULL;
	if (sel) {
		cv.sel = sel;
		sel_only = select_bodies(&cv, &cv.nonly);
		cv.only = sel_only;
		cv.sel = NULL;
	}
	struct strmap onlyset = STRMAP_INIT;
	for (size_t i = 0; cv.only && i < cv.nonly; i++)
		strmap_put(&onlyset, cv.only[i], 0);
	cv.onlyset = &onlyset;
	clang_visitChildren(root, visit_top, &cv);
	strmap_free(&onlyset);
	free(sel_only);
	free(cv.dmap);
	free(cv.fmap);
	for (size_t i = 0; i < fs.nlcap; i++)
		free(fs.lines[i]);
	free(fs.lines);
	free(fs.nlines);
	free(fs.fb);
	free(fs.qmap);
	*out = cv.a;
	rc = 0;
out:
	if (tu)
		clang_disposeTranslationUnit(tu);
	clang_disposeIndex(idx);
	cmd_free(&c);
	return rc;
}

int cx_parse(const struct cmd *c, const char *const *only, size_t nonly, struct ast **out,
             struct err *e)
{
	return parse_unit(c, only, nonly, NULL, out, e);
}

int cx_parse_related(const struct cmd *c, const char *const *names, size_t nnames,
                     const char *const *prefixes, size_t nprefixes, struct ast **out, struct err *e)
{
	struct sel sl;
	memset(&sl, 0, sizeof(sl));
	sl.names = names;
	sl.nnames = nnames;
	sl.prefixes = prefixes;
	sl.nprefixes = nprefixes;
	int rc = parse_unit(c, NULL, 0, &sl, out, e);
	for (size_t i = 0; i < sl.nfuncs; i++)
		free(sl.funcs[i].calls);
	free(sl.funcs);
	free(sl.umacro);
	strmap_free(&sl.nameset);
	return rc;
}
