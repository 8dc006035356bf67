/*
 * ast: the tool's own, libclang-free picture of one translation unit.
 *
 * cx.c (the only module that includes clang-c) walks libclang's cursors once and fills this
 * structure; every analysis and the edit planner read it instead of CXCursors, so they can be
 * tested and reasoned about without libclang's lifetime rules, and the translation unit can be
 * disposed of as soon as it is converted.
 *
 * What is kept: every cursor located in a file that is not a system header (functions, their
 * bodies, top-level variables, records), the declarations those cursors reference (including
 * system ones such as malloc, as decl entries without nodes), and the text and raw tokens of
 * each non-system file. Nodes are stored in preorder, so a node's descendants are exactly the
 * indices (n, n + size) and "is inside" is an index comparison.
 *
 * Locations: `begin`/`end` are byte offsets in files[file].text of the node's extent at file
 * level (a macro invocation counts as its whole spelled invocation); `loc` is the offset of the
 * cursor's own location (a declaration's name, a call's callee, an operator expression's first
 * token); line/col belong to loc. Nodes produced by a macro expansion carry AF_MACRO, and
 * AF_MACRO_ARG when spelled in a macro argument.
 *
 * Ownership: the ast owns everything (nodes, decls, files, interned strings); ast_free releases
 * it all. Strings are interned: equal strings of one ast are the same pointer.
 */
#ifndef ARW_AST_H
#define ARW_AST_H

#include <stddef.h>

enum ast_kind {
	AK_OTHER,
	/* declarations */
	AK_FUNC,
	AK_VAR,
	AK_PARAM,
	AK_FIELD,
	AK_RECORD,
	AK_TYPEDEF,
	/* statements */
	AK_COMPOUND,
	AK_DECLSTMT,
	AK_RETURN,
	AK_IF,
	AK_SWITCH,
	AK_CASE,
	AK_DEFAULT,
	AK_WHILE,
	AK_DO,
	AK_FOR,
	AK_LABEL,
	AK_GOTO,
	AK_BREAK,
	AK_CONTINUE,
	AK_NULLSTMT,
	AK_ASM,
	/* expressions */
	AK_CALL,
	AK_DECLREF,
	AK_MEMBER,
	AK_UNARY,
	AK_BINARY,
	AK_ASSIGNOP, /* compound assignment: += -= ... */
	AK_CAST,
	AK_PAREN,
	AK_COND,
	AK_SUBSCRIPT,
	AK_INTLIT,
	AK_STRLIT,
	AK_LITERAL, /* other literals: float, char */
	AK_INITLIST,
	AK_SIZEOF,   /* sizeof/alignof: operand not evaluated */
	AK_STMTEXPR, /* GNU ({ ... }) */
	AK_UNEXPOSED,
	AK__COUNT
};

enum ast_flag {
	AF_MACRO = 1 << 0,      /* produced by a macro expansion */
	AF_MACRO_ARG = 1 << 1,  /* ... spelled in one of its arguments */
	AF_DEFINITION = 1 << 2, /* a definition (function with body, variable) */
	AF_ARROW = 1 << 3,      /* AK_MEMBER through -> */
	AF_POSTFIX = 1 << 4,    /* AK_UNARY postfix ++/-- */
	AF_SYSHDR = 1 << 5,     /* located in a system header */
	/* a variable's __attribute__((cleanup(f))): the node's name and decl are f, which the
	 * program calls with the variable's address when it goes out of scope */
	AF_CLEANUP = 1 << 6,
	/* a variable declared with the storage class `extern`: a declaration only, unless it has
	 * an initializer (AF_DEFINITION); a file-scope variable without it and without an
	 * initializer is a tentative definition, which clang does not call a definition but the
	 * linker does (the units of a program, analysis/progs.h) */
	AF_EXTERN = 1 << 7,
};

/* The class of a node's (canonical) type. */
enum ast_tclass {
	TC_NONE,
	TC_VOID,
	TC_INT,
	TC_FLOAT,
	TC_PTR,
	TC_FUNCPTR, /* pointer to function */
	TC_ARRAY,
	TC_RECORD,
	TC_FUNC,
	TC_OTHER,
	/* only as a pointee class (ast_node.ptclass): a struct, union or array that holds no
	 * pointer at any depth (a record of numbers: copying its bytes copies no pointer) */
	TC_DATA
};

