/*
 * cx_decl: referenced declarations -> struct ast_decl (see cx_int.h), and type classes.
 *
 * A declaration is found again by its canonical cursor (libclang's own hash and equality, three
 * calls per reference); when the fast path is on, a cache keyed by the cursor's identity
 * (cxfast_cursor_key) makes each later reference to the same declaration one probe. Both are
 * strmaps; decl indices are assigned in the order declarations are first referenced, whichever
 * map answers, so the ast is the same with the fast path off. Type classes are cached by
 * type (clang_equalTypes decides a hit; the hash reads the type's opaque pointer, only to
 * pick a slot).
 */
#include "ast.h"
#include "cx_fast.h"
#include "cx_int.h"
#include "mem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

unsigned char cx_tclass_of(CXType t)
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

static int holds_pointer(CXType t, int depth);

static enum CXVisitorResult field_holds(CXCursor c, CXClientData data)
{
	int *st = data; /* [0]: found, [1]: depth */
	if (holds_pointer(clang_getCursorType(c), st[1] + 1)) {
		st[0] = 1;
		return CXVisit_Break;
	}
	return CXVisit_Continue;
}

/* Whether a value of type t may hold a pointer (deep records count as holding one). */
static int holds_pointer(CXType t, int depth)
{
	t = clang_getCanonicalType(t);
	if (depth > 8)
		return 1;
	switch (cx_tclass_of(t)) {
	case TC_INT:
	case TC_FLOAT:
	case TC_VOID:
		return 0;
	case TC_ARRAY:
		return holds_pointer(clang_getArrayElementType(t), depth + 1);
	case TC_RECORD: {
		int st[2] = {0, depth};
		if (clang_Type_visitFields(t, field_holds, st) == CXVisit_Break || st[0])
			return 1;
		return clang_Type_getSizeOf(t) < 0; /* incomplete: may hold anything */
	}
	default:
		return 1;
	}
}

/* The pointee's class of a pointer type, TC_NONE for others; TC_DATA for a record or array of
 * numbers only. */
static unsigned char ptclass_of(CXType t)
{
	t = clang_getCanonicalType(t);
	if (t.kind != CXType_Pointer)
		return TC_NONE;
	CXType p = clang_getPointeeType(t);
	unsigned char c = cx_tclass_of(p);
	if ((c == TC_RECORD || c == TC_ARRAY) && !holds_pointer(p, 0))
		return TC_DATA;
	return c;
}

static struct tc_ent *tc_slot(struct conv *cv, CXType t)
{
	uintptr_t h = (uintptr_t)t.data[0];
	struct tc_ent *e = &cv->tcache[(h ^ (h >> 4) ^ (h >> 12)) & (CX_TCACHE - 1)];
	if (e->used && clang_equalTypes(e->t, t))
		return e;
	e->t = t;
	e->used = 1;
	e->tclass = cx_tclass_of(t);
	e->ptclass = e->tclass == TC_PTR ? ptclass_of(t) : TC_NONE;
	return e;
}

unsigned char cx_tclass_cached(struct conv *cv, CXType t)
{
	return tc_slot(cv, t)->tclass;
}

unsigned char cx_ptclass_cached(struct conv *cv, CXType t)
{
	return tc_slot(cv, t)->ptclass;
}

static size_t cursor_hash(const void *k)
{
	return clang_hashCursor(*(const CXCursor *)k);
}

static int cursor_eq(const void *a, const void *b)
{
	return clang_equalCursors(*(const CXCursor *)a, *(const CXCursor *)b);
}

static const struct strmap_ops cursor_ops = {cursor_hash, cursor_eq};

void cx_decls_init(struct conv *cv)
{
	strmap_init_ops(&cv->dmap, &cursor_ops);
	memset(&cv->qmap, 0, sizeof(cv->qmap));
	cv->tcache = xcalloc(CX_TCACHE, sizeof(*cv->tcache));
}

