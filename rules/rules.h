/*
 * rules: the rule catalogue, loaded with cJSON from rules/default.json (compiled into the binary,
 * so the tool works wherever it is installed) and merged with a project's `--rules FILE`.
 *
 * Allocator families: each entry names a function (or, with `field`, a function-pointer struct
 * field such as hooks->allocate) and its kind, which fixes how a call maps onto the runtime:
 *
 *   kind      call       RS_LOCAL (arena A here)   RS_SCOPED (innermost scope)  RS_OWNER
 *   malloc    f(n)       arena_alloc(&A, n)        arena_cur_alloc(n)           -
 *   calloc    f(n, s)    arena_calloc(&A, n, s)    arena_cur_calloc(n, s)       -
 *   realloc   f(p, n)    arena_realloc(&A, p, n)   arena_cur_realloc(p, n) arena_realloc_any(p, n)
 *   free      f(p)       arena_free(p)             arena_free(p)                arena_free(p)
 *   strdup    f(s)       arena_strdup(&A, s)       arena_cur_strdup(s)          -
 *   strndup   f(s, n)    arena_strndup(&A, s, n)   arena_cur_strndup(s, n)      -
 *   memdup    f(p, n)    arena_memdupz(&A, p, n)   arena_cur_memdupz(p, n)      -
 *
 * (calls by name of libc's functions). A hook field or a wrapper the program defines is kept as
 * the fallback of a *_with function in every style, for whatever the arena does not serve (no
 * scope active, malloc mode's untracked arenas, memory that is no arena's): arena_alloc_with(&A,
 * xmalloc, n), arena_cur_strdup_with(xstrdup, s), arena_free_with(xfree, p). rtapi.c has the
 * table.
 *
 * `memdup` copies exactly n bytes, NUL bytes included, and the replacement writes a NUL after
 * them (jansson's jsonp_strndup, git's xmemdupz); `strndup` stops at the first NUL.
 *
 * RS_OWNER is for code that allocates from the heap but may be handed arena memory (functions
 * reachable from a scope): only its free and realloc change, to the ownership-aware versions.
 *
 * Kind `release` names a project function that does nothing but free memory reachable from its
 * one argument (a tree's recursive free). Inside a scope (or a hotspot with its own arena),
 * a call of it on memory that comes from the arena is dropped: the arena releases that memory
 * at once, and the walk would only visit it. This is the user's assertion, like every rules
 * entry; the tool checks only that the argument derives from the arena's allocations.
 *
 * A project wrapper (xmalloc) is listed with the kind whose argument shape it has: its calls must
 * take the same arguments as that kind's libc function; a call with another count is skipped
 * and reported, never guessed at. Where the sources declare the wrapper, the declaration and body
 * are checked against the kind before anything is planned (rewrite/analysis/rulecheck.h).
 *
 * What an external function (one whose body the sources do not hold) does with the pointers
 * it is given is the effects table's (effects.h, rules/effects.json), loaded here with the
 * catalogue and merged with a --rules file's "effects" the same way.
 *
 * Direction of dependencies: rules/ sits between base/ (err, mem, fsio, strmap: the only headers
 * it includes besides its own and cJSON's) and rewrite/ and tool/, which include it. It never
 * includes rewrite/ or tool/ headers.
 *
 * Ownership: struct rules owns every string in it; rules_free releases all. Lookups return
 * pointers into the struct, valid until rules_free. Later entries (from --rules) override
 * earlier ones of the same name.
 */
#ifndef ARW_RULES_H
#define ARW_RULES_H

#include "effects.h"

#include <stddef.h>

struct err;

enum rule_kind {
	RK_MALLOC,
	RK_CALLOC,
	RK_REALLOC,
	RK_FREE,
	RK_STRDUP,
	RK_STRNDUP,
	RK_MEMDUP,
	RK_RELEASE,
	RK__COUNT
};

struct rule_alloc {
	char *name;  /* function name, or NULL for a field entry */
	char *field; /* function-pointer field name, or NULL */
	enum rule_kind kind;
	char *origin; /* where the entry was read: "rules.json: allocators[2]" */
};

struct rules {
	struct rule_alloc *alloc;
	size_t nalloc, alloc_cap;
	char **prof; /* extra names that count as allocators in profiles */
	size_t nprof, prof_cap;
	struct eff_table eff; /* what external functions do with pointers (effects.h) */
};

/* Loads the built-in catalogue; then, when path is non-NULL, merges that file over it. */
int rules_load(struct rules *r, const char *path, struct err *e);
void rules_free(struct rules *r);

const struct rule_alloc *rules_find_alloc(const struct rules *r, const char *name);
const struct rule_alloc *rules_find_field(const struct rules *r, const char *field);
/* True for allocator family members and the profile-only names (libc internals, wrappers). */
int rules_is_allocator(const struct rules *r, const char *name);
/* The effects entry of an external function (effects.h), NULL when unknown. */
const struct eff_func *rules_find_effect(const struct rules *r, const char *name);
/* Whether a thread may be cancelled in a call of `name` (effects.h, "cancellation_points"). */
int rules_cancel_point(const struct rules *r, const char *name);

const char *rules_kind_name(enum rule_kind k);
enum rule_style { RS_LOCAL, RS_SCOPED, RS_OWNER };
/* The runtime function a call of kind k becomes in style s, or NULL when it stays as it is. */
const char *rules_arena_func(enum rule_kind k, enum rule_style s);
/*
 * The same for a call through a function-pointer field (hooks->allocate(n)) or of a wrapper the
 * program defines: an *_with variant that takes the hook as an argument (after the arena, for
 * RS_LOCAL) and calls it whenever the arena does not apply (no scope active, an untracked arena
 * in malloc mode, heap memory), so a program that installs its own hooks (a counting or failing
 * allocator) keeps them.
 */
const char *rules_arena_field_func(enum rule_kind k, enum rule_style s);
/* Whether the runtime function takes the arena as a new first argument. */
int rules_takes_arena(enum rule_kind k, enum rule_style s);
/* Number of arguments a call of kind k takes. */
unsigned rules_kind_args(enum rule_kind k);
/* Its parameters, one letter each: 'p' a pointer, 'n' a size (an integer that is no enum):
 * "pn" for realloc(p, n). */
const char *rules_kind_params(enum rule_kind k);
/* Whether a call of kind k returns new memory (malloc, calloc, realloc, strdup, strndup, memdup).
 */
int rules_kind_allocates(enum rule_kind k);

#endif