struct ast_node {
	unsigned char kind;   /* enum ast_kind */
	unsigned char tclass; /* enum ast_tclass of the node's type */
	unsigned short flags; /* enum ast_flag */
	int parent;           /* -1 for top-level nodes */
	int size;             /* number of descendants */
	int nchild;
	int file; /* index into ast.files, -1 when unknown */
	unsigned begin, end, loc;
	unsigned line, col;
	const char *name; /* declared name, or referenced name for DECLREF/MEMBER/CALL */
	/* UNARY/BINARY/ASSIGNOP operator spelling, NULL when unknown; for a CALL through a
	 * pointer, the canonical spelling of the function type it calls ("int (void *, int)") */
	const char *op;
	int decl; /* decl index: own (declarations) or referenced (DECLREF, MEMBER, CALL) */
	/* pointer-typed expressions: the class of what the pointer points to (TC_NONE otherwise) */
	unsigned char ptclass;
};

enum ast_decl_flag {
	DF_SYSTEM = 1 << 0,  /* declared in a system header */
	DF_GLOBAL = 1 << 1,  /* variable with static storage duration (global, static local) */
	DF_TLS = 1 << 2,     /* thread-local */
	DF_STATIC = 1 << 3,  /* internal linkage */
	DF_DEFINED = 1 << 4, /* defined in this TU (function body, variable definition) */
	DF_LOCAL = 1 << 5,   /* automatic variable or parameter */
	DF_VARIADIC = 1 << 6,
	DF_UNION = 1 << 7,  /* a field of a union */
	DF_VALIST = 1 << 8, /* a variable or parameter of type va_list */
	DF_ENUM = 1 << 9,   /* a variable, parameter or field of enum type (its class is TC_INT) */
	/* a variable or field whose type (or element type) is a structure a system header
	 * declares, or one of the program's holding such a structure at any depth: library code
	 * reads the function pointers it holds (cookie_io_functions_t, struct argp, struct
	 * sigaction, a signal table whose entries embed one) */
	DF_SYSREC = 1 << 10,
};

enum ast_decl_kind { DK_FUNC, DK_VAR, DK_PARAM, DK_FIELD, DK_ENUMCONST, DK_OTHER };

struct ast_decl {
	const char *name;
	const char *usr;  /* clang's unified symbol resolution: stable across TUs */
	const char *type; /* variables/params/fields: type; functions: result type */
	unsigned char kind;
	unsigned char tclass; /* variables: their type's class; functions: the result's */
	unsigned short flags;
	int node;          /* the defining node (else a declaring node) in this ast, or -1 */
	int index;         /* DK_PARAM: position; DK_FUNC: number of parameters */
	const char *ftype; /* DK_FUNC: the canonical spelling of its type ("int (void *, int)") */
};

enum ast_tok_kind { TK_PUNCT, TK_KEYWORD, TK_IDENT, TK_LITERAL, TK_COMMENT };

struct ast_token {
	unsigned begin, end;
	unsigned char kind;
};

struct ast_include {
	unsigned begin, end; /* the directive's extent, from '#' */
	const char *name;    /* as spelled between the quotes or brackets */
};

struct ast_file {
	char *path; /* absolute */
	char *text; /* contents, NUL-terminated */
	size_t len;
	int system;
	struct ast_token *tok; /* raw tokens (no macro expansion), in order */
	size_t ntok;
	struct ast_include *inc;
	size_t ninc;
	/* macro expansion ranges in this file, sorted by begin: begin, end, and the index of the
	 * expanded macro's definition in ast.mdefs (UINT_MAX when it is not the project's) */
	unsigned (*macro)[3];
	size_t nmacro;
};

/* A macro definition outside system headers that the unit expands: its name, file and extent
 * (from the name to the end of its body, clang's MacroDefinition cursor), whether it is
 * function-like. */
struct ast_mdef {
	const char *name;
	int file;
	unsigned begin, end, line;
	unsigned char fnlike;
};

struct ast_strpool;

struct ast {
	char *main_file; /* absolute path of the translation unit's source */
	struct ast_node *nodes;
	size_t nnodes, nodes_cap;
	struct ast_decl *decls;
	size_t ndecls, decls_cap;
	struct ast_file *files;
	size_t nfiles, files_cap;
	struct ast_mdef *mdefs;
	size_t nmdefs, mdefs_cap;
	struct ast_strpool *pool;
};

