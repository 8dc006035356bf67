/*
 * esc_eff: calls of functions the sources do not define, and calls through pointers: default
 * deny (docs/design.md). A callee without a body is what the effects table (rules/effects.h)
 * says it is, and nothing else: arena memory may reach only the effects it lists; what the
 * table does not list, or lists as "unknown", is an operation the analysis does not know, and
 * every argument that may carry arena memory there is an escape. A call through a pointer
 * reaches every function whose address the sources take with a fitting number of parameters,
 * bound to its arguments (the run's sources are the program: docs/design.md); a callback
 * handed to a library function (qsort's compar, a thread's start) is called the way the table
 * says. Internals in esc_int.h.
 */
#include "cg.h"
#include "esc_int.h"
#include "mem.h"
#include "rules.h"

#include <stdlib.h>

static const char unknown_how[] = "whose effect on it is unknown: describe it in an \"effects\" "
                                  "rule (docs/rules.md) or add its source to the run";

/* An object of unknown origin made by call n (a library's FILE, a heap object). */
static struct taint unknown_object(int n)
{
	struct taint t = taint_clean;
	t.unk = 1;
	t.usite = n;
	return t;
}

static void unknown_args(struct fa *f, const struct call *c, const char *what, const char *how)
{
	for (int i = 0; i < c->nargs; i++) {
		struct taint t = fa_arg_reach(f, c, i);
		if (c->targ[i].local >= 0)
			fa_expose(f, c->targ[i].local);
		if (taint_empty(&t))
			continue;
		fa_sink_call(f, &t, c->n, what, i, 1, t.hid ? ESC_HIDDEN : ESC_UNKNOWN, how);
	}
}

void fa_unknown_call(struct fa *f, const struct call *c, const char *what)
{
	unknown_args(f, c, what, unknown_how);
}

/* A call that may leave the caller's frame without returning: longjmp(env, val) to the buffer
 * of its first argument; pthread_exit and the like (one argument) leave for good. */
static void nonlocal_exit(struct fa *f, const struct call *c)
{
	const char *home = c->nargs >= 2 ? fa_jump_home(f, c->argn[0]) : NULL;
	if (home) {
		fa_jump_to_home(f, home, c->n, c->name, NULL);
		return;
	}
	fa_jump(f, c->nargs >= 2 ? &c->targ[0] : &taint_clean, c->n, c->name, NULL);
}

/* Whether memory of this pointee class may hold pointers (what a byte copy of it carries). */
static int may_hold_pointers(unsigned char ptclass)
{
	return ptclass != TC_INT && ptclass != TC_FLOAT && ptclass != TC_FUNCPTR &&
	       ptclass != TC_DATA;
}

/* The pointee class of argument i as written, before its conversions to void * (a string
 * literal's: characters). A cast between pointer types changes no byte: `(char *)&p` still
 * points to a pointer, so casts are looked through down to the pointer cast. */
unsigned char fa_arg_pointee(const struct fa *f, const struct call *c, int i)
{
	const struct ast *a = f->a;
	int n = c->argn[i];
	while (n >= 0 && (a->nodes[n].kind == AK_UNEXPOSED || a->nodes[n].kind == AK_CAST ||
	                  a->nodes[n].kind == AK_PAREN)) {
		int in = ast_last(a, n);
		int opaque = a->nodes[n].ptclass == TC_VOID || a->nodes[n].ptclass == TC_NONE;
		/* an array's decay already names its elements' class */
		if (in < 0 || !(a->nodes[in].tclass == TC_PTR || opaque))
			break;
		n = in;
	}
	if (n < 0)
		return TC_NONE;
	return a->nodes[n].kind == AK_STRLIT ? TC_INT : a->nodes[n].ptclass;
}

