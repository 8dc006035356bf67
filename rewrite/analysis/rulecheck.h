/*
 * rulecheck: the allocator rules (rules.h) checked against the program, once its units are
 * parsed and before anything is planned or reported (model_build, for --hotspots and --lint
 * alike). A `name` rule says what a function of the program is; the rewrite then replaces its
 * calls with the runtime's function of that kind. Where the sources say otherwise, the run
 * stops:
 *
 *   shape   a kind that returns memory (malloc, calloc, realloc, strdup, strndup, memdup) names
 *           a function whose result is a pointer; every kind's parameters are the kind's, in
 *           number and class: 'p' a pointer, 'n' a size, which is an integer type and no enum
 *           (yajl's node constructor `value_alloc(yajl_type)` is no malloc); no `...`. Checked on
 *           the definition when the sources hold one, else on a prototype.
 *   copy    a strndup kind whose body copies exactly its length parameter's bytes (a memcpy-like
 *           call given that parameter, which the body never changes) and calls no function that
 *           stops at a NUL is a memdup (jansson's jsonp_strndup); a memdup kind whose body runs
 *           its first parameter through such a function (strnlen, memchr...) and copies no exact
 *           length is a strndup.
 *   prefix  a kind that returns memory whose body returns an interior pointer of its allocation
 *           (a size prefix: `return (char *)p + 8;`, sds and zmalloc), and a free or realloc
 *           kind whose body frees or resizes its parameter at an offset (`free((char *)p - 8)`),
 *           cannot be replaced: the arena's memory has no prefix for the program to read, and
 *           the wrapper alone knows what it writes there.
 *
 *   kind    a malloc, calloc, realloc or strdup kind is that allocator with a check around it:
 *           an allocator of its kind given its own parameters unchanged (through functions of
 *           the sources no rule names too), no write into the memory, only it or NULL on its
 *           failure returned; any kind's body (and the functions of the sources it calls)
 *           changes no global and calls no I/O function (a cancellation point) on every call.
 *   pointer a call through a function pointer in such a body (or a function of the sources it
 *           calls) may reach every function of the sources whose address is taken with the
 *           call's type: each is checked as the kind where the call hands on the body's first
 *           parameter (a size prefix allowed: the rewrite keeps the rule's function, so the
 *           hook, as the fallback), else for its side effects (a release's ops->fini).
 *   hooks   the functions the program installs in a field a field rule names, by name in an
 *           assignment (`H.allocate = my_alloc`) or a positional initializer of a struct type the
 *           unit declares, are checked as that kind, as a name rule's function is; a value that
 *           names no function (a parameter, a load, a structure copied whole, bytes copied in)
 *           may be any address-taken function of the type the field is called with, and each
 *           is checked as that kind.
 *
 * What the sources do not show is the rule's assertion: a function declared only in a system
 * header or in no file of the run (libc's, a library's), an unprototyped declaration's
 * parameters, and a body the run did not convert (a one-unit run without scopes converts only
 * the bodies the hotspots and the arena code reach: those whose calls can be rewritten). A body
 * is read for what it does itself and through the functions of the sources it calls (an
 * allocation reached through `jsonp_malloc`, a prefix added by redis's `ztrymalloc_usable`).
 *
 * The first mismatch, in rule order, is ERR_INPUT at the declaration: the rule as written and
 * where it was read, the function's signature, what does not fit and what to do.
 *
 * rules/ never includes rewrite/ headers: the check lives here and reads the rules through
 * rules.h. Ownership: nothing is kept; asts and rules are borrowed for the call.
 */
#ifndef ARW_RULECHECK_H
#define ARW_RULECHECK_H

#include <stddef.h>

struct ast;
struct err;
struct rules;

/* 0, or -1 with e set (ERR_INPUT). asts[u] may be NULL (a unit given back already). */
int rulecheck_run(struct ast *const *asts, size_t n, const struct rules *r, struct err *e);

/*
 * What the sources show of function `name` as an allocator wrapper, for --profile's hints (no
 * rule needed): `kind`, the kind it is a wrapper of (its converted definition returns fresh
 * memory of an allocator, directly or through functions of the sources, and every check above
 * of a `name` rule of that kind passes; tried in the order malloc, calloc, realloc, strdup,
 * strndup, and its body calls an allocator of that kind), RK__COUNT when none; `via`, the
 * first function it calls that is such a wrapper and no rule names (malloc'd), NULL when none,
 * of kind `via_kind`.
 */
struct rulecheck_wrap {
	int kind;
	char *via;
	int via_kind;
};
void rulecheck_wrapper(struct ast *const *asts, size_t n, const struct rules *r, const char *name,
                       struct rulecheck_wrap *w);

#endif
