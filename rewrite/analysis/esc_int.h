/*
 * esc_int: the escape analysis' internals, shared by its files; nothing outside rewrite/esc*.c
 * includes this. See esc.h for what is analysed and why.
 *
 *  - struct taint is what the walk knows about one value: whether (and how surely) it points
 *    into arena memory and with which origin, which parameters it derives from (pder: the
 *    pointer value itself; preach: memory reachable from a parameter), whether it derives from
 *    a global, and whether it is the address of a local.
 *  - struct state maps locations (local decl + field path) to taints; absent means clean
 *    (esc_state.c).
 *  - struct fa is one function's walk (esc.c drives it): statements (esc_stmt.c) and
 *    expressions (esc_expr.c) update the state; calls (esc_call.c) apply the runtime's table,
 *    the rules and the callees' summaries; sinks report findings (esc_rule.c) when `report`,
 *    and fill the function's summary (esc_sum.c) when `summarize`.
 *
 * Every loop over the AST is bounded by the node array; recursion depth is capped (MAXDEPTH)
 * so that pathological inputs cannot exhaust the stack.
 *
 * Dependencies: esc files include ast.h, rules.h and rtapi.h (rules/), never plan or lint.
 */
#ifndef ARW_ESC_INT_H
#define ARW_ESC_INT_H

#include "esc.h"
#include "front.h"
#include "strmap.h"

#include <stdint.h>
#include <string.h>

struct hotlist;
struct rules;
struct rule_alloc;

#define MAXDEPTH 1500
#define MAXP     32 /* parameters tracked per function */

/* The pseudo-parameter of the text a variadic function of np parameters formats from its
 * variadic arguments (vsnprintf of its va_list): a caller's argument reaches it only where it
 * may be printed as a pointer (%p of a `void *`, a number made from one), not as a string
 * (%s of a `char *` copies characters). Past MAXP it is the variadic bit itself. */
static inline int sum_textbit(int np)
{
	return np + 1 < MAXP ? np + 1 : np;
}

enum { L_NONE, L_MAYBE, L_DEF };
enum { K_NONE, K_FOREIGN, K_PARAM, K_SCOPE, K_OWN };
#define ARENA_REWRITE (-2) /* the arena a rewrite gives the function */
#define ARENA_SCOPE   (-3) /* the scope arena this function owns */

struct taint {
	unsigned char level; /* L_*: points into arena memory */
	unsigned char kind;  /* K_*: the origin's owner */
	unsigned char stale; /* L_*: its arena was released */
	unsigned char glob;  /* derives from a global's value or address */
	int site;            /* allocation node, -1 */
	int arena;           /* K_OWN: arena identity; K_PARAM: parameter index */
	int rel;             /* node of the release that made it stale, -1 */
	uint32_t pder;       /* parameters whose pointer value this derives from */
	uint32_t preach;     /* parameters whose reachable memory this was read from */
	int local;           /* this is the address of (part of) that local decl, -1 */
	const char *sname;   /* K_SCOPE: the hotspot scope owning the arena, NULL: innermost */
	/* may point to an object of unknown origin and lifetime: a call's result that its
	 * summary does not explain (a fresh heap object, a registry's entry), or one read from
	 * such an object; own-arena memory stored into it may outlive the arena */
	unsigned char unk;
	int usite; /* unk: the call that made the object, -2 several or unknown */
	/* an arena pointer the analysis can no longer see as one: converted to an integer, read
	 * through a union member of another type, or copied byte by byte (level says how surely) */
	unsigned char hid;
	/* a number: its preach says which parameters' memory its bytes were read from (a byte
	 * copy stores them through another parameter: sum.into), and keeps nothing by itself */
	unsigned char num;
	/* a pointer moved before where it pointed (`(char *)p - 8`): what it reaches is no part of
	 * an arena object (a size prefix, a heap header) */
	unsigned char under;
	/* a pointer that may no longer point where its object starts (moved by arithmetic, or
	 * read from memory): `p - n` of it stays inside the object for all the analysis knows */
	unsigned char moved;
};

struct ent {
	int decl;
	const char *path; /* interned: "" whole variable, ".f", "[]", ".f[].g" */
	struct taint t;
};