/* The bytes of the memory argument i points to leave the analysis' sight (write, send). */
static void bytes_out(struct fa *f, const struct call *c, int i, const struct taint *inside)
{
	/* A parameter's own pointee handed out: the callers know what their argument points to
	 * (characters carry no pointer), so the summary says so instead of keeping it. */
	if (f->summarize && c->argn[i] >= 0) {
		f->sum.bytes |= c->targ[i].pder;
		if (c->targ[i].preach & ~c->targ[i].pder) /* memory reached from a parameter */
			fa_sum_keep(f, c->targ[i].preach & ~c->targ[i].pder, 1, 0, c->n,
			            "hands the bytes of what it points to",
			            "out of the analysis' sight");
		if (c->targ[i].pder && !c->targ[i].level && c->targ[i].local < 0)
			return; /* a parameter as passed: the caller's question */
	}
	/* bytes known to hide one (a number made from it, a char array it was copied into) carry
	 * it whatever their type says */
	if (!inside->level || (!inside->hid && !may_hold_pointers(fa_arg_pointee(f, c, i)) &&
	                       !(c->argn[i] >= 0 && fa_union_pun(f, c->argn[i]))))
		return;
	struct taint t = *inside;
	t.hid = 1;
	t.pder = t.preach = 0;
	fa_sink_call(f, &t, c->n, c->name, i, 1, ESC_HIDDEN,
	             "which hands the bytes of an arena pointer out of the analysis' sight");
}

/* Whether the call starts a thread (the table's thread()): what it keeps for the thread is
 * no escape once the caller joins it. */
static int starts_thread(const struct fa *f, const struct call *c)
{
	return eff_has_callback(rules_find_effect(f->r, c->name), EC_THREAD);
}

/* What argument i's bits do to the memory it points to (self) or to what is stored there. */
static void apply_bits(struct fa *f, const struct call *c, int i, unsigned bits,
                       const struct taint *t, const struct taint *reach, int deref)
{
	int started = starts_thread(f, c);
	if (bits & EF_KEEP)
		fa_sink_call(f, reach, c->n, c->name, i, !(started && f->joins), ESC_CALL,
		             deref ? "which keeps the pointers stored there beyond the call"
		                   : "which keeps it beyond the call");
	if (bits & EF_FREE)
		fa_sink_heap(f, t, c->n, c->name, i, "which frees it with the heap allocator");
	if (bits & EF_REALLOC)
		fa_sink_heap(f, t, c->n, c->name, i, "which resizes it with the heap allocator");
	if (bits & EF_HEAP)
		fa_sink_heap(f, t, c->n, c->name, i, "which asks the heap allocator about it");
	if (bits & EF_DISPOSE) {
		struct taint in = fa_load_program_stored(f, t);
		fa_sink_heap(f, &in, c->n, c->name, i,
		             "which frees the pointers stored there with the heap allocator");
	}
	if (bits & EF_BYTES) {
		struct taint in = fa_load(f, t, TC_PTR);
		bytes_out(f, c, i, &in);
	}
}

/* A callback's call, made up from the arguments the table gives it. */
struct cb {
	struct fa *f;
	const struct call *c;
	struct call syn;
	int later;
	struct taint r;
};

static void cb_target(void *ctx, const struct sum *s, const char *name, int system)
{
	struct cb *b = ctx;
	struct call syn = b->syn;
	syn.name = name;
	b->r = taint_merge(b->r, fa_target_call(b->f, &syn, s, system));
}

/* Binds the function argument i names (or every function it may hold) to its arguments. */
static void bind_callback(struct fa *f, const struct call *c, int i, const struct eff_param *ep)
{
	struct cb b = {f, c, {0}, ep->call != EC_NOW, taint_clean};
	b.syn.n = c->n;
	b.syn.nargs = ep->ncb;
	for (int k = 0; k < ep->ncb; k++) {
		int a = ep->cb[k].arg;
		b.syn.targ[k] = a >= 0 && a < c->nargs ? c->targ[a] : taint_clean;
		b.syn.argn[k] = -1;
	}
	if (b.later) { /* run after the call: whatever it is given is kept */
		for (int k = 0; k < ep->ncb; k++) {
			int a = ep->cb[k].arg;
			if (a < 0 || a >= c->nargs)
				continue;
			struct taint t = fa_arg_reach(f, c, a);
			int started = ep->call == EC_THREAD;
			fa_sink_call(f, &t, c->n, c->name, a, !(started && f->joins), ESC_CALL,
			             "which keeps it for a callback run after the call");
		}
		return;
	}
	const struct ast *a = f->a;
	int n = c->argn[i] >= 0 ? strip(a, c->argn[i]) : -1;
	if (n >= 0 && a->nodes[n].kind == AK_DECLREF && a->nodes[n].decl >= 0 &&
	    a->decls[a->nodes[n].decl].kind == DK_FUNC) {
		const struct ast_decl *d = &a->decls[a->nodes[n].decl];
		cb_target(&b, sums_body(f->sums, d->usr), d->name, (d->flags & DF_SYSTEM) != 0);
		return;
	}
	if (n >= 0 && (a->nodes[n].kind == AK_INTLIT || a->nodes[n].tclass == TC_INT))
		return; /* a null pointer: no callback */
	b.syn.name = "a function pointer";
	(void)fa_each_target(f, ep->ncb, NULL, cb_target, &b);
}

