/*
 * cg: the call graph of every function defined in the sources of a run, across translation
 * units, for cross-function arena scopes (docs/scopes.md, `scope`).
 *
 * Functions are identified by clang's USR, so a static function of one file and one of the
 * same name in another file stay apart, and a function declared in a header and defined in
 * some .c file is one node. Edges are direct calls. An indirect call (through a function
 * pointer, including a hook field) may reach every function whose address is taken anywhere
 * in the sources: such functions get an edge from the caller's "indirect" flag at query time.
 * Likewise a call into the library may reach every function whose address the sources hand
 * to the library (cg_to_library): library code calls them back (fopencookie, argp, obstack).
 *
 * The graph owns all its strings (copies of the asts' interned strings, which die with their
 * ast); cg_free releases everything. Indices are stable once added.
 */
#ifndef ARW_CG_H
#define ARW_CG_H

#include <stddef.h>

#include "strmap.h"

struct ast;
struct rules;

struct cg_func {
	char *usr;
	char *name;
	char *file; /* of the definition, NULL while only called */
	unsigned line;
	int defined;
	int indirect; /* makes a call through a pointer */
	/* makes one that no field rule covers: the rewrite leaves it as it is, so it may hand
	 * arena memory to whatever the pointer holds (libc's free) */
	int indirect_raw;
	int addr_taken; /* its address is taken somewhere */
	/* its address is handed to library code (cg_to_library), which may call it from any
	 * later call into the library: inside whatever arena scope that call runs in */
	int to_library;
	int calls_library; /* calls a function a system header declares */
	int at_exit;       /* registered as an exit handler (the effects table's atexit()) */
	int calls_exit;    /* calls a function that exits (exit: its exit handlers run there) */
	int exported;      /* defined with external linkage (dlsym may find it) */
	/* its body calls an allocator: one the rules name (by function or field) or the
	 * runtime's; only such a hotspot can hand out arena memory (plan_returns_scope_memory) */
	int allocs;
	int *callees;
	size_t ncallees, callees_cap;
};

struct cg {
	struct cg_func *v;
	size_t n, cap;
	struct strmap index; /* usr -> index into v */
	/* the sources call dlsym (an effects entry with result "symbol"): every exported
	 * function may be called through a pointer, and by library code */
	int by_name;
	/* the sources hand the library a function pointer of unknown value: every address-taken
	 * function counts as handed to it */
	int to_library_all;
};

void cg_init(struct cg *g);
void cg_free(struct cg *g);
/* Adds the definitions, calls and address-taken functions of one translation unit; r names the
 * allocators (NULL: every function with a call counts as allocating). */
void cg_add_ast(struct cg *g, const struct ast *a, const struct rules *r);
/* Merges src into dst by USR (src is left as is). */
void cg_merge(struct cg *dst, const struct cg *src);
int cg_find(const struct cg *g, const char *usr);

/*
 * What a reference to a function (an AK_DECLREF, n) does with it. The rewrite writes two kinds
 * of reference that take no address a program could call through: `(void)f` (keeping a static
 * function used, plan.c) and the hook argument of a runtime `*_with` call, which calls f when
 * the memory is not the arena's, as the original call did. Both must read as what they were
 * before the rewrite, or a second run would see new address-taken functions.
 */
enum cg_ref { CG_REF_ADDR, CG_REF_CALL, CG_REF_NONE };
enum cg_ref cg_ref_use(const struct ast *a, int n);
/*
 * Whether the address use n (a CG_REF_ADDR) hands the function to library code, which may call
 * it at any later call into the library, on the program's thread: an argument of a function a
 * system header declares, other than one the effects table says it calls before returning
 * (call()), on a new thread (thread()) or at exit (atexit()): fopencookie's functions, a printf
 * specifier's handler, an obstack's chunk allocator; or a member of a structure a system
 * header declares (struct argp's parser, a sigaction's handler). Such functions are edges of
 * every call into the library (cg_reach) and of the escape analysis (esc_sum.c).
 */
int cg_to_library(const struct ast *a, int n, const struct rules *r);
/* Whether expression n hands the library a function pointer that is no function's name (a
 * variable, a member: `io.write = ops->write`): then any address-taken function may be the one
 * handed (cg.to_library_all). */
int cg_pointer_to_library(const struct ast *a, int n, const struct rules *r);
/* Whether a callee's name is the compiler's (__builtin_*, __atomic_*, __sync_*): code that
 * calls nothing of the program and never longjmps. */
int cg_compiler_builtin(const char *name);
/* Whether declaration d is library code out of the run's sight: declared in a system header,
 * or an external function an effects entry describes (a project's own library). */
int cg_library_decl(const struct ast *a, int d, const struct rules *r);
/* Whether call n hands a library that may call the function pointers it finds there a
 * structure or untyped memory: every address-taken function counts as handed to it
 * (cg.to_library_all). */
int cg_objects_to_library(const struct ast *a, int n, const struct rules *r);
/* Whether the address use n registers the function as an exit handler (atexit's argument):
 * it runs inside every call of exit(), in whatever scope that call is made (cg_reach). */
int cg_exit_handler(const struct ast *a, int n, const struct rules *r);
/* Whether call n calls a function whose effects entry returns a function found by name. */
int cg_by_name_call(const struct ast *a, int n, const struct rules *r);
/*
 * Marks (mark[i] = 1) every function reachable from the start set, the starts included.
 * Functions with stop[i] set are marked but never expanded, starts included (stop may be NULL).
 * When `via` is non-NULL, via[i] receives the index of the function that first reached i (-1 for
 * starts).
 */
void cg_reach(const struct cg *g, const int *starts, size_t nstarts, const unsigned char *stop,
              unsigned char *mark, int *via);

/*
 * Sets of ids (the model's arenas: a hotspot index, or a scope's group) per function of the
 * graph, interned: of[i] is the index of function i's set in v, or -1. The model fills them
 * (which arenas may be live while a function runs); an edit that only such an arena needs is
 * dropped when every arena of its set is refused (plan.h, PLAN_TAG_SET).
 */
struct cg_set {
	int *v; /* sorted */
	size_t n;
};
struct cg_sets {
	struct cg_set *v;
	size_t n, cap;
	int *of;
	int all;             /* the set of every arena, -1 */
	struct strmap index; /* the sets' bytes (own copies) -> index */
};
/* The index of the set ids[0..n) (sorted, no repeats), added when new. */
int cg_sets_intern(struct cg_sets *s, const int *ids, size_t n);
void cg_sets_free(struct cg_sets *s);

#endif