struct state {
	struct ent *v;
	size_t n, cap;
	int dead;        /* no path reaches here */
	uint32_t freed;  /* parameters whose object this path has freed (a must-set: joins AND) */
	uint64_t hfreed; /* the first 64 holds (struct fa) whose object this path has freed */
	uint32_t freed_deep; /* parameters whose whole chain of objects this path freed */
};

enum { RA_NONE, RA_SCOPE, RA_PARAM };
enum { MEM_ARENA = 1, MEM_OTHER = 2 };

struct sum {
	char *usr;
	uint32_t keep, keep_def, frees, ret;
	uint32_t into[MAXP]; /* into[j]: parameters stored through parameter j */
	/* into_bytes[j]: parameters whose pointees' bytes the body copies through parameter j
	 * as numbers (a loop of char copies): pointers among them only if what the caller
	 * passes may hold pointers */
	uint32_t into_bytes[MAXP];
	unsigned char ret_arena, ret_arena_param;
	char *ret_scope; /* RA_SCOPE: the hotspot scope that owns it, NULL: innermost */
	/* out_arena[j] (RA_*): the body stores arena memory through parameter j (`*out = p`):
	 * of a caller's scope (out_scope[j]) or of the arena passed as parameter
	 * out_arena_param[j]; out_def: on every path. Memory of the body's own arena is not
	 * recorded: that store is an arena-escape-param finding in the body itself. */
	unsigned char out_arena[MAXP], out_arena_param[MAXP];
	char *out_scope[MAXP];
	uint32_t out_def;
	/* globals (USRs) that hold memory of scope glob_scope where the body returns (esc_glob.c)
	 */
	char **globs;
	size_t nglobs, globs_cap;
	char *glob_scope;
	int glob_copy; /* a global's value may leave the body (stored, kept, returned) */
	int glob_free; /* a global's value may meet the heap allocator (freed, resized) */
	int ret_unk;   /* the result may be an object of unknown origin (struct taint.unk) */
	/* parameters whose object the body frees on every path that returns (free, the runtime's,
	 * callees) */
	uint32_t dies;
	/* parameters whose object and every object linked from it the body frees on every path
	 * (a loop walking a list, freeing each node as it goes) */
	uint32_t dies_deep;
	uint32_t keep_unknown; /* kept because the body hands them to what it does not know */
	/* parameters whose value the body stores into memory (any object, kept or not): a
	 * caller's local whose address goes there may be written behind the walk's back */
	uint32_t stored;
	/* parameters the body reads, writes or frees before the start of (a size prefix) */
	uint32_t under;
	/* parameters whose pointee holds a pointer the body gives to the heap allocator
	 * (`free(*pp)`, systemd's freep; `free(p->buf)`) */
	uint32_t frees_reach;
	/* parameters whose pointee's bytes the body hands out of sight (memcpy into a char
	 * buffer, write): an escape where the caller's argument points to arena pointers */
	uint32_t bytes;
	/* parameters whose only keep (besides keep_other's) is a store of their value into the
	 * file-scope static pglob: a caller's scope memory passed there is pending, as a store
	 * into that global made in the caller would be (esc_glob.c) */
	uint32_t keep_glob, keep_other;
	char *pglob;
	uint32_t ret_reach; /* the result is read from memory reachable from these parameters */
	/* parameters stored into the object of unknown origin the body returns (a fresh node
	 * holding them: cmark_iter_new's root): the caller holds them until it frees the result */
	uint32_t ret_holds;
	/* parameters through which the body stores a pointer to static or thread-local storage,
	 * or one read from there (`*out = &slots[i]`, a global table's value): what the caller
	 * reads back there is such storage, as a result with ret_glob is */
	uint32_t out_glob;
	int ret_glob; /* the result may point to static or thread-local storage */
	/* parameters (arena pointers) whose arena the body releases or destroys, rewinds to a
	 * mark, or saves a mark of: a helper's `tmp_end(a)`, `ctx_free(c)`'s arena_release */
	uint32_t arena_rel, arena_rewind, arena_mark;
	/* Default deny: why parameter j is kept (the first operation that keeps it, e.g. "passes it
	 * to 'ext' (f.c:12), whose effect is unknown"), NULL when not kept or kept plainly. */
	char *why[MAXP];
	/* the body may leave its callers' frames without returning (longjmp, pthread_exit, directly
	 * or through a callee): what and where */
	char *jumps;
	/* the body longjmps to a jmp_buf a parameter points to (these): the jump lands in the
	 * caller that passed its own buffer, or leaves it like `jumps` otherwise */
	uint32_t jumps_via;
	char *jumps_via_why;
	/* the body longjmps to a buffer in static storage whose home (esc_jmp.c) is the function
	 * of this USR: the jump lands there, and leaves every other function like `jumps` */
	char *jumps_home;
	char *jumps_home_why;
	/* memory of a caller's scope escapes in the body or its callees: the first finding's text
	 * (with its place), and the scope named (NULL: the innermost) */
	char *scope_esc;
	char *scope_esc_name;
	unsigned char scope_esc_rule; /* enum esc_rule of that finding */
	unsigned char scope_esc_push; /* it is an arena pushed by hand below (esc.c, odd_push) */
	unsigned char np, variadic;   /* its parameters: the variadic ones share bit np */
	int changed;                  /* round in which it last changed, -1 never */
	int free_aware;               /* its free/realloc become ownership-aware in the rewrite */
	/* a body of the run stands behind it (an entry may exist only to say free_aware): only
	 * then does it describe a call (sums_body) */
	int defined;
	/* defined with external linkage: in a library (no main), its user may call it from a
	 * function the library calls through a pointer the user set (fa_user_reentry) */
	int exported;
};