struct ast *ast_new(const char *main_file);
void ast_free(struct ast *a);
const char *ast_intern(struct ast *a, const char *s);

/* Children in order: for (c = ast_first(a, n); c >= 0; c = ast_next(a, c)). */
int ast_first(const struct ast *a, int n);
int ast_next(const struct ast *a, int c);
int ast_child(const struct ast *a, int n, int i);
/* The last child of n, or -1 (a cast's operand, after its type reference). */
int ast_last(const struct ast *a, int n);
/* Skips parentheses, implicit conversions and casts. */
int ast_strip(const struct ast *a, int n);
/* The innermost enclosing node of one of the kinds (mask of 1u << AK_x), or -1. */
int ast_enclosing(const struct ast *a, int n, unsigned long long kinds);
/* For an AK_CALL: the callee expression (first child) and argument i (0-based), or -1. */
int ast_call_callee(const struct ast *a, int call);
int ast_call_arg(const struct ast *a, int call, int i);
int ast_call_nargs(const struct ast *a, int call);
/*
 * Why call n cannot be rewritten by replacing the callee's name token (`free(p)` ->
 * `arena_free(p)`, `(free)(p)` -> `(arena_free)(p)`), or NULL when it can: the call or its
 * callee spelled by a macro, no `(` after the callee, or (by_name) no token naming the
 * function where the callee is. The rewriter's notes and the analysis (which frees become
 * ownership-aware) ask this one question.
 */
const char *ast_call_unrewritable(const struct ast *a, int n, int by_name);
/* The function type call n calls, as libclang spells it canonically ("void (struct tag *)"):
 * the callee's for a named function, the pointer's for a call through one; NULL unknown. */
const char *ast_call_ftype(const struct ast *a, int n);
/*
 * A free-kind wrapper whose parameter is typed (`void tag_free(struct tag *)`) cannot be the
 * void (*)(void *) fallback of arena_free_with without a call through an incompatible type, so
 * the rewrite tests ownership first: `(arena_owner(t) ? arena_free(t) : tag_free(t))`, which
 * writes the argument twice. Why call n (of function type ftype) cannot be written so (its
 * argument has side effects, or is spelled by a macro), or NULL: it can, or needs no test.
 */
const char *ast_typed_free_unrewritable(const struct ast *a, int n, const char *ftype);
/* Whether call n is the third operand of `owner(p) ? ... : n` (that rewrite, already done). */
int ast_call_owner_guarded(const struct ast *a, int n, const char *owner);
/* Whether a void * parameter comes first in function type spelling ftype (NULL: unknown, 0). */
int ast_ftype_takes_void_ptr(const char *ftype);
/* Whether n (a DECLREF) is the function called by its enclosing call, not a value. */
int ast_is_callee(const struct ast *a, int n);

/* Index of the token starting at or after offset `off` in file f (ntok when none). */
size_t ast_tok_at(const struct ast *a, int f, unsigned off);
/* Index of the last token ending at or before `off`, or (size_t)-1. */
size_t ast_tok_before(const struct ast *a, int f, unsigned off);
int ast_tok_is(const struct ast *a, int f, size_t t, const char *spelling);
/* Whether [begin, end) of file f is inside a macro expansion range. */
int ast_in_macro(const struct ast *a, int f, unsigned off);
/* The index in files[f].macro of the expansion range holding offset off, or -1. */
long ast_expansion_at(const struct ast *a, int f, unsigned off);
/* The definition (index in a->mdefs) of the project's function-like macro whose body spells
 * node n (expanded there, not written in one of its arguments; a call whose first token is an
 * argument's but whose callee the invocation does not spell counts as the body's), or -1. */
int ast_macro_of(const struct ast *a, int n);
/* Where the definition of the macro spelling call (ast_macro_of) names its callee, by the
 * definition file's tokens: up to max pairs of the callee expression's first token (`free`,
 * the `(` of `(p)->m.free_fcn`) and the `(` that follows it. Returns how many there are (0:
 * not spelled in the body itself, e.g. through another macro). */
int ast_macro_callee_toks(const struct ast *a, int call, size_t *head, size_t *paren, int max);

const char *ast_kind_name(enum ast_kind k);

#endif
