/*
 * rtapi: the runtime's API (runtime/arena_rt.h) as one table. Every name of the runtime that
 * the tool writes or recognises is a string in rtapi.c and nowhere else: the kind-to-function
 * maps of the rules (rules.h), the rewriter (plan.c: what a call becomes, the arena it
 * declares, the include it adds) and the escape analysis (esc: which calls allocate, release,
 * pass memory through) all look names up here.
 *
 * Each function has a role (what it does to arena memory), the index of its arena argument and
 * of its hook argument (the `*_with` variants take the library's own allocator hook as a
 * fallback), the index of the pointer it frees, resizes or returns into, and, for the functions
 * the rewriter emits, the allocator kind (rules.h) and styles it stands for:
 *
 *   kind      libc's function (f(n))                      a hook (hooks->f(n), xmalloc(n))
 *   malloc    LOCAL arena_alloc, SCOPED arena_cur_alloc   LOCAL arena_alloc_with, SCOPED
 *                                                         arena_cur_alloc_with
 *   realloc   ... OWNER arena_realloc_any                 ... OWNER arena_realloc_any_with
 *   free      arena_free in every style                   arena_free_with in every style
 *   strdup    ... SCOPED arena_cur_strdup                 ... SCOPED arena_cur_strdup_with
 *
 * (the full table is in rtapi.c). A hook is a hook field or a wrapper the program defines:
 * both may be an allocator the program installs, kept as the fallback wherever the arena does
 * not serve the call. The inline fast paths behind function-like macros
 * (arena_cur_calloc(n, s) expands to a call of arena_cur_calloc_fast_) have the role of the
 * function they stand for, because that is the callee libclang reports in user code.
 *
 * Direction of dependencies: rules/ is below rewrite/ and tool/; this header includes only
 * rules.h. A test (tests/lint/rtapi_test.c) parses arena_rt.h with libclang and fails when a
 * declared function has no entry here, or an entry names nothing the header declares.
 *
 * Ownership: everything returned points into static storage.
 */
#ifndef ARW_RTAPI_H
#define ARW_RTAPI_H

#include "rules.h"

enum rt_role {
	RT_LIFE,       /* makes or tears down an empty arena object (init, create) */
	RT_RELEASE,    /* frees every allocation of its arena argument (release, reset) */
	RT_DESTROY,    /* releases an arena_create() handle and the handle itself */
	RT_MARK,       /* saves a mark of its arena */
	RT_REWIND,     /* frees what its arena gave out since a mark */
	RT_ALLOC,      /* returns new memory of its arena argument */
	RT_CUR_ALLOC,  /* returns new memory of this thread's innermost scope arena (heap: none) */
	RT_RESIZE_ANY, /* resizes arena or heap memory: the result may be ptr_arg's memory */
	RT_FREE,       /* ownership-aware free: arena memory is left alone */
	RT_CLONE,      /* returns a heap copy */
	RT_QUERY,      /* reads without allocating (owns, owner, stats, current) */
	RT_SCOPE_PUSH, /* makes its arena argument this thread's innermost scope */
	RT_SCOPE_POP,  /* undoes arena_push */
	RT_SCOPE_END,  /* pops and releases: the cleanup of a scope arena */
	RT_MACRO,      /* an object-like macro the rewriter writes */
};

/* What the rewriter writes the entry for, besides a rewritten call. */
enum rt_emit {
	RE_NONE,
	RE_CALL,           /* a rewritten allocator call: see kind, styles, via */
	RE_LOCAL_END,      /* frees an arena the rewrite declares, at its exits or as cleanup */
	RE_SCOPE_PUSH,     /* pushes the scope arena a scope function declares */
	RE_SCOPE_END,      /* frees that scope arena */
	RE_INIT,           /* the initialiser of an arena (the rewriter writes the untracked one) */
	RE_INIT_UNTRACKED, /* the initialiser of one whose program still frees every object */
	RE_TEARDOWN,       /* wraps a teardown call proven dead: run only in malloc mode */
	RE_MALLOC_MODE,    /* 1 in malloc mode: the #if around a teardown loop proven dead */
	RE_OWNER_TEST,     /* the test before a typed free wrapper: (owner(p) ? free(p) : f(p)) */
};

/* Bits of rt_func.styles (1u << enum rule_style) and rt_func.via. */
#define RT_VIA_NAME  1u /* replaces a call of an allocator by name: malloc(n) */
#define RT_VIA_FIELD 2u /* replaces a call through a hook: hooks->allocate(n), a wrapper */
#define RT_VIA_STR   4u /* with RT_VIA_FIELD: its hook returns char *, the other takes void * */

struct rt_func {
	const char *name;
	enum rt_role role;
	signed char arena_arg; /* the arena_t * argument, -1 */
	signed char hook_arg;  /* the fallback hook argument (the *_with variants), -1 */
	signed char ptr_arg;   /* the pointer it frees, resizes or returns into, -1 */
	enum rt_emit emit;
	enum rule_kind kind;  /* RE_CALL: the allocator kind it replaces */
	unsigned char styles; /* RE_CALL: bit s for each rule_style s it is written in */
	unsigned char via;    /* RE_CALL: RT_VIA_* */
};

/* The whole table, for the test and for documentation. */
const struct rt_func *rtapi_table(size_t *n);
/* The entry of a function (or fast path, or macro) of the runtime, NULL when it is none. */
const struct rt_func *rtapi_find(const char *name);
/*
 * The function a call of kind k becomes in style s, NULL when the call stays as it is. via:
 * RTAPI_BY_NAME (libc's function: no fallback), RTAPI_HOOK (a hook field or a wrapper the
 * program defines, kept as the fallback of a *_with function where the kind has one), or
 * RTAPI_HOOK_STR (the same for a fallback whose result is char *: of two *_with variants, the
 * one whose hook type is that).
 */
enum { RTAPI_BY_NAME, RTAPI_HOOK, RTAPI_HOOK_STR };
const struct rt_func *rtapi_call(enum rule_kind k, enum rule_style s, int via);
/* The i-th function of a role, in the table's order (texts that name them), NULL. */
const char *rtapi_nth(enum rt_role role, int i);
/* The name the rewriter writes for a non-call use (RE_LOCAL_END, RE_SCOPE_PUSH, ...). */
const char *rtapi_emit(enum rt_emit what);

/* The runtime's header as the rewriter includes it, and whether an include or file path names
 * it (the last path component is exactly that name). */
const char *rtapi_header(void);
int rtapi_is_header(const char *path);
/* Whether a path names one of the runtime's two files (arena_rt.h or arena_rt.c). Only for
 * profiles, which name files but hold no source: the parser knows the runtime by its marker. */
int rtapi_is_source(const char *path);
/* The arena's type name. */
const char *rtapi_arena_type(void);
/* The prefix every runtime name starts with (a cheap filter before a lookup). */
const char *rtapi_prefix(void);
/* The macro every file of the runtime defines (arena_rt.h and arena_rt.c): the tool never
 * analyses, rewrites or reports a file that defines it. */
const char *rtapi_marker(void);

/* Names the rewriter gives the locals it declares (made unique by the caller). */
enum rt_local { RL_ARENA, RL_SCOPE_ARENA, RL_RETURN };
const char *rtapi_local_name(enum rt_local which);

#endif