/* A function whose address the sources take: a call through a pointer may reach it. */
struct addr_fn {
	char *usr, *name;
	char *ftype; /* the canonical spelling of its type, NULL when unknown */
	unsigned char np, variadic, system;
	unsigned char cast; /* its address is taken through a cast: any type may call it */
	/* handed to library code (cg_to_library), or exported in a program that calls dlsym:
	 * any call into the library may call it (fa_library_callbacks) */
	unsigned char lib;
	unsigned char at_exit; /* registered by name as an exit handler (atexit, on_exit) */
};

struct esc_sums {
	struct sum *v;
	size_t n, cap;
	struct strmap index; /* usr -> index into v */
	int round;
	struct addr_fn *addr; /* every function whose address the sources take, by USR */
	size_t naddr, addr_cap;
	struct strmap addr_index;
	int addr_changed; /* the last round in which an address-taken function's summary changed */
	int handlers;     /* the sources install signal handlers (signal, sigaction...) */
	/* the sources define main: they are a program, and a call through a pointer no function
	 * of theirs fits calls nothing (a null hook). Without it they are a library, whose user
	 * may set such a pointer to anything. */
	int has_main;
	/* the sources register an exit handler (atexit, on_exit...) not named where it is
	 * registered (a function pointer): exit() may run anything; named ones: addr_fn.at_exit */
	int exit_handlers;
	int nlib; /* address-taken functions with `lib` set */
	/* the sources take the address of the runtime's scope push (an ops table's .begin): a
	 * call through a pointer may push an arena the walk cannot name */
	int push_taken;
	int by_name; /* the sources call dlsym (an effects result "symbol") */
	/* the sources hand the library a function pointer of unknown value (cg.to_library_all):
	 * every address-taken function may be called back */
	int lib_all;
	int cancels; /* the sources cancel threads (an effects "exits": "cancel") */
	/* the sources end a thread with a function of "exits": "thread" (pthread_exit), which
	 * runs the cancellation cleanup handlers as a cancellation does */
	int thread_exits;
};

struct jump {
	const char *label; /* goto target, NULL for loop/switch accumulators */
	struct state st;
};

struct ctl {
	int node; /* the loop or switch */
	struct state brk, cont;
	int is_switch;
	struct state entry; /* switch: state at the switch, joined at each case */
	int has_default;
};

/* Arena memory stored into the object call `usite` made (fa_sink_object), or own memory kept
 * by a callee (fa_sink_call): a finding at the function's exits unless that object, or that
 * memory, is freed first. */
struct hold {
	int usite; /* the object of unknown origin it was stored into, -1 */
	int site;  /* own memory of this allocation kept by a callee (fa_sink_call), -1 */
	int node, sev;
	enum esc_rule rule;
	struct taint t; /* what was stored */
	char *msg;
	int gone; /* past the first 64: freed outside any branch (the paths' hfreed cannot say) */
};