/* What argument i (its declared parameter's tokens ep) undergoes. */
static void apply_param(struct fa *f, const struct call *c, int i, const struct eff_param *ep)
{
	struct taint t = c->targ[i];
	if (ep->self & (EF_READ | EF_WRITE | EF_BYTES | EF_HEAP_ONLY))
		fa_under(f, &t, c->n, NULL);
	struct taint reach = fa_arg_reach(f, c, i);
	apply_bits(f, c, i, ep->self, &t, &reach, 0);
	if (ep->deref) {
		struct taint in = fa_load(f, &t, TC_PTR);
		apply_bits(f, c, i, ep->deref, &in, &in, 1);
	}
	if (ep->va) {
		struct taint carried = fa_arg_seen(f, c, i);
		apply_bits(f, c, i, ep->va, &carried, &carried, 1);
	}
	if (ep->store != EFF_NONE && ep->store < c->nargs) {
		struct taint v =
		    ep->store_deref ? fa_load(f, &c->targ[ep->store], TC_PTR) : c->targ[ep->store];
		fa_store_through(f, &t, &v, c->n, c->name);
	}
	if (ep->put != EFF_NONE && ep->put < c->nargs)
		fa_store_through(f, &t, &c->targ[ep->put], c->n, c->name);
	if (ep->copy != EFF_NONE && ep->copy < c->nargs) {
		/* Bytes of the source, pointers among them: followed into a local, lost anywhere
		 * else (read back as integers, nothing would tell). */
		struct taint v = fa_load(f, &c->targ[ep->copy], TC_PTR);
		int local = t.local >= 0 && !t.level && !t.glob && !t.pder && !t.preach;
		unsigned char to = fa_arg_pointee(f, c, i);
		if (!v.hid && !may_hold_pointers(fa_arg_pointee(f, c, ep->copy))) {
			if (c->argn[ep->copy] >= 0 && fa_union_pun(f, c->argn[ep->copy]))
				v.hid = 1; /* a union's bytes: its pointer member's */
			else {             /* characters, numbers: no pointer among them */
				v.level = L_NONE;
				/* into a fresh node (no parameter's memory, whose callers follow
				 * the bytes: into_bytes), they box nothing of a caller's
				 * (fa_sink_object) */
				v.num = !t.pder && !t.preach;
			}
		}
		if (v.level && !local && !may_hold_pointers(to))
			bytes_out(f, c, ep->copy, &v); /* into bytes: read back as numbers */
		else {
			v.hid = local && v.level; /* a local may read them back as a number */
			fa_store_through(f, &t, &v, c->n, c->name);
		}
	}
	if (ep->call != EC_NONE)
		bind_callback(f, c, i, ep);
}

int fa_arg_prints_pointer(const struct fa *f, const struct call *c, int i)
{
	int n = c->argn[i];
	if (n < 0 || c->targ[i].hid)
		return 1;
	const struct ast_node *x = &f->a->nodes[n];
	return x->tclass == TC_PTR && x->ptclass != TC_INT;
}

/* The table's entry for argument i: its declared parameter's, the variadic one's, or NULL. */
static const struct eff_param *param_at(const struct eff_func *ef, int i)
{
	return (unsigned)i < ef->np ? &ef->p[i] : ef->has_variadic ? &ef->variadic : NULL;
}

/* v, a number or text that spells a pointer, goes where the call writes its output: a declared
 * "write" parameter, a variadic one that only writes (sscanf's; printf's "read write" ones are
 * %n's counts), and where a "*write" parameter points (iconv's destination). */
