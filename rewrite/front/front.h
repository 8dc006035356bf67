/*
 * front: the front end, the first stage of the engine (docs/design.md, "Stages"). It turns what
 * the user names (sources, -p DIR, arguments after "--") into compile commands (cmd.h), keeps
 * those of one program when --target names it (prog.h, CMake's file API), parses
 * each translation unit with libclang and converts it into the tool's own struct ast (cx.h,
 * ast.h), and runs per-unit work on threads (par.h).
 *
 * This header is the stage's interface: a file of a later stage (analysis/, planning/,
 * writing/, the modes in rewrite/) includes it, never one of the headers below one by one.
 *
 * Invariants:
 *   - libclang stays inside this folder: no CXCursor, CXTranslationUnit or CXString leaves a
 *     cx*.c file; cx_int.h and cx_fast.h, the only headers that include clang-c, are the
 *     stage's own (the circle cx.c, cx_conv.c, cx_decl.c, cx_sel.c lives behind cx_int.h);
 *   - every later stage reads struct ast and struct cmd, never libclang;
 *   - the stage includes only base/ and rules/ beneath it, and knows nothing of the analysis,
 *     the planner or the writer.
 *
 * Ownership: an ast owns its nodes, declarations, files and interned strings (ast_free); a
 * cmdlist owns its cmds (cmdlist_free). cx_parse returns an ast the caller owns.
 */
#ifndef ARW_FRONT_H
#define ARW_FRONT_H

#include "ast.h"
#include "cmd.h"
#include "cx.h"
#include "par.h"
#include "prog.h"

#endif