/* A pending store of scope memory into global g (esc_glob.c). */
struct pend {
	int g, node, sev;
	const char *by; /* the callee that stored it, NULL: a store here */
};

struct fa {
	const struct ast *a;
	const struct rules *r;
	const struct esc_sums *sums;
	int fn, body, file;
	const char *fname;
	/* hotspot context: allocator-family calls are arena allocations */
	int hot;
	const char *scope;            /* the hotspot's scope (NULL: fn itself) */
	const unsigned char *sitemap; /* rewriter: explicit sites, indexed by node - fn */
	const unsigned char *askmap;  /* rewriter: expressions asked about, by node - fn */
	unsigned char *derived;       /* by node - fn: an asked one pointed into a site's memory */
	int pushes;                   /* fn pushes a local arena: scope memory is its own */
	int odd_push;        /* an arena_push of no local of fn (a helper's, a global), -1: none */
	int odd_push_ptr;    /* that push is a call through a pointer (esc_sums.push_taken) */
	int scoped_run;      /* the run has hotspots: a push decides where they allocate */
	int scope_fn;        /* fn is a scope: the rewrite makes it push one */
	int free_aware;      /* fn's free/realloc will be ownership-aware */
	int joins;           /* fn joins threads: a thread it starts may end in time */
	int varbit;          /* the pseudo-parameter of its variadic arguments, -1 */
	int owns_arena;      /* an arena of its own is live in its body (a non-local
	                      * exit would skip its release) */
	uint32_t exit_freed; /* parameters freed on every path that returned so far */
	int exits_seen;      /* some path returned */
	int *destroyed;      /* local handles fn passes to arena_destroy */
	size_t ndestroyed, destroyed_cap;
	int *cleanups; /* variables with __attribute__((cleanup(f))): their attribute nodes */
	size_t ncleanups, cleanups_cap;
	int explicit_exits; /* the rewrite releases the arena before each return (explicit style) */
	int params[MAXP];
	int nparams;
	/* walk */
	struct state st;
	/* Arena memory stored into memory no local names (a heap or arena array, another object):
	 * a load through a pointer may yield it (`words[0] = p; g = words[0];`). One value for
	 * the whole walk from the first such store on, so aliases of the object count too. */
	struct taint mem;
	/* The same, by the member a store wrote it into (`p->name = s`: "name"; NULL for `*p`,
	 * `p[i]`, a callee's store) and by what the pointer stored through was (MEM_ARENA: arena
	 * memory, MEM_OTHER: anything else): a load of p->f reads the values stored into f and
	 * into unnamed places, through a pointer of the same kind; one of *p or p[i] reads every
	 * member. Field-based, as the type says. */
	struct memf {
		const char *field;
		unsigned char where;
		struct taint t;
	} * memf;
	size_t nmemf, memf_cap;
	/* locals whose address went into memory or to a callee that stores it (`yajl_alloc(...,
	 * &ctx)` keeps &ctx in the handle): a callee may write them through that copy, so a read
	 * of one also reads what stores put into memory */
	int *exposed;
	size_t nexposed, exposed_cap;
	int *jmpbufs; /* locals it passes to setjmp: a longjmp to one lands here */
	size_t njmpbufs, jmpbufs_cap;
	/* locals given a whole struct or union a call returned (TValue o = setpvalue(p)): a union
	 * inside may be the pointer it was given, read as a number (union_holds_pointer) */
	int *from_call;
	size_t nfrom_call, from_call_cap;
	int *pushed; /* the local arenas fn pushes by hand (arena_push(&a)) */
	size_t npushed, pushed_cap;
	/* objects of unknown origin linked into others (`head->next = l`): pairs of the calls
	 * that made them, child then parent; freeing the parent's whole chain frees the child */
	int (*links)[2];
	size_t nlinks, links_cap;
	uint32_t exit_freed_deep;
	/* arena memory this walk stored through a union member in memory (`n->u.p = s`): a number
	 * read through a union member (`x->u.bits`) may be that pointer, hidden */
	struct taint uni_mem;
	struct pend *pend;
	size_t npend, pend_cap;
	struct hold *holds;
	size_t nholds, holds_cap;
	int cond;
	int depth;
	struct ctl *ctl;
	size_t nctl, ctl_cap;
	struct jump *gotos;
	size_t ngotos, gotos_cap;
	char **paths; /* interned paths, owned */
	size_t npaths, paths_cap;
	/* outputs */
	int report;
	struct esc_list *out;
	int summarize;
	struct sum sum;
};