static void store_output(struct fa *f, const struct call *c, const struct eff_func *ef,
                         const struct taint *v)
{
	for (int i = 0; i < c->nargs; i++) {
		const struct eff_param *ep = param_at(ef, i);
		if (!ep)
			continue;
		int variadic = (unsigned)i >= ef->np;
		if ((ep->self & EF_WRITE) && !(variadic && (ep->self & EF_READ))) {
			struct taint dst = c->targ[i];
			fa_store_through(f, &dst, v, c->n, c->name);
		}
		if (ep->deref & EF_WRITE) {
			struct taint dst = fa_load(f, &c->targ[i], TC_PTR);
			fa_store_through(f, &dst, v, c->n, c->name);
		}
	}
}

/* Text that spells pointer v is written where the call writes: followed there as a hidden
 * pointer (an escape in memory that outlives the arena). */
static void text_into(struct fa *f, const struct call *c, const struct eff_func *ef,
                      struct taint *v)
{
	v->hid = 1;
	v->num |= !v->level;
	v->local = -1;
	store_output(f, c, ef, v);
}

/*
 * Variadic arguments are formatted into text (snprintf's "%lx", "%p"): a pointer hidden in an
 * integer, or one passed as `void *` (what %p takes; a string is passed as char *), becomes
 * text that can be parsed back into the pointer, written through the declared parameters the
 * entry says it writes. It is followed there as a hidden pointer (an escape in memory that
 * outlives the arena).
 */
static void text_out(struct fa *f, const struct call *c, const struct eff_func *ef)
{
	for (int i = (int)ef->np; ef->has_variadic && i < c->nargs; i++) {
		struct taint v = c->targ[i];
		int ptr = fa_arg_prints_pointer(f, c, i);
		/* in a callee, a parameter formatted so: its caller's argument, as a number */
		int as_text = (v.level && (v.hid || ptr)) ||
		              (f->summarize && !v.level && v.pder && (ptr || v.num));
		if (!as_text)
			continue;
		text_into(f, c, ef, &v);
	}
}

/* A va_list's arguments formatted into text (vsnprintf in a printf-like logger): which of them
 * are pointers only the logger's callers know, so the text stands for the caller's variadic
 * arguments through the text pseudo-parameter (sum_textbit). */
static void va_text_out(struct fa *f, const struct call *c, int i, const struct eff_func *ef)
{
	struct taint v = fa_arg_seen(f, c, i);
	if (!v.level && !v.pder)
		return;
	if (f->varbit >= 0 && ((v.pder >> f->varbit) & 1u)) {
		uint32_t vb = 1u << f->varbit;
		v.pder = (v.pder & ~vb) | 1u << sum_textbit(f->varbit);
		v.preach &= ~vb; /* what %s reads are characters */
	}
	text_into(f, c, ef, &v);
}

/* Whether parameter k of canonical function type ft ("ssize_t (void *, const char *, size_t)")
 * is plainly a number: no pointer, array or function in its spelling. Unknown: 0. */
static int number_param(const char *ft, int k)
{
	const char *p = ft ? strchr(ft, '(') : NULL;
	if (!p || strstr(ft, "(*"))
		return 0;
	int depth = 0, i = 0;
	const char *start = ++p;
	for (; *p; p++) {
		if (*p == '(' || *p == '[')
			depth++;
		else if ((*p == ')' || *p == ']') && depth)
			depth--;
		else if ((*p == ',' || *p == ')') && !depth) {
			if (i == k) {
				for (const char *q = start; q < p; q++)
					if (*q == '*' || *q == '[' || *q == '(')
						return 0;
				return p > start && strncmp(start, "struct", 6) &&
				       strncmp(start, "union", 5);
			}
			i++;
			start = p + 1;
		}
	}
	return 0;
}

/* Calls address-taken function t as code out of the program's sight does (library code, exit):
 * every argument is `arg`, under the name `name`, but a number parameter gets a number the
 * library computed (a cookie's write gets the length, not the buffer). */
static void call_unseen(struct fa *f, const struct call *c, const struct addr_fn *t,
                        const char *name, const struct taint *arg)
{
	struct call syn;
	memset(&syn, 0, sizeof(syn));
	syn.n = c->n;
	syn.name = name;
	syn.nargs = t->np < MAXP ? t->np : MAXP;
	for (int k = 0; k < syn.nargs; k++) {
		syn.targ[k] = number_param(t->ftype, k) ? taint_clean : *arg;
		syn.argn[k] = -1;
	}
	(void)fa_target_call(f, &syn, t->system ? NULL : sums_body(f->sums, t->usr), t->system);
}