void cx_decls_free(struct conv *cv)
{
	strmap_free_keys(&cv->dmap);
	strmap_free_keys(&cv->qmap);
	free(cv->tcache);
	strmap_free_keys(&cv->fnames);
	free(cv->fcur);
}

static enum CXChildVisitResult note_func(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	struct conv *cv = data;
	if (clang_getCursorKind(c) != CXCursor_FunctionDecl)
		return CXChildVisit_Continue;
	CXString s = clang_getCursorSpelling(c);
	const char *name = clang_getCString(s);
	int created = 0;
	if (name && *name)
		strmap_putb_dup(&cv->fnames, name, strlen(name), (int)cv->nfcur, &created);
	clang_disposeString(s);
	if (created) {
		GROW(cv->fcur, cv->nfcur, cv->fcur_cap);
		cv->fcur[cv->nfcur++] = c;
	}
	return CXChildVisit_Continue;
}

int cx_func_named(struct conv *cv, const char *name)
{
	if (!cv->fnames_made) {
		cv->fnames_made = 1;
		clang_visitChildren(clang_getTranslationUnitCursor(cv->tu), note_func, cv);
	}
	const struct strmap_ent *e = strmap_find(&cv->fnames, name);
	return e ? cx_decl_of(cv, cv->fcur[e->val]) : -1;
}

static unsigned char decl_kind(enum CXCursorKind k)
{
	switch (k) {
	case CXCursor_FunctionDecl:
		return DK_FUNC;
	case CXCursor_VarDecl:
		return DK_VAR;
	case CXCursor_ParmDecl:
		return DK_PARAM;
	case CXCursor_FieldDecl:
		return DK_FIELD;
	case CXCursor_EnumConstantDecl:
		return DK_ENUMCONST;
	default:
		return DK_OTHER;
	}
}

/* Storage and linkage flags of a variable. */
static unsigned short var_flags(CXCursor c)
{
	unsigned short fl = 0;
	enum CX_StorageClass sc = clang_Cursor_getStorageClass(c);
	enum CXCursorKind pk = clang_getCursorKind(clang_getCursorSemanticParent(c));
	int file_scope = pk == CXCursor_TranslationUnit || pk == CXCursor_LinkageSpec;
	if (file_scope || sc == CX_SC_Static || sc == CX_SC_Extern)
		fl |= DF_GLOBAL;
	else
		fl |= DF_LOCAL;
	if (clang_getCursorTLSKind(c) != CXTLS_None)
		fl |= DF_TLS | DF_GLOBAL;
	if (clang_getCursorLinkage(c) == CXLinkage_Internal)
		fl |= DF_STATIC;
	return fl;
}

/* va_list, whatever the target spells it as (x86-64: struct __va_list_tag[1]). */
static int is_va_list(CXType t)
{
	CXString cs = clang_getTypeSpelling(clang_getCanonicalType(t));
	const char *s = clang_getCString(cs);
	int r = s && (strstr(s, "__va_list_tag") || !strcmp(s, "__builtin_va_list"));
	clang_disposeString(cs);
	if (r)
		return 1;
	cs = clang_getTypedefName(t);
	s = clang_getCString(cs);
	r = s && (!strcmp(s, "va_list") || !strcmp(s, "__gnuc_va_list"));
	clang_disposeString(cs);
	return r;
}

/*
 * Whether t, or its element type, is a record a system header declares, or a record of the
 * program's holding one at any depth (a signal table whose entries embed a struct sigaction):
 * DF_SYSREC. Depth is bounded: a record cannot hold itself, only pointers to itself, which are
 * not followed.
 */
struct sysrec_walk {
	struct conv *cv;
	int depth, found;
};

static int holds_system_record(struct conv *cv, CXType t, int depth);

static enum CXVisitorResult field_system_record(CXCursor c, CXClientData data)
{
	struct sysrec_walk *w = data;
	if (holds_system_record(w->cv, clang_getCursorType(c), w->depth + 1)) {
		w->found = 1;
		return CXVisit_Break;
	}
	return CXVisit_Continue;
}