enum { LV_UNKNOWN, LV_LOCAL, LV_GLOBAL, LV_THROUGH };

struct lval {
	int kind;
	int decl;          /* LOCAL, GLOBAL */
	const char *path;  /* LOCAL */
	int weak;          /* LOCAL: an element of an array: other elements stay */
	int ptr;           /* THROUGH: the pointer expression dereferenced */
	int uni;           /* the access goes through a union member: other members alias it */
	const char *field; /* THROUGH: the member written (p->f: "f"), NULL for *p and p[i] */
	int back;          /* THROUGH: p[-n], before where p points */
};

/* The value of no interest: no arena memory, no parameter, no global, no local. */
static const struct taint taint_clean = {0, 0, 0, 0, -1, 0, -1, 0, 0, -1, NULL, 0, -2, 0, 0, 0, 0};

static inline int taint_empty(const struct taint *t)
{
	return !t->level && !t->glob && !t->pder && !t->preach && t->local < 0 && !t->unk;
}

/* Whether t is a number that may be an arena pointer hidden: made from one here, or, in a
 * callee, made from a parameter (value or memory), which a caller may have passed one in. */
static inline int taint_hides(const struct taint *t)
{
	return t->hid || (t->num && (t->pder || t->preach) && !t->level);
}

static inline const char *root_path(void)
{
	return "";
}

static inline int is_op(const struct ast_node *x, const char *op)
{
	return x->op && !strcmp(x->op, op);
}

static inline int last_child(const struct ast *a, int n)
{
	int last = -1;
	for (int c = ast_first(a, n); c >= 0; c = ast_next(a, c))
		last = c;
	return last;
}

static inline int strip(const struct ast *a, int n)
{
	return n < 0 ? -1 : ast_strip(a, n);
}

/* esc_state.c: values and the location map */
/* Union of two values that are both present (pointer arithmetic, initialisers). */
struct taint taint_merge(struct taint a, struct taint b);
/* Join of the values of two paths (if/else, ?:): "definite" only when both are. */
struct taint taint_join(struct taint a, struct taint b);
void state_free(struct state *s);
struct state state_copy(const struct state *s);
struct ent *state_find(const struct state *s, int decl, const char *path);
/* Whether `pre` is `path` or a path prefix of it ("s.f" of "s.f.g" and "s.f[]", not "s.fg"). */
int state_path_prefix(const char *pre, const char *path);
/* The joined value of location (decl, path): entries for it and its enclosing objects, and,
 * when `whole` (a struct or array used as one value), the entries inside it. */
struct taint state_get(const struct state *s, int decl, const char *path, int whole);
void state_put(struct state *s, int decl, const char *path, struct taint t);
/* Drops the entries at and inside (decl, path). */
void state_kill(struct state *s, int decl, const char *path);
/* Joins b into a (path join); a dead side contributes nothing. */
void state_join(struct state *a, const struct state *b);
const char *fa_intern(struct fa *f, const char *s);
const char *fa_path_add(struct fa *f, const char *base, const char *field);

/* esc_rule.c: positions and findings */
void esc_line_col(const struct ast_file *fl, unsigned off, unsigned *line, unsigned *col);
void fa_report(struct fa *f, enum esc_rule rule, int sev, int node, const struct taint *t,
               const char *msg);
int fa_severity(const struct fa *f, const struct taint *t);
const char *fa_param_name(const struct fa *f, uint32_t mask);
/* A text naming the runtime's functions as "{free}", "{clone}"...: the names from its table
 * (rtapi.h); malloc'd. esc_text_with puts `head` before it. */
char *esc_text(const char *tmpl);
char *esc_text_with(const char *head, const char *tmpl);

/* esc_sink.c: sinks, summary records of them, holds */
/* Summary: parameters in mask kept (definite: on every path; unknown: handed to what the
 * analysis does not know), and why: what is done at node, and how it keeps it (or NULL). */
