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
 * and reported, never guessed at.
 *
 * Direction of dependencies: rules/ sits between base/ (err, mem, fsio: the only headers it
 * includes besides its own and cJSON's) and rewrite/ and tool/, which include it. It never
 * includes rewrite/ or tool/ headers.
 *
 * Ownership: struct rules owns every string in it; rules_free releases all. Lookups return
 * pointers into the struct, valid until rules_free. Later entries (from --rules) override
 * earlier ones of the same name.
 */
#ifndef ARW_RULES_H
#define ARW_RULES_H

#include <stddef.h>

struct err;

enum rule_kind {
	RK_MALLOC,
	RK_CALLOC,
	RK_REALLOC,
	RK_FREE,
	RK_STRDUP,
	RK_STRNDUP,
	RK_RELEASE,
	RK__COUNT
};

struct rule_alloc {
	char *name;  /* function name, or NULL for a field entry */
	char *field; /* function-pointer field name, or NULL */
	enum rule_kind kind;
};

/* A library function and some of its pointer arguments (keeps_pointer: kept beyond the call;
 * returns_pointer: the result points into what they point to). */
struct rule_keep {
	char *function;
	unsigned args_mask; /* bit i: argument i (0-based) */
};

struct rule_args {
	struct rule_keep *v;
	size_t n, cap;
};

struct rules {
	struct rule_alloc *alloc;
	size_t nalloc, alloc_cap;
	char **prof; /* extra names that count as allocators in profiles */
	size_t nprof, prof_cap;
	struct rule_args keep; /* keeps_pointer */
	struct rule_args pass; /* returns_pointer: memcpy-like and strchr-like functions */
};

/* Loads the built-in catalogue; then, when path is non-NULL, merges that file over it. */
int rules_load(struct rules *r, const char *path, struct err *e);
void rules_free(struct rules *r);

const struct rule_alloc *rules_find_alloc(const struct rules *r, const char *name);
const struct rule_alloc *rules_find_field(const struct rules *r, const char *field);
/* True for allocator family members and the profile-only names (libc internals, wrappers). */
int rules_is_allocator(const struct rules *r, const char *name);
const struct rule_keep *rules_find_keep(const struct rules *r, const char *name);
/* A function whose result points into (or is) one of its pointer arguments. */
const struct rule_keep *rules_find_pass(const struct rules *r, const char *name);

const char *rules_kind_name(enum rule_kind k);
enum rule_style { RS_LOCAL, RS_SCOPED, RS_OWNER };
/* The runtime function a call of kind k becomes in style s, or NULL when it stays as it is. */
const char *rules_arena_func(enum rule_kind k, enum rule_style s);
/*
 * The same for a call through a function-pointer field (hooks->allocate(n)). Where it differs,
 * the runtime function is an *_with variant that takes the field itself as its first argument
 * and calls it whenever the arena does not apply (no scope active, heap memory), so a program
 * that installs its own hooks (a counting or failing allocator) keeps them outside scopes.
 */
const char *rules_arena_field_func(enum rule_kind k, enum rule_style s);
/* Whether the runtime function takes the arena as a new first argument. */
int rules_takes_arena(enum rule_kind k, enum rule_style s);
/* Number of arguments a call of kind k takes. */
unsigned rules_kind_args(enum rule_kind k);

#endif
