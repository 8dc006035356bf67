/*
 * cx_conv: cursors -> struct ast (see ast.h for what is kept and cx_int.h for the module map).
 *
 * No recursion of ours that input depth controls: one clang_visitChildren over the unit answers
 * CXChildVisit_Recurse, and the walk keeps its own stack of open nodes on the heap, matched
 * against the parent libclang names for each cursor. libclang walks statements and expressions
 * from a work list on the heap, so an else-if chain or a sum of 100,000 terms costs heap, not C
 * stack (only declarations nested in statements nest its C calls, on the parsing thread's large
 * stack). A node is finished (size, child count, operator) when the walk leaves it. (One
 * clang_visitChildren per node cost a libclang visitor set up per node, 4% of a rewrite.)
 *
 * Locations come from cx_fast when it can answer and from libclang otherwise; the first answers
 * and a sample after them are checked against libclang (cx_fast.h).
 */
#include "ast.h"
#include "cx_fast.h"
#include "cx_int.h"
#include "mem.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

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

/* Operator spelling from the raw tokens, for operators spelled in the file itself. Where no
 * token spells it (a macro's argument: the node has no extent), a unary operator that makes a
 * pointer of a number or a record can only be `&`. */
static void set_op(struct ast *a, int n)
{
	struct ast_node *x = &a->nodes[n];
	if (x->kind == AK_UNARY && x->tclass == TC_PTR) {
		int c = ast_first(a, n);
		unsigned char ct = c >= 0 ? a->nodes[c].tclass : TC_NONE;
		if (ct == TC_INT || ct == TC_FLOAT || ct == TC_RECORD)
			x->op = ast_intern(a, "&");
	}
	if (x->file < 0 || (x->flags & AF_MACRO) || !a->files[x->file].ntok)
		return;
	char buf[8];
	int c = ast_first(a, n);
	const struct ast_file *fl = &a->files[x->file];
	if (x->kind == AK_BINARY || x->kind == AK_ASSIGNOP) {
		if (c < 0)
			return;
		size_t t = ast_tok_at(a, x->file, a->nodes[c].end);
		if (t < fl->ntok && fl->tok[t].kind == TK_PUNCT)
			x->op = ast_intern(a, tok_text(a, x->file, t, buf, sizeof(buf)));
	} else if (x->kind == AK_UNARY) {
		size_t t = ast_tok_at(a, x->file, x->begin);
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

/* libclang's answers for a node's location and extent; teaches cx_fast the FileID. */
static void slow_loc(struct conv *cv, CXSourceLocation loc, CXSourceRange r, struct ast_node *x,
                     unsigned *off, unsigned *line, unsigned *col)
{
	CXFile f;
	clang_getExpansionLocation(loc, &f, line, col, off);
	x->file = cx_file_index(cv, f, loc);
	clang_getExpansionLocation(clang_getRangeStart(r), NULL, NULL, NULL, &x->begin);
	clang_getExpansionLocation(clang_getRangeEnd(r), NULL, NULL, NULL, &x->end);
	cxfast_learn(cv->fs, loc, x->file, *off);
}

static int verify_node(struct conv *cv, CXSourceLocation loc, CXSourceRange r, int fi, unsigned off,
                       unsigned line, unsigned col, unsigned b, unsigned e)
{
	CXFile f;
	unsigned l2, c2, o2, b2, e2;
	clang_getExpansionLocation(loc, &f, &l2, &c2, &o2);
	clang_getExpansionLocation(clang_getRangeStart(r), NULL, NULL, NULL, &b2);
	clang_getExpansionLocation(clang_getRangeEnd(r), NULL, NULL, NULL, &e2);
	return cx_file_index(cv, f, loc) == fi && o2 == off && l2 == line && c2 == col && b2 == b &&
	       e2 == e;
}

/* File, extent, location and macro flags of node x, from its location and extent. */
static void locate(struct conv *cv, CXSourceLocation loc, CXSourceRange r, struct ast_node *x)
{
	struct ast *a = cv->a;
	unsigned line, col, off;
	int fi;
	if (cxfast_node(cv->fs, loc, r, &fi, &off, &x->begin, &x->end, &line, &col)) {
		x->file = fi;
		if (cxfast_verify_due(cv->fs) &&
		    !verify_node(cv, loc, r, fi, off, line, col, x->begin, x->end)) {
			cxfast_disable(cv->fs);
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
	unsigned fline = line, fcol = col, foff = off;
	if (!cxfast_is_file_loc(cv->fs, loc))
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
}

/* ---- the walk ------------------------------------------------------------------------------ */

/* A node whose children are being converted: the recursion's frame, kept on the heap. */
struct frame {
	int node;     /* -1: the top level */
	int func;     /* enclosing function node, or -1 */
	int nparam;   /* parameters seen so far among these children */
	CXCursor cur; /* the node's cursor: libclang names it as the parent of each child */
	int nseen;    /* children located so far */
	CXSourceLocation first_begin, last_end; /* of the first and the last child's extent */
	CXSourceLocation first_loc;             /* the first child's location */
};

struct walk {
	struct conv *cv;
	struct frame *fr;
	size_t nfr, frcap;
};

/*
 * Kinds whose extent is their children's: libclang computes it by descending the chain (the
 * left operand of a sum, the else of an else-if, the statement under a case label), so asking
 * for it at each of n nested nodes costs O(n^2). Their extent is taken from the children's
 * instead, once those are converted: 1: begin of the first child to end of the last (the
 * location is the begin, as libclang's is for these expressions); 2: the node's own location
 * (its keyword) to the end of the last child. The raw locations are the very ones libclang
 * would return, so the answers are identical.
 *
 * Two more kinds are located after their children when cx_fast can answer, and checked like
 * its other answers (locate_fast): 3: an unexposed expression with one child at its own
 * location (an implicit cast, a constant expression) spans that child; 4: a member
 * expression spans its base's begin to the member name's token. libclang would re-lex a token
 * for each (half of the extents a conversion asks for).
 */
static int derived_extent(enum CXCursorKind k)
{
	switch (k) {
	case CXCursor_UnexposedExpr:
		return 3;
	case CXCursor_MemberRefExpr:
		return 4;
	case CXCursor_BinaryOperator:
	case CXCursor_CompoundAssignOperator:
	case CXCursor_ConditionalOperator:
		return 1;
	case CXCursor_IfStmt:
	case CXCursor_SwitchStmt:
	case CXCursor_CaseStmt:
	case CXCursor_DefaultStmt:
	case CXCursor_LabelStmt:
	case CXCursor_WhileStmt:
	case CXCursor_ForStmt:
		return 2;
	default:
		return 0;
	}
}

/* A child's extent, as the frame of its parent needs it. */
static void note_child(struct frame *f, CXSourceLocation loc, CXSourceRange r)
{
	if (!f->nseen++) {
		f->first_begin = clang_getRangeStart(r);
		f->first_loc = loc;
	}
	f->last_end = clang_getRangeEnd(r);
}

/* Extent of a node of kind 3 or 4 (derived_extent) at loc from its children; 0 when the fast
 * path cannot tell, or told wrong when checked. */
static int locate_fast(struct conv *cv, const struct frame *f, int how, CXSourceLocation loc,
                       CXSourceRange *r)
{
	if (!f->nseen || !cxfast_is_file_loc(cv->fs, loc))
		return 0;
	if (how == 3) {
		if (f->nseen != 1 || f->first_loc.int_data != loc.int_data)
			return 0;
		*r = clang_getRange(f->first_begin, f->last_end);
	} else {
		CXSourceRange tok;
		if (!cxfast_token_extent(cv->fs, loc, &tok))
			return 0;
		*r = clang_getRange(f->first_begin, clang_getRangeEnd(tok));
	}
	if (cxfast_verify_due(cv->fs) && !clang_equalRanges(*r, clang_getCursorExtent(f->cur))) {
		cxfast_disable(cv->fs);
		return 0;
	}
	return 1;
}

/* Locates the node of frame f, whose children are all converted; *lp its location. */
static CXSourceRange locate_derived(struct conv *cv, const struct frame *f, CXSourceLocation *lp)
{
	int how = derived_extent(clang_getCursorKind(f->cur));
	CXSourceLocation loc;
	CXSourceRange r;
	if (how > 2) {
		loc = clang_getCursorLocation(f->cur);
		if (!locate_fast(cv, f, how, loc, &r))
			r = clang_getCursorExtent(f->cur);
	} else if (!f->nseen) {
		loc = clang_getCursorLocation(f->cur);
		r = clang_getCursorExtent(f->cur);
	} else {
		loc = how == 1 ? f->first_begin : clang_getCursorLocation(f->cur);
		r = clang_getRange(loc, f->last_end);
	}
	locate(cv, loc, r, &cv->a->nodes[f->node]);
	*lp = loc;
	return r;
}

/* The function of a variable's __attribute__((cleanup(f))), from the attribute's tokens
 * (libclang 14 exposes no more of it): `cleanup ( f )`, or `__cleanup__ ( f )`. */
static void cleanup_attr(struct conv *cv, CXCursor c, int n)
{
	CXToken *tk = NULL;
	unsigned nt = 0;
	clang_tokenize(cv->tu, clang_getCursorExtent(c), &tk, &nt);
	char *w[4] = {NULL, NULL, NULL, NULL};
	for (unsigned i = 0; i < nt && i < 4; i++)
		w[i] = cx_take(clang_getTokenSpelling(cv->tu, tk[i]));
	int ok = nt >= 4 && (!strcmp(w[0], "cleanup") || !strcmp(w[0], "__cleanup__")) &&
	         !strcmp(w[1], "(") && clang_getTokenKind(tk[2]) == CXToken_Identifier &&
	         !strcmp(w[3], ")");
	int d = ok ? cx_func_named(cv, w[2]) : -1;
	struct ast_node *x = &cv->a->nodes[n];
	if (ok) {
		/* Even when the function is not found: the variable has a cleanup, unknown. */
		x->flags |= AF_CLEANUP;
		x->decl = d;
		x->name = d >= 0 ? cv->a->decls[d].name : ast_intern(cv->a, w[2]);
	}
	for (int i = 0; i < 4; i++)
		free(w[i]);
	clang_disposeTokens(cv->tu, tk, nt);
}

static enum CXChildVisitResult first_child(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	*(CXCursor *)data = c;
	return CXChildVisit_Break;
}

/* The canonical spelling of the function type a call through a pointer calls (its callee's
 * type, or what that points to), interned; NULL when libclang cannot say. */
static const char *callee_ftype(struct conv *cv, CXCursor call)
{
	CXCursor callee = clang_getNullCursor();
	clang_visitChildren(call, first_child, &callee);
	if (clang_Cursor_isNull(callee))
		return NULL;
	CXType t = clang_getCanonicalType(clang_getCursorType(callee));
	if (t.kind == CXType_Pointer)
		t = clang_getCanonicalType(clang_getPointeeType(t));
	if (t.kind != CXType_FunctionProto && t.kind != CXType_FunctionNoProto)
		return NULL;
	return cx_intern_take(cv->a, clang_getTypeSpelling(t));
}

/* Whether a call's callee is itself a call (`get_free()(p)`): libclang then references the
 * inner call's function, which this call does not call. */
static int callee_is_call(CXCursor call)
{
	CXCursor c = clang_getNullCursor();
	clang_visitChildren(call, first_child, &c);
	for (int depth = 0; !clang_Cursor_isNull(c) && depth < 16; depth++) {
		enum CXCursorKind k = clang_getCursorKind(c);
		if (k == CXCursor_CallExpr)
			return 1;
		if (k != CXCursor_UnexposedExpr && k != CXCursor_ParenExpr &&
		    k != CXCursor_UnaryOperator && k != CXCursor_CStyleCastExpr)
			return 0;
		CXCursor in = clang_getNullCursor();
		clang_visitChildren(c, first_child, &in);
		c = in;
	}
	return 0;
}

/* Declaration, name and type of node n (cursor c, kind ck). */
static void describe(struct conv *cv, CXCursor c, enum CXCursorKind ck, int n, struct frame *f)
{
	struct ast *a = cv->a;
	struct ast_node *x = &a->nodes[n];
	/* Statements have no type; declarations take their decl's class below. */
	if (!clang_isStatement(ck) && x->kind != AK_VAR && x->kind != AK_PARAM &&
	    x->kind != AK_FIELD && x->kind != AK_FUNC) {
		CXType t = clang_getCursorType(c);
		x->tclass = cx_tclass_cached(cv, t);
		if (x->tclass == TC_PTR)
			x->ptclass = cx_ptclass_cached(cv, t);
	}
	switch (x->kind) {
	case AK_FUNC:
	case AK_VAR:
	case AK_PARAM:
	case AK_FIELD: {
		int d = cx_decl_of(cv, c);
		x = &a->nodes[n];
		x->decl = d;
		x->name = a->decls[d].name;
		if (x->kind == AK_FUNC)
			x->tclass = a->decls[d].tclass;
		else
			x->tclass = cx_tclass_cached(cv, clang_getCursorType(c));
		if (clang_isCursorDefinition(c)) {
			x->flags |= AF_DEFINITION;
			a->decls[d].node = n;
			if (x->kind == AK_FUNC || x->kind == AK_VAR)
				a->decls[d].flags |= DF_DEFINED;
		} else if (a->decls[d].node < 0) {
			a->decls[d].node = n;
		}
		if (x->kind == AK_VAR && clang_Cursor_getStorageClass(c) == CX_SC_Extern)
			x->flags |= AF_EXTERN;
		if (x->kind == AK_PARAM && f->func >= 0)
			a->decls[d].index = f->nparam++;
		break;
	}
	case AK_CALL:
	case AK_DECLREF:
	case AK_MEMBER: {
		CXCursor ref = clang_getCursorReferenced(c);
		int is_call = x->kind == AK_CALL;
		if (is_call && callee_is_call(c))
			ref = clang_getNullCursor();
		if (!clang_Cursor_isNull(ref) &&
		    (!is_call || clang_getCursorKind(ref) == CXCursor_FunctionDecl)) {
			int d = cx_decl_of(cv, ref);
			x = &a->nodes[n];
			x->decl = d;
			x->name = a->decls[d].name;
		} else if (!is_call) {
			x->name = cx_intern_take(a, clang_getCursorSpelling(c));
		} else {
			x->op = callee_ftype(cv, c);
		}
		break;
	}
	case AK_RECORD:
	case AK_TYPEDEF:
	case AK_LABEL:
	case AK_GOTO:
		x->name = cx_intern_take(a, clang_getCursorSpelling(c));
		break;
	case AK_OTHER:
		/* A designator's field (.allocate = f) and the record a typedef names: the rule
		 * check reads which field an initializer fills. */
		if (ck == CXCursor_MemberRef || (ck == CXCursor_TypeRef && f->node >= 0 &&
		                                 a->nodes[f->node].kind == AK_TYPEDEF))
			x->name = cx_intern_take(a, clang_getCursorSpelling(c));
		break;
	default:
		break;
	}
}

/*
 * A cursor's extent. Those that are one token (a name, a number, a character, a type's name)
 * are measured on the file's raw tokens when cx_fast can (libclang re-lexes the token for each
 * extent it gives, a third of the conversion's libclang time), checked like its other answers.
 * A string literal may be several tokens: it is not one of them.
 */
static CXSourceRange one_token_extent(struct conv *cv, CXCursor c, enum CXCursorKind ck,
                                      CXSourceLocation loc)
{
	CXSourceRange r;
	switch (ck) {
	case CXCursor_DeclRefExpr:
	case CXCursor_IntegerLiteral:
	case CXCursor_FloatingLiteral:
	case CXCursor_CharacterLiteral:
	case CXCursor_TypeRef:
		if (!cxfast_token_extent(cv->fs, loc, &r))
			break;
		if (cxfast_verify_due(cv->fs) && !clang_equalRanges(r, clang_getCursorExtent(c))) {
			cxfast_disable(cv->fs);
			break;
		}
		return r;
	default:
		break;
	}
	return clang_getCursorExtent(c);
}

/* Appends the node for cursor c under frame f; returns its index. */
static int add_node(struct conv *cv, CXCursor c, struct frame *f)
{
	struct ast *a = cv->a;
	enum CXCursorKind ck = clang_getCursorKind(c);
	GROW(a->nodes, a->nnodes, a->nodes_cap);
	int n = (int)a->nnodes++;
	struct ast_node *x = &a->nodes[n];
	memset(x, 0, sizeof(*x));
	x->kind = kind_of(ck);
	x->parent = f->node;
	x->decl = -1;
	x->file = -1;
	if (!derived_extent(ck)) {
		CXSourceLocation loc = clang_getCursorLocation(c);
		CXSourceRange r = one_token_extent(cv, c, ck, loc);
		locate(cv, loc, r, x);
		note_child(f, loc, r);
	}
	describe(cv, c, ck, n, f);
	if (ck == CXCursor_UnexposedAttr && f->node >= 0 && a->nodes[f->node].kind == AK_VAR)
		cleanup_attr(cv, c, n);
	return n;
}

/* Whether node n's children are converted: a body nobody asked for is not (a rewrite needs
 * only its hotspots'). */
static int wants_children(const struct conv *cv, int n)
{
	const struct ast_node *x = &cv->a->nodes[n];
	if (!cv->only || x->kind != AK_FUNC || !(x->flags & AF_DEFINITION))
		return 1;
	return strmap_find(&cv->onlyset, x->name) != NULL;
}

/* A call whose callee is a function named through parentheses, a dereference or a cast
 * (`(free)(p)`, `(*f)(x)` with f a function): libclang names no callee, but it is a direct call
 * of that function, and is one for every analysis. */
static void direct_callee(struct ast *a, int n)
{
	int c = ast_call_callee(a, n);
	while (c >= 0 && (a->nodes[c].kind == AK_PAREN || a->nodes[c].kind == AK_UNEXPOSED ||
	                  a->nodes[c].kind == AK_CAST ||
	                  (a->nodes[c].kind == AK_UNARY && a->nodes[c].op &&
	                   (!strcmp(a->nodes[c].op, "*") || !strcmp(a->nodes[c].op, "&")))))
		c = ast_last(a, c);
	if (c < 0 || a->nodes[c].kind != AK_DECLREF || a->nodes[c].decl < 0 ||
	    a->decls[a->nodes[c].decl].kind != DK_FUNC)
		return;
	a->nodes[n].decl = a->nodes[c].decl;
	a->nodes[n].name = a->nodes[c].name;
}

/* Size, child count and the facts that need the children, once they are all converted. */
static void finish_node(struct ast *a, int n)
{
	struct ast_node *x = &a->nodes[n];
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
	if (x->kind == AK_CALL && x->decl < 0)
		direct_callee(a, n);
}

static void push_frame(struct walk *w, CXCursor c, int node, int func, int nparam)
{
	GROW(w->fr, w->nfr, w->frcap);
	w->fr[w->nfr++] = (struct frame){.node = node, .func = func, .nparam = nparam, .cur = c};
}

/* Pops the innermost frame, whose children are all converted, and finishes its node. */
static void pop_frame(struct conv *cv, struct walk *w)
{
	struct frame *f = &w->fr[w->nfr - 1];
	struct frame *up = w->nfr > 1 ? &w->fr[w->nfr - 2] : NULL;
	if (f->node >= 0) {
		if (derived_extent(clang_getCursorKind(f->cur))) {
			CXSourceLocation loc;
			CXSourceRange r = locate_derived(cv, f, &loc);
			note_child(up, loc, r);
		}
		finish_node(cv->a, f->node);
	}
	w->nfr--;
}

/*
 * One cursor of the walk. libclang visits in the order of a recursive walk and names each
 * cursor's parent, so the frames above that parent are the subtrees just finished. (Statements
 * and expressions are walked from libclang's own work list, not its C stack.)
 */
static enum CXChildVisitResult visit(CXCursor c, CXCursor parent, CXClientData data)
{
	struct walk *w = data;
	struct conv *cv = w->cv;
	while (w->nfr > 1 && !clang_equalCursors(w->fr[w->nfr - 1].cur, parent))
		pop_frame(cv, w);
	struct frame *f = &w->fr[w->nfr - 1];
	/* Top level: declarations located in non-system files. */
	if (w->nfr == 1 && (clang_isPreprocessing(clang_getCursorKind(c)) || cx_is_system(cv, c)))
		return CXChildVisit_Continue;
	int n = add_node(cv, c, f);
	if (!wants_children(cv, n))
		return CXChildVisit_Continue; /* size 0: only the declaration node is kept */
	const struct ast_node *x = &cv->a->nodes[n];
	int func = x->kind == AK_FUNC ? n : f->func;
	int nparam = x->kind == AK_FUNC ? 0 : f->nparam;
	push_frame(w, c, n, func, nparam);
	return CXChildVisit_Recurse;
}

void cx_convert_top(struct conv *cv)
{
	struct walk w;
	memset(&w, 0, sizeof(w));
	w.cv = cv;
	CXCursor root = clang_getTranslationUnitCursor(cv->tu);
	push_frame(&w, root, -1, -1, 0);
	clang_visitChildren(root, visit, &w);
	while (w.nfr)
		pop_frame(cv, &w);
	free(w.fr);
}

/* ---- preprocessing records ------------------------------------------------------------------ */

/* Appends one element of size sz to *v holding n: capacity is the next power of two. */
static void *grow_pow2(void *v, size_t n, size_t sz)
{
	if ((n & (n - 1)) == 0)
		v = xrealloc(v, (n ? n * 2 : 16) * sz);
	return v;
}

static void add_include(struct conv *cv, CXCursor c, int fi, unsigned b, unsigned e)
{
	struct ast_file *af = &cv->a->files[fi];
	af->inc = grow_pow2(af->inc, af->ninc, sizeof(*af->inc));
	/* The extent starts at the directive name; widen to the '#' before it. */
	size_t t = ast_tok_at(cv->a, fi, b);
	if (t > 0 && t <= af->ntok && ast_tok_is(cv->a, fi, t - 1, "#"))
		b = af->tok[t - 1].begin;
	af->inc[af->ninc].begin = b;
	af->inc[af->ninc].end = e;
	af->inc[af->ninc].name = cx_intern_take(cv->a, clang_getCursorSpelling(c));
	af->ninc++;
}

/* The preprocessing walk's state: the macro definitions met, by file and offset. */
struct ppwalk {
	struct conv *cv;
	struct strmap defs; /* (file index, begin) -> index in a->mdefs */
};

/* The index in a->mdefs of the project's macro definition expansion c refers to (added when
 * new), or UINT_MAX (a system header's macro, a builtin one). */
static unsigned mdef_of(struct ppwalk *w, CXCursor c)
{
	struct conv *cv = w->cv;
	CXCursor def = clang_getCursorReferenced(c);
	if (clang_Cursor_isNull(def) || cx_is_system(cv, def))
		return UINT_MAX;
	unsigned key[2];
	int dfi = cx_expansion_extent(cv, def, &key[0], &key[1]);
	if (dfi < 0)
		return UINT_MAX;
	key[1] = key[0];
	key[0] = (unsigned)dfi;
	int created = 0;
	struct ast *a = cv->a;
	struct strmap_ent *en =
	    strmap_putb_dup(&w->defs, key, sizeof(key), (int)a->nmdefs, &created);
	if (!created)
		return (unsigned)en->val;
	GROW(a->mdefs, a->nmdefs, a->mdefs_cap);
	struct ast_mdef *d = &a->mdefs[a->nmdefs++];
	d->name = cx_intern_take(a, clang_getCursorSpelling(def));
	d->file = dfi;
	cx_expansion_extent(cv, def, &d->begin, &d->end);
	clang_getExpansionLocation(clang_getCursorLocation(def), NULL, &d->line, NULL, NULL);
	d->fnlike = clang_Cursor_isMacroFunctionLike(def) != 0;
	return (unsigned)en->val;
}

static enum CXChildVisitResult visit_pp(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	struct ppwalk *w = data;
	struct conv *cv = w->cv;
	enum CXCursorKind k = clang_getCursorKind(c);
	if (k != CXCursor_MacroExpansion && k != CXCursor_InclusionDirective)
		return CXChildVisit_Continue;
	CXSourceLocation loc = clang_getCursorLocation(c);
	if (clang_Location_isInSystemHeader(loc))
		return CXChildVisit_Continue;
	unsigned b, e;
	int fi = cx_expansion_extent(cv, c, &b, &e);
	if (fi < 0)
		return CXChildVisit_Continue;
	if (k == CXCursor_InclusionDirective) {
		add_include(cv, c, fi, b, e);
		return CXChildVisit_Continue;
	}
	if (cv->sel)
		cx_sel_note_macro(cv, c, fi, b);
	struct ast_file *af = &cv->a->files[fi];
	af->macro = grow_pow2(af->macro, af->nmacro, sizeof(*af->macro));
	af->macro[af->nmacro][0] = b;
	af->macro[af->nmacro][1] = e;
	af->macro[af->nmacro][2] = mdef_of(w, c);
	af->nmacro++;
	return CXChildVisit_Continue;
}

static int cmp_range(const void *pa, const void *pb)
{
	const unsigned *a = pa, *b = pb;
	return a[0] < b[0] ? -1 : a[0] > b[0];
}

void cx_convert_pp(struct conv *cv)
{
	struct ppwalk w = {cv, STRMAP_INIT};
	clang_visitChildren(clang_getTranslationUnitCursor(cv->tu), visit_pp, &w);
	strmap_free_keys(&w.defs);
	for (size_t i = 0; i < cv->a->nfiles; i++) {
		struct ast_file *af = &cv->a->files[i];
		if (af->nmacro)
			qsort(af->macro, af->nmacro, sizeof(*af->macro), cmp_range);
	}
}
