/*
 * cx_int: what the cx*.c files share (internal to the libclang wrapper; see cx.h).
 *
 *   cx.c       entry points: resource folder, version, parsing a unit (on a thread with a
 *              1 GiB reserved stack, for clang's recursive parser), diagnostics, the
 *              conversion's order
 *   cx_cdb.c   compilation databases -> struct cmd
 *   cx_conv.c  cursors -> struct ast nodes, iteratively (no recursion on input depth)
 *   cx_file.c  the unit's files (text, raw tokens, the runtime's marked as system), libclang
 *              strings taken, the system test; the bottom of the circle-free order
 *              cx.c -> cx_conv.c -> cx_sel.c, cx_decl.c -> cx_file.c
 *   cx_decl.c  referenced declarations -> struct ast_decl, and type classes
 *   cx_sel.c   cx_parse_related's choice of the bodies a lint needs
 *   cx_fast.c  the shortcuts through libclang's private fields, behind one switch
 *   cx_open.c  the files libclang opens during a parse: special files refused, inputs noted
 *
 * struct conv is one conversion's state; it lives on the parsing thread's stack and is used by
 * one thread only. Only cx*.c include clang-c; no libclang value leaves them.
 */
#ifndef ARW_CX_INT_H
#define ARW_CX_INT_H

#include "strmap.h"

#include <clang-c/Index.h>
#include <stddef.h>

struct ast;
struct cxfast;
struct sel;

struct fmap_ent {
	CXFile f;
	int idx;
};

/* cx_tclass_cached's slots: a type (libclang's identity, clang_equalTypes) and its class. */
struct tc_ent {
	CXType t;
	unsigned char used, tclass, ptclass;
};
#define CX_TCACHE 1024 /* slots, a power of two */

struct conv {
	struct cxfast *fs;
	struct sel *sel; /* cx_parse_related: the selection being prepared, else NULL */
	struct ast *a;
	CXTranslationUnit tu;
	struct strmap dmap; /* canonical cursor (own heap copy) -> decl index */
	struct strmap qmap; /* cxfast_key (copy) -> decl index: the fast path's decl cache */
	struct fmap_ent *fmap;
	size_t fn, fcap;
	const char *const *only; /* NULL, or the function names whose bodies are wanted */
	size_t nonly;
	struct strmap onlyset; /* the same names, looked up (filled by convert) */
	struct tc_ent *tcache; /* CX_TCACHE slots, direct-mapped */
	/* the unit's function declarations by name, made when a cleanup attribute first needs
	 * one (cx_func_named): names are the map's own copies, cursors in fcur */
	struct strmap fnames;
	CXCursor *fcur;
	size_t nfcur, fcur_cap;
	int fnames_made;
};

/* The parse on this thread, watched (cx_open.c): `bad` is the first file refused (malloc'd;
 * the caller frees it) and `mode` its kind. */
struct cx_watch {
	char *bad;
	unsigned mode;
};
void cx_watch_begin(struct cx_watch *w);
void cx_watch_end(struct cx_watch *w);

/* cx_file.c */
/* A libclang string as a malloc'd C string (disposes of s). */
char *cx_take(CXString s);
/* The same, interned in a (ast_intern). */
const char *cx_intern_take(struct ast *a, CXString s);
/*
 * Whether c lies where the tool never looks: a system header, or a file of the arena runtime
 * itself (ast_file.system, set from the runtime's marker by cx_file_index).
 */
int cx_is_system(struct conv *cv, CXCursor c);

/* The ast file index of f (added, with its text and raw tokens, when new); -1 for no file. */
int cx_file_index(struct conv *cv, CXFile f, CXSourceLocation loc);
/* File index (or -1) and expansion extent [*b, *e) of cursor c. */
int cx_expansion_extent(struct conv *cv, CXCursor c, unsigned *b, unsigned *e);

/* cx_conv.c */
/* Preprocessing records (macro expansions, inclusions) of non-system files. */
void cx_convert_pp(struct conv *cv);
/* Declarations located in non-system files, with their bodies (as cv->only allows). */
void cx_convert_top(struct conv *cv);

/* cx_decl.c */
void cx_decls_init(struct conv *cv);
void cx_decls_free(struct conv *cv);
/* The decl index of the declaration cursor c (added when new); -1 for a null cursor. */
int cx_decl_of(struct conv *cv, CXCursor c);
unsigned char cx_tclass_of(CXType t);
/* The same through a cache: a unit's nodes have few distinct types. */
unsigned char cx_tclass_cached(struct conv *cv, CXType t);
/* The class of what a pointer type points to (TC_NONE for other types), cached likewise. */
unsigned char cx_ptclass_cached(struct conv *cv, CXType t);
/* The decl index of the function the unit declares under name (one visible at file scope, as
 * an attribute's argument names it), or -1. */
int cx_func_named(struct conv *cv, const char *name);

/* cx_sel.c */
struct sel *cx_sel_new(const char *const *names, size_t nnames, const char *const *prefixes,
                       size_t nprefixes);
void cx_sel_free(struct sel *sl);
/* Notes a macro expansion at (file, offset) while the selection is being prepared. */
void cx_sel_note_macro(struct conv *cv, CXCursor c, int fi, unsigned off);
/* The names of the bodies to convert (free the array, not the names); *n their number. */
const char **cx_sel_bodies(struct conv *cv, size_t *n);

#endif