void fa_sum_keep(struct fa *f, uint32_t mask, int definite, int unknown, int node, const char *what,
                 const char *how);
/* A finding; in a summary, the record of a caller's scope memory escaping (sum.scope_esc). */
void fa_escape(struct fa *f, enum esc_rule rule, int sev, int node, const struct taint *t,
               const char *msg);
void fa_sink_global(struct fa *f, const struct taint *t, int node, const char *what);
void fa_sink_return(struct fa *f, const struct taint *t, int node);
/* t kept beyond the call by callee as argument k: `how` finishes the message ("which keeps it
 * beyond the call"); rule ESC_CALL, ESC_UNKNOWN or ESC_HIDDEN. */
void fa_sink_call(struct fa *f, const struct taint *t, int node, const char *callee, int k,
                  int definite, enum esc_rule rule, const char *how);
/* t given to the heap allocator by callee: the allocator's own call (arg -1), a callee whose
 * body frees its argument arg (how NULL), or a library function doing `how` to it
 * (malloc_usable_size: "which asks the heap allocator about it"). */
void fa_sink_heap(struct fa *f, const struct taint *t, int node, const char *callee, int arg,
                  const char *how);
/* A store through a pointer to local `decl` (`*&x = v`, a callee filling `&x`): a weak update
 * of the whole variable. */
void fa_add_to_local(struct fa *f, int decl, struct taint v);
/* Summary: arena memory t stored through the parameters in mask (`*out = p`, `out->f = p`).
 * Only a caller's scope memory and a parameter arena's memory are recorded (see struct sum). */
void fa_sum_out(struct fa *f, uint32_t mask, const struct taint *t);
/* v stored through a pointer with value pt, here (by == NULL) or by callee `by`; field: the
 * member written, NULL when unknown. */
void fa_store_field(struct fa *f, const struct taint *pt, const struct taint *v, int node,
                    const char *by, const char *field);
void fa_store_through(struct fa *f, const struct taint *pt, const struct taint *v, int node,
                      const char *by);
/* Arena memory t stored into the object pt points to, of unknown origin (by callee `by`,
 * NULL: here): pending until that object is freed (fa_hold_freed) or a finding at the exits
 * (fa_hold_exit). */
void fa_sink_object(struct fa *f, const struct taint *pt, const struct taint *t, int node,
                    const char *by);
/* The object t points to is freed here (deep: and every object linked from it): its pending
 * stores are no escape on this path. */
void fa_hold_freed(struct fa *f, const struct taint *t, int deep);
/* A path returns: its pending stores are findings, its frees count for the summary's dies. */
void fa_hold_exit(struct fa *f, const struct taint *ret);

/* esc_call.c: calls and origins */
/* ARENA_TEARDOWN(fn, p), which a first run wrote for fn(p): `((void)(fn), (void)(p))` in
 * bump mode, fn(p) in malloc mode. A second run judges it as the call it replaced, so that it
 * sees what the first saw (what fn does to p). 1 when node n (a comma) is one. */
int fa_teardown_macro(struct fa *f, int n);
/* One call being evaluated: its node, callee name and the values of its first MAXP arguments. */
struct call {
	int n;
	const char *name; /* the callee's, or of a candidate of a call through a pointer */
	int nargs;
	struct taint targ[MAXP];
	int argn[MAXP]; /* the argument's node, -1 when made up (a callback's arguments) */
};
/* The arena an expression like `&a`, `h`, `&s.arena` or `a` (a parameter) designates. */
void fa_arena_of(struct fa *f, int e, unsigned char *kind, int *id);
struct taint taint_origin(unsigned char kind, int arena, int site);
/* Memory of the innermost scope arena, as seen from this function. */
struct taint fa_scope_origin(struct fa *f, const char *scope, int site);
int fa_is_site(struct fa *f, int call);
struct taint fa_eval_call(struct fa *f, int n);
/* The value of argument i as a callee sees it: a pointer to a local carries its contents. */
struct taint fa_arg_seen(struct fa *f, const struct call *c, int i);
/* What a callee may reach from argument i: its value, a local's contents, and the arena memory
 * stored into memory no local names (f->mem) when the argument may point there. */