/*
 * exit() runs the handlers registered by name (addr_fn.at_exit) while the arena is still live
 * and pushed, and never returns: what they do to the memory they reach is judged as at a
 * call. The arena itself is never released, as the original never frees what it held: the
 * live frames keep it reachable until the process ends.
 */
static void exit_handlers_run(struct fa *f, const struct call *c)
{
	for (size_t i = 0; f->sums && i < f->sums->naddr; i++)
		if (f->sums->addr[i].at_exit)
			call_unseen(f, c, &f->sums->addr[i], f->sums->addr[i].name, &taint_clean);
}

/* Text or bytes known to spell an arena pointer, read by the call (strtoull of "%p" text, a
 * sscanf of it, snprintf's "%s" of it): what the call makes of them may be that pointer again.
 * *decl: what its declared parameters read or are given (a number that hides one, passed by
 * value: htobe64, __builtin_expect), which its number result may be; *any: that, and what any
 * parameter reads, which what it writes may be. A printf's count is no pointer, whatever it
 * printed. */
static void hidden_read(struct fa *f, const struct call *c, const struct eff_func *ef,
                        struct taint *decl, struct taint *any)
{
	*decl = *any = taint_clean;
	/* a function of its numbers alone (it reads no memory: __builtin_expect, the overflow
	 * builtins) makes its result, and what it writes, of them; memcpy's size is no part of
	 * what it copies */
	int numbers_only = 1;
	for (unsigned i = 0; i < ef->np; i++)
		numbers_only &= !((ef->p[i].self | ef->p[i].deref | ef->p[i].va) & EF_READ);
	for (int i = 0; i < c->nargs; i++) {
		int declared = (unsigned)i < ef->np;
		const struct taint *v = &c->targ[i];
		/* in a callee, a number made from a parameter may be the caller's hidden pointer */
		if (declared && numbers_only && taint_hides(v) && (v->level || v->pder)) {
			*decl = taint_merge(*decl, *v);
			*any = taint_merge(*any, *v); /* __builtin_add_overflow's result, written */
		}
		const struct eff_param *ep = param_at(ef, i);
		if (!ep || !((ep->self | ep->deref) & EF_READ))
			continue;
		/* what it reads: where the argument points, or, for "*read" (mbsrtowcs's and
		 * iconv's `char **` source), where the pointer stored there points */
		struct taint at = c->targ[i];
		int chars = fa_arg_pointee(f, c, i) == TC_INT;
		if (!(ep->self & EF_READ)) {
			at = fa_load(f, &at, TC_PTR);
			chars = 1;
		}
		/* a local array of characters that holds a pointer spells it, however it came to
		 * (a callee's "%p" text stored through its parameter) */
		struct taint in = fa_load(f, &at, TC_PTR);
		chars =
		    chars && at.local >= 0 && !at.level && f->a->decls[at.local].tclass == TC_ARRAY;
		/* surely so: memory known only to hold some pointer's bytes somewhere (a buffer a
		 * callee filled) is no text of one */
		/* in a callee, numbers made from a parameter (a struct tm filled from it) */
		int made = in.num && in.pder && !in.level;
		if (!((in.hid || chars || made) && (in.level == L_DEF || (!in.level && in.pder))))
			continue;
		*any = taint_merge(*any, in);
		if (declared)
			*decl = taint_merge(*decl, in);
	}
	decl->local = any->local = -1;
}

/* A pointer hidden in what the call read, parsed back into its result or what it writes. */
static void parse_back(struct fa *f, const struct call *c, const struct eff_func *ef,
                       struct taint h, int into_result, struct taint *r)
{
	h.hid = 1;
	h.num |= !h.level;
	if (!into_result)
		store_output(f, c, ef, &h);
	else if (f->a->nodes[c->n].tclass != TC_PTR)
		*r = taint_merge(*r, h);
}

