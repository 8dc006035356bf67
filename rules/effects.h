/*
 * effects: what a function the sources do not define does to the pointers it is given, as data
 * (rules/effects.json, compiled in, merged with the "effects" of a `--rules FILE`). The escape
 * analysis reads this table, and only this table, for a callee it has no body of; what the
 * table does not list is unknown, and arena memory that reaches the unknown is an escape
 * (default deny, docs/design.md). The teardown proof reads from it which calls hand out heap
 * memory (result "alloc", parameter token "alloc"), and the field proof which calls copy
 * pointer bytes ("copy(N)"): one table, no second list.
 *
 * An entry of "effects":
 *
 *   {"function": "fgets", "params": ["write", "", "read"], "result": "arg0"}
 *
 *   params    one string per declared parameter, in order: space-separated tokens saying what
 *             the function does with the memory that argument points to; "" for an argument
 *             that is no pointer, or a pointer it neither dereferences nor keeps;
 *   variadic  the tokens for every argument after the declared ones (printf: "read");
 *   result    "" (no pointer, or nothing the program's memory holds), "argN" (the result is,
 *             or points into, what argument N points to; several joined with "|"), "*argN"
 *             (into what the pointer stored where argument N points to points to: strsep),
 *             "alloc" (fresh heap memory the caller frees), "static" (storage the library
 *             owns: getenv, strerror, a FILE), "symbol" (any function of the program with
 *             external linkage, found by its name: dlsym); alternatives joined with "|"
 *             ("arg1|alloc": realpath);
 *   exits     "exit" (never returns: exit, abort), "jump" (leaves its callers' frames without
 *             running their code: longjmp, siglongjmp), "thread" (a jump that ends the thread,
 *             running its cancellation cleanup handlers: pthread_exit), "unwind" (goes on with
 *             a cancelled or exiting thread's unwinding: only reached where the sources cancel
 *             threads or end one with a "thread" function: __pthread_unwind_next, on the path
 *             of pthread_cleanup_push's expansion only such a thread takes) or "cancel"
 *             (returns, but the thread it names leaves its frames so at its next cancellation
 *             point: pthread_cancel).
 *
 * The array "cancellation_points" names the functions at which a thread may be cancelled
 * (POSIX's list, and glibc's): a call of one is a non-local exit where the sources cancel
 * threads.
 *
 * Parameter tokens:
 *
 *   read       reads the bytes it points to            write    writes bytes (no pointer) there
 *   keep       keeps the pointer after the call        free     frees it with the heap allocator
 *   realloc    resizes it with the heap allocator      heap     asks the heap allocator about it
 *   bytes      hands its bytes, pointers among them, out of the program's sight (write, send)
 *   alloc      stores fresh heap memory where it points (asprintf's strp, getline's lineptr)
 *   *TOKEN     TOKEN, for the pointers stored where it points (execv's argv: "*read";
 *              getline's lineptr: "*realloc alloc")
 *   store(N)   stores where it points a pointer into what argument N points to (strtol's endptr:
 *              "store(0)"); store(*N): into what the pointer stored at argument N points to
 *   put(N)     stores argument N itself where it points (__atomic_store_n's ptr: "write put(1)")
 *   copy(N)    writes where it points the bytes argument N points to, pointers among them
 *              (memcpy's dest: "write copy(1)")
 *   call(A,..) a function pointer the function calls before it returns, with arguments A: "N"
 *              (argument N itself), "*N" (a pointer into what argument N points to), "_"
 *              (memory of the library's own); qsort's compar: "call(*0,*0)"
 *   later(A,..) the same, called after the function returned, at any later call into the
 *              library (a handler, a cookie stream's function): its arguments are kept
 *   thread(A,..) called on a new thread (pthread_create's start: "thread(3)"), arguments kept
 *   atexit(A,..) called when the program exits (atexit, on_exit), arguments kept
 *   va(TOKEN)  a va_list: TOKEN for every argument it carries (vprintf's ap: "va(read)")
 *
 * store(), put(), copy() and one callback token may each appear once in a parameter's text; an
 * argument number is below 32.
 *
 * An entry of "unknown" names a function deliberately left to the default: the analysis treats
 * it as able to do anything with what it is given (ioctl, syscall, dlsym's results).
 *
 * Ownership: the table (struct eff_table, inside struct rules) owns every entry and string;
 * eff_free releases it. Lookups return pointers into it, valid until then. A later entry of the
 * same name replaces the earlier one (a project's --rules over the built-in table).
 */
#ifndef ARW_EFFECTS_H
#define ARW_EFFECTS_H

#include "strmap.h"

#include <stddef.h>

struct err;
struct cJSON;

