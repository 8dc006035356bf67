/*
 * prog: which sources form one program, from the link information a build leaves behind
 * (--target NAME; docs/rewrite.md, "Programs").
 *
 * A compile database lists every unit a build compiles, for every program: it says nothing of
 * which units are linked into which executable. CMake's file API does: the codemodel-v2 reply
 * under BUILD_DIR/.cmake/api/v1/reply names each target's sources and the targets it depends
 * on. The program of an executable target is its own sources plus those of the library
 * targets it links (static, object and shared libraries of the project), transitively; a
 * dependency that is only an ordering (add_dependencies: not on the link line) is not code of
 * the program.
 *
 * prog_keep reads the reply once and keeps in a unit list only the units of the program, in
 * their order: the others are dropped before anything parses them. Link commands recorded by
 * a build interceptor are not read: Bear 3 writes the compile commands only (its database has
 * no entry for a link of object files), so the file API is the one source of link information.
 *
 * Errors are ERR_INPUT naming the build folder or the reply file: no reply (with how to ask
 * CMake for one), no such target, a target that is not an executable, a program none of whose
 * sources is among the units.
 *
 * Ownership: prog_keep frees the units it drops; nothing of the reply outlives the call.
 */
#ifndef ARW_PROG_H
#define ARW_PROG_H

#include <stddef.h>

struct cmdlist;
struct err;

/* Keeps in *units the units of executable target `target` of the CMake build in build_dir;
 * *left_out says how many were dropped. 0, or -1 with e set (units unchanged). */
int prog_keep(const char *build_dir, const char *target, struct cmdlist *units, size_t *left_out,
              struct err *e);

#endif
