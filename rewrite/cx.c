#define _GNU_SOURCE
#include "cx.h"
#include "ast.h"
#include "cmd.h"
#include "err.h"
#include "fsio.h"
#include "mem.h"
#include "sbuf.h"

#include <clang-c/CXCompilationDatabase.h>
#include <clang-c/Index.h>
#include <dirent.h>
#include <pthread.h>
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

struct conv {
	struct ast *a;
	CXTranslationUnit tu;
	struct dmap_ent *dmap;
	size_t dcap, dn;
	struct fmap_ent *fmap;
	size_t fn, fcap;
	const char *const *only; /* NULL, or the function names whose bodies are wanted */
	size_t nonly;
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
		for (unsigned i = 0; i < nt; i++) {
			CXSourceRange r = clang_getTokenExtent(cv->tu, toks[i]);
			unsigned o1, o2;
			clang_getFileLocation(clang_getRangeStart(r), NULL, NULL, NULL, &o1);
			clang_getFileLocation(clang_getRangeEnd(r), NULL, NULL, NULL, &o2);
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

static int decl_of(struct conv *cv, CXCursor c)
{
	if (clang_Cursor_isNull(c))
		return -1;
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
	CXFile f;
	unsigned line, col, off, foff;
	clang_getExpansionLocation(loc, &f, &line, &col, &off);
	unsigned fline, fcol;
	clang_getFileLocation(loc, NULL, &fline, &fcol, &foff);
	x->file = file_index(cv, f, loc);
	x->loc = off;
	x->line = line;
	x->col = col;
	CXSourceRange r = clang_getCursorExtent(c);
	clang_getExpansionLocation(clang_getRangeStart(r), NULL, NULL, NULL, &x->begin);
	clang_getExpansionLocation(clang_getRangeEnd(r), NULL, NULL, NULL, &x->end);
	if (x->end < x->begin)
		x->end = x->begin;
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
	if (cv->only && x->kind == AK_FUNC && (x->flags & AF_DEFINITION)) {
		size_t k;
		for (k = 0; k < cv->nonly && strcmp(cv->only[k], x->name); k++)
			;
		if (k == cv->nonly)
			return n;
	}
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

int cx_parse(const struct cmd *c0, const char *const *only, size_t nonly, struct ast **out,
             struct err *e)
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
	CXCursor root = clang_getTranslationUnitCursor(tu);
	clang_visitChildren(root, visit_pp, &cv);
	for (size_t i = 0; i < cv.a->nfiles; i++) {
		struct ast_file *af = &cv.a->files[i];
		if (af->nmacro)
			qsort(af->macro, af->nmacro, sizeof(*af->macro), cmp_range);
	}
	clang_visitChildren(root, visit_top, &cv);
	free(cv.dmap);
	free(cv.fmap);
	*out = cv.a;
	rc = 0;
out:
	if (tu)
		clang_disposeTranslationUnit(tu);
	clang_disposeIndex(idx);
	cmd_free(&c);
	return rc;
}