struct taint fa_arg_reach(struct fa *f, const struct call *c, int i);
/* How a call reaches an allocator-family member: by its name, through a hook field a rule
 * names, or through a pointer holding its address. */
enum rc_via { RC_NAME, RC_FIELD, RC_ADDR };
/* A read, write or free through pointer pt at node: before the start of arena memory it is an
 * escape (nothing of the arena is there); before a parameter's, the summary's `under`. */
void fa_under(struct fa *f, const struct taint *pt, int node, const char *by);
/* A jump (longjmp) to the jmp_buf env points to, at node, by callee (through `chain`, its
 * summary's account, NULL for the jump itself): it stays in this function when env is a buffer
 * it setjmp's, is its caller's question when env comes from a parameter, and otherwise leaves
 * the function (arena-escape-nonlocal where it owns an arena). */
void fa_jump(struct fa *f, const struct taint *env, int node, const char *callee,
             const char *chain);
/* Local decl's address went where a callee may write through it (struct fa.exposed). */
void fa_expose(struct fa *f, int decl);
/* A call of an allocator-family member of the rules: its value in *r; returns 1. */
int fa_rule_call(struct fa *f, const struct call *c, const struct rule_alloc *ra, enum rc_via via,
                 struct taint *r);
/* A call of a function a pointer may reach (c's name is its name): the runtime's, the rules'
 * allocator family, its summary s, the effects table (system), or unknown. */
struct taint fa_target_call(struct fa *f, const struct call *c, const struct sum *s, int system);
/* The cleanup attribute node `at` of local variable `var` runs: its function gets &var. */
void fa_cleanup_call(struct fa *f, int at, int var);
/* A callee's summary applied at call c. */
struct taint fa_summary_call(struct fa *f, const struct call *c, const struct sum *s);
/* The functions a call through a pointer with nargs arguments, of function type ftype (NULL:
 * unknown), may reach: calls fn for each (s: its summary, NULL for one the sources do not
 * define: then name is its name); returns how many there were. */
size_t fa_each_target(struct fa *f, int nargs, const char *ftype,
                      void (*fn)(void *ctx, const struct sum *s, const char *name, int system),
                      void *ctx);

/* esc_eff.c: calls of functions without a body: the effects table, or default deny */
/* The class of what argument i points to as written, before its conversions to void * (a
 * string literal's: characters); TC_NONE when not known. */
unsigned char fa_arg_pointee(const struct fa *f, const struct call *c, int i);
/* Whether argument i of a printf-like call may be printed as a pointer: %p takes any object
 * pointer and a number may be one made from a pointer, while a `char *` is a string (%s
 * copies its characters, no pointer). */
int fa_arg_prints_pointer(const struct fa *f, const struct call *c, int i);
/* A call of an external function, by name: its effects entry, else an unknown operation. */
struct taint fa_external_call(struct fa *f, const struct call *c);
/* A call into the library may call back any function handed to it (addr_fn.lib), given
 * whatever the call's arguments reach. */
void fa_library_callbacks(struct fa *f, const struct call *c);
/* A program that installs signal handlers may run one between any two statements (a timer's
 * SIGALRM while a loop computes): while this function's own arena is live, what a handler
 * allocates comes from it. The functions handed to library code stand for the handlers
 * (sigaction's sits in a struct); they run once where the arena is live, with nothing of the
 * function's (a handler gets a signal number). */
void fa_async_handlers(struct fa *f);
/* Arena memory reaching what the analysis does not know (callee `what`): an escape for every
 * argument that may carry it. */
void fa_unknown_call(struct fa *f, const struct call *c, const char *what);
/* A call through a pointer: every function it may reach, bound to the arguments. */
struct taint fa_indirect_call(struct fa *f, const struct call *c);

/* esc_expr.c: expressions */
struct lval fa_lvalue(struct fa *f, int n);
int fa_union_pun(struct fa *f, int n);
/* "file.c:12" of node n, for the texts a summary carries to its callers (freed by the caller). */
char *fa_place(const struct fa *f, int n);
/* Store value t (of expression rhs, or -1) into lvalue lv at node `at`. */
void fa_store(struct fa *f, const struct lval *lv, struct taint t, int rhs, int at);
/* Value t stored through a pointer with value pt: arena memory kept for later loads (f->mem)
 * unless pt only addresses a local, whose location the state follows itself. */
