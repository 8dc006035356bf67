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
 * their order: the others are dropped before anything parses them. Without a reply, the one
 * link information a compile database can hold is used: entries compiled and linked by one
 * command (`cc a.c b.c -o NAME`), which Bear 3 records with the executable as their "output".
 * Bear records no link of object files (its database has entries for compiler runs on
 * sources only), so a program built in two steps needs the file API.
 *
 * Errors are ERR_INPUT naming the build folder or the reply file: no reply and no entry
 * compiled into NAME (with how to ask CMake for a reply), no such target, a target that is not
 * an executable, a program none of whose sources is among the units.
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