static struct taint effect_call(struct fa *f, const struct call *c, const struct eff_func *ef)
{
	struct taint hid_decl, hid_any;
	hidden_read(f, c, ef, &hid_decl, &hid_any);
	text_out(f, c, ef);
	for (int i = 0; i < c->nargs; i++) {
		if ((unsigned)i < ef->np && (ef->p[i].va & EF_READ))
			va_text_out(f, c, i, ef);
		const struct eff_param *ep = param_at(ef, i);
		if (ep) {
			apply_param(f, c, i, ep);
		} else { /* more arguments than the entry describes */
			struct call one = *c;
			one.nargs = 1;
			one.targ[0] = c->targ[i];
			one.argn[0] = c->argn[i];
			fa_unknown_call(f, &one, c->name);
		}
	}
	if (ef->exits == EX_JUMP || ef->exits == EX_THREAD)
		nonlocal_exit(f, c);
	/* The unwinding of a cancelled or exiting thread (a cleanup region's other path): no
	 * thread of a program that neither cancels one nor calls pthread_exit takes it. */
	if (ef->exits == EX_UNWIND && f->sums && (f->sums->cancels || f->sums->thread_exits))
		nonlocal_exit(f, c);
	if (ef->exits == EX_EXIT) {
		/* exit() runs the handlers atexit registered: they read the globals as they are
		 * (a pending store is a store), and they run while this arena, or a scope's, is
		 * still live and pushed, so a hotspot they call allocates from it. */
		fa_glob_flush(f);
		if (f->sums && f->sums->exit_handlers)
			fa_jump(f, &taint_clean, c->n, c->name,
			        "the handlers the program registered with atexit or on_exit");
		else
			exit_handlers_run(f, c);
	}
	/* nothing after it runs: what this path freed or released is nobody's use after */
	int ends = ef->exits == EX_EXIT || ef->exits == EX_THREAD || ef->exits == EX_UNWIND;
	struct taint r = taint_clean;
	int first = 1;
	for (int i = 0; i < c->nargs; i++) {
		if (!((ef->result_args >> i) & 1u))
			continue;
		struct taint t =
		    (ef->result_deref >> i) & 1u ? fa_load(f, &c->targ[i], TC_PTR) : c->targ[i];
		r = first ? t : taint_merge(r, t);
		first = 0;
	}
	if (ef->result_static)
		r.glob = 1;
	if (ef->result_alloc || ef->result_static || !r.level)
		r = taint_merge(r, unknown_object(c->n));
	if ((ef->result_static || ef->result_alloc) &&
	    (!taint_empty(&hid_any) || !taint_empty(&hid_decl))) {
		/* l64a, inet_ntoa, asctime, a strdup-like copy: the text goes into storage the
		 * library owns, or into fresh heap memory, where the walk does not follow it */
		struct taint h = taint_merge(hid_any, hid_decl);
		h.hid = 1;
		fa_sink_call(
		    f, &h, c->n, c->name, 0, 1, ESC_HIDDEN,
		    ef->result_static
		        ? "which renders it into storage the library owns and returns"
		        : "which copies text that spells an arena pointer into heap memory "
		          "the analysis does not follow");
	}
	if (!taint_empty(&hid_any))
		parse_back(f, c, ef, hid_any, 0, &r);
	if (!taint_empty(&hid_decl))
		parse_back(f, c, ef, hid_decl, 1, &r);
	if (ends) {
		state_free(&f->st);
		f->st.dead = 1;
	}
	return r;
}

/* Where the sources cancel threads, a cancellation point leaves the function's frames: with
 * glibc, C code built without -fexceptions runs no cleanup attribute on the way. */
static void cancel_point(struct fa *f, const struct call *c)
{
	if (f->sums && f->sums->cancels && rules_cancel_point(f->r, c->name))
		fa_jump(f, &taint_clean, c->n, c->name,
		        "a cancellation point, and the sources cancel threads (pthread_cancel): a "
		        "thread cancelled there never releases its arena");
}