void fa_mem_store(struct fa *f, const struct taint *pt, const struct taint *t, const char *field);
/* The value read through a pointer with value pt, as a value of type class tclass: only
 * pointers come back out of memory as pointers. Through a pointer to a local, any member may
 * be read: all of the local's values. */
struct taint fa_load(struct fa *f, const struct taint *pt, unsigned char tclass);
/* The pointers the program itself may have stored where pt points (no pointer read out of
 * arena memory is assumed to be arena memory): what a library's dispose function (regfree)
 * frees inside an object it did not allocate. */
struct taint fa_load_program_stored(struct fa *f, const struct taint *pt);
/* A longjmp that lands in this function (at a setjmp the walk reached without the pending
 * stores made since): every pending global is a finding. */
void fa_glob_jump(struct fa *f);
/* The USR of the function every longjmp to buffer expression `arg` lands in (esc_jmp.c), or
 * NULL when the jump may land anywhere. */
const char *fa_jump_home(struct fa *f, int arg);
/* A jump (a longjmp to a buffer, or a callee's) that lands in function `home` (a USR). */
void fa_jump_to_home(struct fa *f, const char *home, int node, const char *callee,
                     const char *chain);
/* fa_load of member `field` (NULL: of the whole object). */
struct taint fa_load_field(struct fa *f, const struct taint *pt, unsigned char tclass,
                           const char *field);
struct taint fa_eval(struct fa *f, int n);
/* A value as a value of type class tclass carries it (see esc_expr.c). */
struct taint fa_as_type(struct taint t, unsigned char tclass);

/* esc_glob.c: globals holding scope memory while the scope runs */
/* A store of t into global g (lhs: the assignment's left side): 1 when it is pending. */
int fa_glob_store(struct fa *f, int g, int lhs, const struct taint *t, int node);
struct taint fa_glob_read(struct fa *f, int g);
/* Summary: a parameter's value stored into global g: recorded as a store a caller's scope
 * memory may make pending (sum.pglob); 1 when recorded so. */
int fa_glob_param_store(struct fa *f, int g, int lhs, const struct taint *t);
/* Scope memory t passed to callee `by`, which stores it into the global of USR usr: pending
 * here; 0 when it cannot be (not deferrable, not this unit's static). */
int fa_glob_pend_param(struct fa *f, const char *usr, const struct taint *t, int node,
                       const char *by);
/* Where the function returns: pending stores are findings (own scope) or summary facts. */
void fa_glob_exit(struct fa *f);
/* Whether a call may copy a global elsewhere (fdecl < 0: through a pointer; s: its summary). */
int fa_glob_unsafe_call(struct fa *f, int fdecl, const struct sum *s, const int *argn, int nargs);
/* Every pending store is a finding now. */
void fa_glob_flush(struct fa *f);
/* The globals the callee left holding scope memory are pending here. */
void fa_glob_apply(struct fa *f, const struct sum *s, int call, const char *callee,
                   const struct taint *site);

/* esc_stmt.c: statements */
void fa_exec(struct fa *f, int n);
void fa_ctl_pop(struct fa *f);

/* esc_sum.c: summaries */
const struct sum *sums_find(const struct esc_sums *s, const char *usr);
/* An address-taken function that may longjmp in a program that installs signal handlers (it
 * may be one, and run between any two statements), or NULL. */
const char *esc_sums_jumping_handler(const struct esc_sums *s);
/* The summary of a function whose body the run analyses, or NULL: what a call of it does. */
const struct sum *sums_body(const struct esc_sums *s, const char *usr);
struct sum *sums_get(struct esc_sums *s, const char *usr);

/* esc.c: one function's walk */
int fa_func_body(const struct ast *a, int fn);
/* Is this a function whose body we analyse? (defined here, not in a system header, not the
 * runtime's own inline functions) */
int fa_analysable(const struct ast *a, int n);
void fa_init(struct fa *f, const struct ast *a, int fn, const struct rules *r,
             const struct esc_sums *sums);
void fa_free(struct fa *f);
void fa_run(struct fa *f);
void fa_set_hot(struct fa *f, const struct hotlist *hot);

#endif