static int holds_system_record(struct conv *cv, CXType t, int depth)
{
	t = clang_getCanonicalType(t);
	while (t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray)
		t = clang_getCanonicalType(clang_getArrayElementType(t));
	if (t.kind != CXType_Record || depth > 8)
		return 0;
	CXCursor d = clang_getTypeDeclaration(t);
	if (clang_Cursor_isNull(d))
		return 0;
	if (cx_is_system(cv, d))
		return 1;
	struct sysrec_walk w = {cv, depth, 0};
	clang_Type_visitFields(t, field_system_record, &w);
	return w.found;
}

static void fill_decl(struct conv *cv, struct ast_decl *ad, CXCursor c, CXCursor canon)
{
	struct ast *a = cv->a;
	unsigned char dk = ad->kind;
	ad->name = cx_intern_take(a, clang_getCursorSpelling(c));
	if (dk == DK_FUNC || dk == DK_VAR)
		ad->usr = cx_intern_take(a, clang_getCursorUSR(c));
	if (cx_is_system(cv, canon))
		ad->flags |= DF_SYSTEM;
	CXType t = clang_getCursorType(c);
	if (dk == DK_FUNC) {
		CXType r = clang_getResultType(t);
		ad->type = cx_intern_take(a, clang_getTypeSpelling(r));
		ad->tclass = cx_tclass_of(r);
		int na = clang_Cursor_getNumArguments(c);
		ad->index = na < 0 ? 0 : na;
		ad->ftype = cx_intern_take(a, clang_getTypeSpelling(clang_getCanonicalType(t)));
		if (clang_isFunctionTypeVariadic(t))
			ad->flags |= DF_VARIADIC;
		if (clang_getCursorLinkage(c) == CXLinkage_Internal)
			ad->flags |= DF_STATIC;
	} else if (dk == DK_VAR || dk == DK_PARAM || dk == DK_FIELD) {
		ad->type = cx_intern_take(a, clang_getTypeSpelling(t));
		ad->tclass = cx_tclass_of(t);
		if (dk == DK_VAR)
			ad->flags |= var_flags(c);
		else if (dk == DK_PARAM)
			ad->flags |= DF_LOCAL;
		if (dk == DK_FIELD &&
		    clang_getCursorKind(clang_getCursorSemanticParent(c)) == CXCursor_UnionDecl)
			ad->flags |= DF_UNION;
		if (dk != DK_FIELD && is_va_list(t))
			ad->flags |= DF_VALIST;
		if (clang_getCanonicalType(t).kind == CXType_Enum)
			ad->flags |= DF_ENUM;
		if (dk != DK_PARAM && holds_system_record(cv, t, 0))
			ad->flags |= DF_SYSREC;
	}
}

/* decl_of through libclang's canonical cursors only. */
static int decl_of_slow(struct conv *cv, CXCursor c)
{
	CXCursor canon = clang_getCanonicalCursor(c);
	const struct strmap_ent *e = strmap_findk(&cv->dmap, &canon);
	if (e)
		return e->val;
	struct ast *a = cv->a;
	GROW(a->decls, a->ndecls, a->decls_cap);
	int d = (int)a->ndecls++;
	CXCursor *key = xmalloc(sizeof(*key));
	*key = canon;
	strmap_putk(&cv->dmap, key, d);
	struct ast_decl *ad = &a->decls[d];
	memset(ad, 0, sizeof(*ad));
	ad->node = -1;
	ad->kind = decl_kind(clang_getCursorKind(c));
	fill_decl(cv, ad, c, canon);
	return d;
}

int cx_decl_of(struct conv *cv, CXCursor c)
{
	if (clang_Cursor_isNull(c))
		return -1;
	struct cxfast_key k;
	if (!cxfast_cursor_key(cv->fs, c, &k))
		return decl_of_slow(cv, c);
	const struct strmap_ent *e = strmap_findb(&cv->qmap, &k, sizeof(k));
	if (e)
		return e->val;
	int d = decl_of_slow(cv, c);
	strmap_putb_dup(&cv->qmap, &k, sizeof(k), d, NULL);
	return d;
}
