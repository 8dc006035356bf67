/*
 * cx_fast: the conversion's shortcuts through libclang's private fields (internal to cx*.c).
 *
 * Why: the lint converts every body, so the conversion pays for every libclang location call;
 * most of them can be answered from values libclang already handed over.
 *
 * What it relies on, and nothing else in the tool does: a CXSourceLocation's int_data and a
 * CXSourceRange's begin/end_int_data are clang's raw SourceLocation encodings; a CXToken's
 * int_data[1] and [2] are a token's raw location and length; a declaration cursor's data[0] is
 * its Decl pointer; a location and a range carry the same ptr_data, and a range's end is
 * the raw location past its last token. A raw location without the macro bit (bit 31) is a file
 * location whose byte offset is raw minus the start of its FileID in clang's location space. Each
 * FileID's start is learnt from one libclang answer (raw - offset), so most nodes need no location
 * call; line and column come from the file's own line table, counted as clang counts them (\n,
 * \r\n, \r).
 *
 * Invariants: the layout is libclang's public struct but its meaning is not promised, so every
 * fast answer of the first CXFAST_VERIFY_FIRST nodes and tokens, and one in CXFAST_VERIFY_EVERY
 * after that, is checked by the caller against the libclang call; a difference calls
 * cxfast_disable() and the slow answer is used for the rest of the unit.
 *
 * The switch: cxfast_enabled() is 0 when ARENA_REWRITE_NO_FASTLOC is set to a non-empty value
 * other than "0"; every function here then answers "unknown" (0) and the conversion uses only
 * documented libclang calls. Its output must be byte-identical either way (a ctest checks it).
 *
 * Ownership: struct cxfast belongs to one conversion (one thread); cxfast_free releases it.
 */
#ifndef ARW_CX_FAST_H
#define ARW_CX_FAST_H

#include <clang-c/Index.h>
#include <stddef.h>

#define CXFAST_VERIFY_FIRST 256
#define CXFAST_VERIFY_EVERY 997

struct ast;
struct cxfast;

/* The switch, read once per process. */
int cxfast_enabled(void);

struct cxfast *cxfast_new(const struct ast *a);
void cxfast_free(struct cxfast *fs);
void cxfast_disable(struct cxfast *fs);
/* Whether this fast answer should be checked against libclang (and counts it). */
int cxfast_verify_due(struct cxfast *fs);

/*
 * A node's location and extent: file index, offset of loc, begin and end offsets, line and
 * column of loc. Returns 0 (nothing set) when it cannot answer.
 */
int cxfast_node(struct cxfast *fs, CXSourceLocation loc, CXSourceRange r, int *file, unsigned *off,
                unsigned *begin, unsigned *end, unsigned *line, unsigned *col);
/* Learns loc's FileID start from libclang's answer (file index and offset of loc). */
void cxfast_learn(struct cxfast *fs, CXSourceLocation loc, int file, unsigned off);
/* 1 when loc is known to be a plain file location (spelled where it is expanded). */
int cxfast_is_file_loc(const struct cxfast *fs, CXSourceLocation loc);

/*
 * The extent libclang gives a cursor that is one token at loc (a name or a number spelled in
 * a file): loc to the end of the file's raw token that starts there, as libclang measures it.
 * Saves libclang's re-lexing of that token. 0 when unknown (a macro location, no token there).
 */
int cxfast_token_extent(struct cxfast *fs, CXSourceLocation loc, CXSourceRange *r);

/* A token's offsets in a file of `len` bytes starting at file_start; 0 when unknown. */
int cxfast_token(const struct cxfast *fs, CXSourceLocation file_start, CXToken t, size_t len,
                 unsigned *o1, unsigned *o2);

/* A cursor's identity as bytes (kind and Decl pointer) for the decl cache; 0 when unknown. */
struct cxfast_key {
	const void *ptr;
	long kind;
};
int cxfast_cursor_key(const struct cxfast *fs, CXCursor c, struct cxfast_key *k);

#endif