void fa_library_callbacks(struct fa *f, const struct call *c)
{
	const struct esc_sums *ss = f->sums;
	if (!ss || (!ss->nlib && !ss->lib_all))
		return;
	/* What library code passes its callbacks is its own, or anything the call was given
	 * (printf's arguments reach a specifier's handler): every argument's reach. */
	struct taint all = taint_clean;
	for (int i = 0; i < c->nargs; i++)
		all = taint_merge(all, fa_arg_reach(f, c, i));
	all.local = -1;
	for (size_t i = 0; i < ss->naddr; i++) {
		const struct addr_fn *t = &ss->addr[i];
		if (!(t->lib || ss->lib_all) || t->system)
			continue;
		/* The name outlives the call: taints and findings carry it to the walk's end. */
		char *name = xasprintf("%s, which the library may call back", t->name);
		const char *kept = fa_intern(f, name);
		free(name);
		call_unseen(f, c, t, kept, &all);
	}
}

void fa_async_handlers(struct fa *f)
{
	const struct esc_sums *ss = f->sums;
	if (!ss || !ss->handlers || f->summarize || !f->owns_arena)
		return;
	struct call c;
	memset(&c, 0, sizeof(c));
	c.n = f->fn;
	for (size_t i = 0; i < ss->naddr; i++) {
		const struct addr_fn *t = &ss->addr[i];
		if (!(t->lib || ss->lib_all) || t->system)
			continue;
		char *name =
		    xasprintf("%s, which a signal may run between any two statements", t->name);
		c.name = fa_intern(f, name);
		free(name);
		call_unseen(f, &c, t, c.name, &taint_clean);
	}
}

struct taint fa_external_call(struct fa *f, const struct call *c)
{
	fa_library_callbacks(f, c);
	cancel_point(f, c);
	const struct eff_func *ef = rules_find_effect(f->r, c->name);
	if (ef && !ef->unknown)
		return effect_call(f, c, ef);
	fa_unknown_call(f, c, c->name);
	/* Nor is it known to return: a project's or library's error function may longjmp
	 * (libpng's error_fn, Lua's panic) out of a frame whose arena is live. libc's functions
	 * the table leaves out take no pointer (tolower, abs) and return. */
	int d = f->a->nodes[c->n].decl;
	if (!cg_compiler_builtin(c->name) && (d < 0 || !(f->a->decls[d].flags & DF_SYSTEM)))
		fa_jump(f, &taint_clean, c->n, c->name,
		        "a function whose effect is unknown, which may longjmp: describe it in an "
		        "\"effects\" rule (docs/rules.md) or add its source to the run");
	return unknown_object(c->n);
}

/* Every function a call through a pointer may reach, applied as a direct call would be. */
struct target {
	struct fa *f;
	const struct call *c;
	struct taint r;
};

static void indirect_target(void *ctx, const struct sum *s, const char *name, int system)
{
	struct target *t = ctx;
	struct call one = *t->c;
	one.name = name;
	t->r = taint_merge(t->r, fa_target_call(t->f, &one, s, system));
}

/* Whether local variable v only ever holds functions the body names (`fn = measure`). */
static int local_holds_named(const struct fa *f, int v)
{
	const struct ast *a = f->a;
	int end = f->fn + a->nodes[f->fn].size;
	for (int n = f->fn; n <= end; n++) {
		const struct ast_node *x = &a->nodes[n];
		int val = -1;
		if (x->kind == AK_VAR && x->decl == v)
			val = ast_last(a, n);
		else if (x->kind == AK_BINARY && x->op && !strcmp(x->op, "=")) {
			int l = strip(a, ast_first(a, n));
			if (l >= 0 && a->nodes[l].kind == AK_DECLREF && a->nodes[l].decl == v)
				val = ast_last(a, n);
		} else if (x->kind == AK_UNARY && x->op && !strcmp(x->op, "&")) {
			int o = strip(a, ast_first(a, n));
			if (o >= 0 && a->nodes[o].kind == AK_DECLREF && a->nodes[o].decl == v)
				return 0; /* written through a pointer */
		}
		if (val < 0 && !(x->kind == AK_VAR && x->decl == v))
			continue;
		val = val >= 0 ? strip(a, val) : -1;
		if (val < 0 || a->nodes[val].kind != AK_DECLREF || a->nodes[val].decl < 0 ||
		    a->decls[a->nodes[val].decl].kind != DK_FUNC)
			return 0;
	}
	return 1;
}

/*
 * Whether, in a library, its user may have set the pointer a call goes through: unless it is a
 * local that only holds functions the body names, or a member of a constant object of static
 * storage (a const dispatch table of the library's own).
 */