/* Bits of eff_param.self and .deref (and of a va_list's carried arguments). */
enum eff_bit {
	EF_READ = 1 << 0,
	EF_WRITE = 1 << 1,
	EF_KEEP = 1 << 2,
	EF_FREE = 1 << 3,
	EF_REALLOC = 1 << 4,
	EF_HEAP = 1 << 5,
	EF_BYTES = 1 << 6,
	EF_ALLOC = 1 << 7,
	/* frees what the library's own functions stored inside the object (regfree: what
	 * regcomp allocated in the regex_t), never the object: only pointers the program
	 * stored there itself may be arena memory */
	EF_DISPOSE = 1 << 8,
};
/* What arena memory must not meet: only the heap allocator may free, resize or measure it. */
#define EF_HEAP_ONLY (EF_FREE | EF_REALLOC | EF_HEAP)

#define EFF_MAXCB 6 /* arguments of a callback */
#define EFF_NONE  (-1)

/* When the function pointer a parameter takes is called: EC_LATER may be at any later call
 * into the library, on the program's thread, inside any arena scope (a printf specifier's
 * handler, a signal handler, a cookie stream's functions); EC_THREAD on a new thread, whose
 * arenas are its own; EC_EXIT when the program exits. */
enum eff_call { EC_NONE, EC_NOW, EC_LATER, EC_THREAD, EC_EXIT };

struct eff_cbarg {
	signed char arg;     /* the argument it is given, EFF_NONE: the library's own memory */
	unsigned char deref; /* a pointer into what that argument points to */
};

struct eff_param {
	unsigned short self;       /* EF_* on the memory the argument points to */
	unsigned short deref;      /* EF_* on the pointers stored there */
	signed char store;         /* store(N): N, else EFF_NONE */
	unsigned char store_deref; /* store(*N) */
	signed char copy;          /* copy(N): N, else EFF_NONE */
	signed char put;           /* put(N): N, else EFF_NONE */
	unsigned char call;        /* enum eff_call */
	unsigned char ncb;
	struct eff_cbarg cb[EFF_MAXCB];
	unsigned short va; /* va(TOKEN): EF_* on the arguments a va_list carries */
};

/* EX_CANCEL: returns, but makes the thread it names leave its frames at its next
 * cancellation point (pthread_cancel). */
enum eff_exit { EX_NONE, EX_EXIT, EX_JUMP, EX_CANCEL, EX_THREAD, EX_UNWIND };

struct eff_func {
	char *name;
	struct eff_param *p; /* np declared parameters */
	unsigned np;
	int has_variadic;
	struct eff_param variadic;
	unsigned result_args;  /* bit N: the result points into what argument N points to */
	unsigned result_deref; /* bit N: "*argN", into what the pointer stored there points to */
	unsigned char result_alloc;  /* may be fresh heap memory */
	unsigned char result_static; /* may be storage the library owns */
	unsigned char result_symbol; /* may be any function the program exports (dlsym) */
	unsigned char exits;         /* enum eff_exit */
	unsigned char unknown;       /* listed in "unknown": the default, on purpose */
};

struct eff_table {
	struct eff_func *v;
	size_t n, cap;
	struct strmap index; /* name -> index into v; keys are the entries' names */
	/* "cancellation_points": the functions at which a thread another cancels (an "exits":
	 * "cancel" function: pthread_cancel) leaves its frames; keys are owned copies */
	struct strmap cancel;
};

/*
 * Merges the "effects" and "unknown" arrays of a rules document (root, an object) into t;
 * origin names the file in errors. The old spellings of a rules file are read too:
 * "keeps_pointer" ({"function", "args": [N...]}: those arguments "keep") and "returns_pointer"
 * (the result points into those arguments); an entry they create reads its other arguments.
 */
int eff_merge_json(struct eff_table *t, const struct cJSON *root, const char *origin,
                   struct err *e);
void eff_free(struct eff_table *t);
/* Whether the function is a cancellation point (the table's "cancellation_points"). */
int eff_cancel_point(const struct eff_table *t, const char *name);
/* Whether a described function takes a callback of that kind (pthread_create: EC_THREAD). */
int eff_has_callback(const struct eff_func *ef, enum eff_call kind);
/* The entry of a function, or NULL (unknown: the default applies). An entry in "unknown" is
 * returned too, with `unknown` set. */
const struct eff_func *eff_find(const struct eff_table *t, const char *name);
/* The tokens of one parameter, parsed (for tests and for messages): 0, or -1 with a reason. */
int eff_parse_param(const char *text, unsigned np, int variadic, struct eff_param *out,
                    const char **why);
/* Whether a call of f may hand out heap memory the program frees (its result or an "alloc"
 * parameter): the teardown proof's question. */
int eff_gives_heap(const struct eff_func *f);
/* Whether f, of canonical type ftype (NULL: not known), copies bytes that may be pointers into
 * one of its arguments: a copy(N) over `void *` (memcpy, bcopy). A string copy (strcpy's copy(N)
 * over `char *`) moves characters, no pointer by C's effective-type rule, though characters
 * may spell one (the escape analysis follows that as a hidden pointer). */
int eff_copies(const struct eff_func *f, const char *ftype);

#endif
