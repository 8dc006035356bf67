/*
 * cx: the one module that talks to libclang.
 *
 * It reads compilation databases (CXCompilationDatabase, as clang tools read them) and turns a
 * parsed translation unit into the tool's own struct ast (ast.h), then disposes of it, so no
 * CXCursor, CXTranslationUnit or CXString ever leaves this file. Every other module works on
 * struct ast and struct cmd.
 *
 * Thread safety: cx_parse may run on several threads at once; each call makes its own CXIndex.
 *
 * Builtin headers: libclang finds stddef.h and friends in its resource folder, which it locates
 * relative to the libclang shared object, a guess that fails when the library is reached
 * through a distribution symlink (/usr/lib/x86_64-linux-gnu/libclang-14.so.1). cx passes
 * -resource-dir explicitly: $ARENA_REWRITE_RESOURCE_DIR, else the folder found at build time,
 * else the one of /usr/lib/llvm-N that matches the loaded libclang's version.
 */
#ifndef ARW_CX_H
#define ARW_CX_H

#include <stddef.h>

struct ast;
struct cmd;
struct cmdlist;
struct err;

/* Loads every command of DIR/compile_commands.json into list (appending). */
int cx_cdb_load(const char *dir, struct cmdlist *list, struct err *e);
/*
 * Parses one translation unit. Errors in the source: ERR_INPUT with the first error's place.
 * When `only` is non-NULL, function definitions with other names keep their declaration node
 * but their bodies are not converted (a rewrite needs only its hotspots' bodies).
 */
int cx_parse(const struct cmd *c, const char *const *only, size_t nonly, struct ast **out,
             struct err *e);
/*
 * cx_parse with the `only` list decided from the unit itself, for the lint (lint.h): a
 * function's body is converted when the function is named in `names`, when its raw tokens
 * mention an identifier in `names` or starting with one of `prefixes`, or when it expands a
 * macro defined outside system headers (which may hide either); then, to a fixpoint, the
 * functions of this unit that a converted body calls or mentions, and the functions calling a
 * converted function whose result is a pointer or a struct (it may carry what the callee
 * allocated). Other definitions keep their declaration node, as with `only`.
 */
int cx_parse_related(const struct cmd *c, const char *const *names, size_t nnames,
                     const char *const *prefixes, size_t nprefixes, struct ast **out,
                     struct err *e);
/* "clang version ..." of the loaded libclang; static storage. */
const char *cx_version(void);
const char *cx_resource_dir(void);

#endif