static int user_settable(const struct fa *f, int call)
{
	const struct ast *a = f->a;
	int cs = strip(a, ast_call_callee(a, call));
	if (cs >= 0 && a->nodes[cs].kind == AK_UNARY && a->nodes[cs].op &&
	    !strcmp(a->nodes[cs].op, "*"))
		cs = strip(a, ast_first(a, cs));
	if (cs < 0)
		return 1;
	const struct ast_node *x = &a->nodes[cs];
	if (x->kind == AK_DECLREF && x->decl >= 0 && (a->decls[x->decl].flags & DF_LOCAL) &&
	    a->decls[x->decl].kind == DK_VAR)
		return !local_holds_named(f, x->decl);
	while (x->kind == AK_MEMBER && !(x->flags & AF_ARROW)) {
		int b = strip(a, ast_first(a, cs));
		if (b < 0)
			return 1;
		cs = b;
		x = &a->nodes[cs];
	}
	if (x->kind == AK_SUBSCRIPT) {
		int b = strip(a, ast_first(a, cs));
		x = b >= 0 ? &a->nodes[b] : x;
	}
	const struct ast_decl *d =
	    x->kind == AK_DECLREF && x->decl >= 0 ? &a->decls[x->decl] : NULL;
	return !(d && (d->flags & DF_GLOBAL) && d->type && !strncmp(d->type, "const ", 6));
}

/*
 * In a library, the function its user set a pointer to may call back any function the library
 * exports, while this function's arena is live (inih's handler keeping a key with the
 * library's own strdup): the memory of a scope such a function returns, or stores through a
 * parameter, goes to the user, who may keep it. Only that is judged here: what else the
 * exported functions do is judged in their own bodies.
 */
static void user_reentry(struct fa *f, const struct call *c)
{
	const struct esc_sums *ss = f->sums;
	if (!f->owns_arena && !f->scope)
		return; /* no arena of this walk is live here */
	for (size_t i = 0; ss && i < ss->n; i++) {
		const struct sum *s = &ss->v[i];
		if (!s->defined || !s->exported || !s->usr)
			continue;
		struct taint r = taint_clean;
		if (s->ret_arena == RA_SCOPE)
			r = fa_scope_origin(f, s->ret_scope, c->n);
		for (int j = 0; j < MAXP; j++)
			if (s->out_arena[j] == RA_SCOPE)
				r = taint_merge(r, fa_scope_origin(f, s->out_scope[j], c->n));
		if (!r.level || (r.kind != K_OWN && r.kind != K_SCOPE))
			continue;
		struct call back;
		memset(&back, 0, sizeof(back));
		back.n = c->n;
		back.name = c->name;
		back.nargs = 1;
		back.targ[0] = r;
		back.argn[0] = -1;
		const char *fn = strstr(s->usr, "@F@");
		char *how =
		    xasprintf("which may get it from '%s', an exported function the user's "
		              "function may call while the arena is live (the sources define "
		              "no main: add the program to the run)",
		              fn ? fn + 3 : s->usr);
		unknown_args(f, &back, "the library's user", fa_intern(f, how));
		free(how);
	}
}

struct taint fa_indirect_call(struct fa *f, const struct call *c)
{
	struct target t = {f, c, unknown_object(c->n)};
	struct call named = *c;
	named.name = "a function pointer";
	t.c = &named;
	/* In a program, only its address-taken functions can be called so (none: a null hook).
	 * In a library, the pointer is also its user's to set, to anything: what it does is
	 * unknown, whatever functions of the library it may also reach. */
	const struct ast_node *x = &f->a->nodes[c->n];
	size_t n =
	    fa_each_target(f, c->nargs, x->kind == AK_CALL ? x->op : NULL, indirect_target, &t);
	if (!(f->sums && f->sums->has_main) && (!n || user_settable(f, c->n))) {
		user_reentry(f, &named);
		unknown_args(
		    f, &named, named.name,
		    n ? "which may also be a function of the library's user: the sources "
		        "define no main (add the program to the run, or keep arena memory "
		        "away from it)"
		      : "which no function of the run can be: the sources define no main, "
		        "and their user may set it to anything (add the program to the run, "
		        "or keep arena memory away from it)");
	}
	return t.r;
}
