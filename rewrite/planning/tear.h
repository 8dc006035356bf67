/*
 * tear: teardown that proves itself dead. A function with its own arena (a hotspot's, or a
 * scope's) often ends by walking what it built to free it: `tree_free(root)`, a loop of
 * `free(n)` down a list. Once the rewrite is done every one of those frees is arena_free of
 * arena memory, a no-op paid in cache misses, and the arena frees it all right after. The
 * rewrite removes such a walk when it can prove it, and writes a note where it was.
 *
 * What is proven (docs/rewrite.md, "Teardown removed"), all of it or nothing:
 *  - the walk does nothing but free: its body (and that of every function it calls) only
 *    reads, assigns its own locals, branches, loops, calls a `free`-kind function or another
 *    such walk; no call in a macro, no store to memory, no I/O;
 *  - every pointer it can free is arena memory: the run is one unit with every body
 *    converted, and every call in it that can hand out heap memory (the allocator family,
 *    the rules' profile-only allocator names, the runtime's heap-returning functions, a
 *    function with no body here) is one of this function's own allocations that the rewrite
 *    turns into its arena's, or, for a scope, of the hotspots of that scope, tagged so that
 *    a refusal drops the removal with them;
 *    or, for a scope's walk call when other allocations are heap, field by field
 *    (tear_field.c): every store anywhere into the fields and field-held arrays the walk frees
 *    from stores the scope's memory or what nobody may free, nothing writes them unseen, and
 *    the walk's argument is the scope's memory;
 *    or, for a function-local arena, whatever the rest of the program does: the function
 *    stores into its arena's memory only arena pointers or values nobody may free, keeps
 *    arena pointers only in its scalar locals (never taking their address) and that memory,
 *    and hands them to no call but its own allocations, frees and walks that only free
 *    (the escape check has already kept them from leaving it), so every pointer the walk
 *    loads and frees is the arena's;
 *  - the arena ends right after: the walk is in no loop of the function, and nothing after it
 *    calls anything but libc (not an allocator) or another such walk; a removed loop's
 *    locals are not read after it.
 * A `free` of libc at the end of a function-local arena's function (ends right after, as
 * above) goes the same way when its argument is a local that only ever holds the function's own
 * allocations or null (own_locals), or by the function-local proof.
 * Anything not proven keeps the walk, which is still correct (arena_free leaves arena memory
 * alone); a `release` rule is the user's way to assert the rest. What is written in its place
 * (nothing is deleted: malloc mode still runs it) is tear_edit.c's.
 *
 * Release rules in a scope's callees: a function that exactly one scope reaches, and that runs
 * only inside scopes (no root or address-taken function reaches it without passing a scope),
 * drops its `release` calls on memory of that scope like the scope function does; the drops
 * carry the scope's tag.
 *
 * Ownership: struct tear_tu holds per-unit facts, keyed by strings interned in the unit's ast;
 * it lives as long as the unit's planning (tear_tu_free). Nothing here writes files.
 */
#ifndef ARW_TEAR_H
#define ARW_TEAR_H

#include <stddef.h>

struct ast;
struct fctx;
struct rules;
struct tear_tu;

/* The replacement text of a removal's site (report and notes tell removals by it). */
#define TEAR_REMOVED "(removed)"

/* Whether function `decl` is a walk that only frees (see above). *t is made on first use. */
int tear_is_teardown(struct tear_tu **t, const struct ast *a, const struct rules *r, int decl);
/* Removes the proven-dead teardown of a function with its own arena or scope (c->allocs and
 * the escape check done, release calls planned). */
void tear_plan(struct fctx *c);
/* For a function reached from a scope: the scope's group tag when its release calls may be
 * dropped (c->from_arena filled), else -1. */
int tear_callee_scope(struct fctx *c);
/* Call `call` (a statement ending at token `semi`, one argument `arg`) becomes `(void)(arg);`
 * and the note "NAME(): released with the arena"; its site gets replacement repl. */
void tear_drop_call(struct fctx *c, int call, int arg, size_t semi, const char *repl);
void tear_tu_free(struct tear_tu *t);

#endif
