/*
 * rulecheck: the allocator rules checked against the sources (see rulecheck.h).
 */
#include "rulecheck.h"
#include "cg.h"
#include "effects.h"
#include "err.h"
#include "front.h"
#include "fsio.h"
#include "mem.h"
#include "rtapi.h"
#include "rules.h"
#include "sbuf.h"
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

/* What a value may be, for the prefix and copy checks (flow-insensitive, per function). */
enum {
	V_ALLOC = 1,    /* fresh memory from an allocator */
	V_INTERIOR = 2, /* a pointer into such memory past its start */
	V_PAR = 4,      /* the function's first parameter */
	V_PARINT = 8,   /* a pointer into it at an offset */
};

/* A converted definition of the sources, by name: what its returns may be, once computed. */
struct def {
	const struct ast *a;
	int node;
	unsigned char state; /* 0 not yet, 1 being computed (a cycle: nothing), 2 done */
	unsigned char ret;   /* V_ALLOC and V_INTERIOR of its returned values */
};

/* A function of the sources whose address is taken (a mention that is no direct call): a call
 * through a pointer of its type may reach it. */
struct cand {
	const char *name, *ftype;
	const struct ast *a;
	int node; /* the first mention taking its address */
};

struct rchk {
	const struct rules *r;
	struct ast *const *asts;
	size_t nasts;
	struct strmap byname; /* name -> index into defs (the first definition of that name) */
	struct def *defs;
	size_t ndefs, cap;
	struct cand *cands; /* those with a converted definition, each once */
	size_t ncands, ccap;
	/* "mode:name" of the candidates checked, or being checked (a cycle), -> the depth */
	struct strmap seen;
	unsigned char *opaque_done; /* per rule: its field's candidates checked */
};

/* One function's body being read. */
struct body {
	struct rchk *k;
	const struct ast *a;
	int fn, par[2];      /* its first two parameters' decls, -1 */
	unsigned char *mark; /* per decl: V_* of what the local may hold */
};

static int is_op(const struct ast_node *x, const char *op)
{
	return x->op && !strcmp(x->op, op);
}

/* The function a direct call names, -1 for a call through a pointer. */
static int callee_decl(const struct ast *a, int call)
{
	int d = a->nodes[call].decl;
	return d >= 0 && a->decls[d].kind == DK_FUNC ? d : -1;
}

static unsigned char def_returns(struct rchk *k, struct def *d);

/* What a call's result may be: fresh memory from an allocator (a rule of a kind that returns
 * memory, an effects entry whose result is "alloc", a call through a pointer, which is how a
 * library calls the allocator a program installs), or what a function of the sources returns. */
static unsigned call_bits(struct body *b, int call)
{
	const struct ast *a = b->a;
	int d = callee_decl(a, call);
	if (d < 0)
		return V_ALLOC;
	const char *name = a->decls[d].name;
	const struct rule_alloc *ra = name ? rules_find_alloc(b->k->r, name) : NULL;
	if (ra)
		return rules_kind_allocates(ra->kind) ? V_ALLOC : 0;
	/* the runtime's, in a wrapper a previous run made ownership-aware */
	const struct rt_func *rf = name ? rtapi_find(name) : NULL;
	if (rf)
		return rf->role == RT_ALLOC || rf->role == RT_CUR_ALLOC || rf->role == RT_RESIZE_ANY
		           ? V_ALLOC
		           : 0;
	const struct eff_func *ef = name ? rules_find_effect(b->k->r, name) : NULL;
	if (ef)
		return ef->result_alloc ? V_ALLOC : 0;
	const struct strmap_ent *en = name ? strmap_find(&b->k->byname, name) : NULL;
	return en ? def_returns(b->k, &b->k->defs[en->val]) : 0;
}

static unsigned bits_of(struct body *b, int n);

/* p + k, p - k, &p[k], &p->f, p->array: a pointer into what p points to. */
static unsigned offset_bits(struct body *b, int base)
{
	unsigned v = bits_of(b, base), r = 0;
	if (v & (V_ALLOC | V_INTERIOR))
		r |= V_INTERIOR;
	if (v & (V_PAR | V_PARINT))
		r |= V_PARINT;
	return r;
}

static int is_zero(const struct ast *a, int n)
{
	int s = ast_strip(a, n);
	const struct ast_file *f =
	    s >= 0 && a->nodes[s].file >= 0 ? &a->files[a->nodes[s].file] : NULL;
	return f && a->nodes[s].kind == AK_INTLIT && a->nodes[s].end == a->nodes[s].begin + 1 &&
	       f->text[a->nodes[s].begin] == '0';
}

static unsigned bits_of(struct body *b, int n)
{
	const struct ast *a = b->a;
	int s = ast_strip(a, n);
	if (s < 0)
		return 0;
	const struct ast_node *x = &a->nodes[s];
	int c0 = ast_first(a, s), c1 = c0 >= 0 ? ast_next(a, c0) : -1;
	switch (x->kind) {
	case AK_DECLREF:
		return x->decl >= 0 ? b->mark[x->decl] : 0;
	case AK_CALL:
		return call_bits(b, s);
	case AK_BINARY:
		if (is_op(x, "=") && c1 >= 0)
			return bits_of(b, c1);
		if (x->tclass != TC_PTR || (!is_op(x, "+") && !is_op(x, "-")) || c1 < 0)
			return 0;
		if (is_zero(a, c0) || is_zero(a, c1))
			return bits_of(b, c0) | bits_of(b, c1);
		return offset_bits(b, c0) | offset_bits(b, c1);
	case AK_UNARY: {
		int o = is_op(x, "&") ? ast_strip(a, c0) : -1;
		if (o >= 0 && a->nodes[o].kind == AK_SUBSCRIPT) {
			int idx = ast_next(a, ast_first(a, o));
			return idx >= 0 && is_zero(a, idx) ? bits_of(b, ast_first(a, o))
			                                   : offset_bits(b, ast_first(a, o));
		}
		return o >= 0 && a->nodes[o].kind == AK_MEMBER ? offset_bits(b, ast_first(a, o))
		                                               : 0;
	}
	case AK_MEMBER:
		return x->tclass == TC_ARRAY ? offset_bits(b, c0) : 0;
	case AK_COND:
		return c1 >= 0 ? bits_of(b, c1) | bits_of(b, ast_next(a, c1)) : 0;
	default:
		return 0;
	}
}

/* The local an expression names (stripped), or -1. */
static int local_of(const struct ast *a, int n)
{
	int s = ast_strip(a, n);
	if (s < 0 || a->nodes[s].kind != AK_DECLREF || a->nodes[s].decl < 0)
		return -1;
	return (a->decls[a->nodes[s].decl].flags & DF_LOCAL) ? a->nodes[s].decl : -1;
}

/* What each local may hold, to a fixpoint over the body's assignments. */
static void mark_locals(struct body *b)
{
	const struct ast *a = b->a;
	int end = b->fn + a->nodes[b->fn].size;
	for (int changed = 1, round = 0; changed && round < 16; round++) {
		changed = 0;
		for (int n = b->fn + 1; n <= end; n++) {
			const struct ast_node *x = &a->nodes[n];
			int to = -1;
			unsigned v = 0;
			if (x->kind == AK_VAR && x->decl >= 0 &&
			    (a->decls[x->decl].flags & DF_LOCAL)) {
				to = x->decl;
				v = ast_last(a, n) >= 0 ? bits_of(b, ast_last(a, n)) : 0;
			} else if (x->kind == AK_BINARY && is_op(x, "=")) {
				to = local_of(a, ast_first(a, n));
				v = to >= 0 ? bits_of(b, ast_next(a, ast_first(a, n))) : 0;
			} else if ((x->kind == AK_ASSIGNOP && (is_op(x, "+=") || is_op(x, "-="))) ||
			           (x->kind == AK_UNARY && (is_op(x, "++") || is_op(x, "--")))) {
				to = local_of(a, ast_first(a, n));
				v = to >= 0 ? offset_bits(b, ast_first(a, n)) : 0;
			}
			if (to >= 0 && (b->mark[to] | v) != b->mark[to]) {
				b->mark[to] |= (unsigned char)v;
				changed = 1;
			}
		}
	}
}

static void body_init(struct body *b, struct rchk *k, const struct ast *a, int fn)
{
	b->k = k;
	b->a = a;
	b->fn = fn;
	b->par[0] = b->par[1] = -1;
	int i = 0;
	for (int c = ast_first(a, fn); c >= 0; c = ast_next(a, c))
		if (a->nodes[c].kind == AK_PARAM && i < 2)
			b->par[i++] = a->nodes[c].decl;
	b->mark = xcalloc(a->ndecls + 1, 1);
	if (b->par[0] >= 0)
		b->mark[b->par[0]] = V_PAR;
	mark_locals(b);
}

/* V_ALLOC and V_INTERIOR of what a definition returns (recursion through calls; a cycle
 * counts for nothing). */
static unsigned char def_returns(struct rchk *k, struct def *d)
{
	if (d->state)
		return d->state == 2 ? d->ret : 0;
	d->state = 1;
	struct body b;
	body_init(&b, k, d->a, d->node);
	unsigned r = 0;
	int end = d->node + d->a->nodes[d->node].size;
	for (int n = d->node + 1; n <= end; n++)
		if (d->a->nodes[n].kind == AK_RETURN && ast_first(d->a, n) >= 0)
			r |= bits_of(&b, ast_first(d->a, n)) & (V_ALLOC | V_INTERIOR);
	free(b.mark);
	d->ret = (unsigned char)r;
	d->state = 2;
	return d->ret;
}

/* ---- what the check reports ---------------------------------------------------------------- */

/* Whether a declaration gives no prototype (`void *f()`, a K&R definition): it says nothing of
 * its parameters. */
static int unprototyped(const struct ast_decl *d)
{
	size_t l = d->ftype ? strlen(d->ftype) : 0;
	return l >= 2 && !strcmp(d->ftype + l - 2, "()");
}

/* `void *value_alloc(yajl_type t)`, from the declaration's own spelling; `value_alloc: void
 * *(yajl_type)`, libclang's type of it, where its parameters were not converted. */
static void signature(const struct ast *a, int fn, struct sbuf *sb)
{
	const struct ast_node *x = &a->nodes[fn];
	const struct ast_decl *d = &a->decls[x->decl];
	int params = 0;
	for (int c = ast_first(a, fn); c >= 0; c = ast_next(a, c))
		params += a->nodes[c].kind == AK_PARAM;
	if (!params && d->index > 0 && d->ftype) {
		sb_addf(sb, "%s: %s", x->name, d->ftype);
		return;
	}
	const char *rt = d->type ? d->type : "?";
	size_t l = strlen(rt);
	sb_addf(sb, "%s%s%s(", rt, l && rt[l - 1] == '*' ? "" : " ", x->name);
	int i = 0;
	for (int c = ast_first(a, fn); c >= 0; c = ast_next(a, c)) {
		const struct ast_node *p = &a->nodes[c];
		if (p->kind != AK_PARAM)
			continue;
		const char *t =
		    p->decl >= 0 && a->decls[p->decl].type ? a->decls[p->decl].type : "?";
		size_t tl = strlen(t);
		sb_addf(sb, "%s%s", i++ ? ", " : "", t);
		if (p->name && *p->name)
			sb_addf(sb, "%s%s", tl && t[tl - 1] == '*' ? "" : " ", p->name);
	}
	if ((d->flags & DF_VARIADIC) && !unprototyped(d))
		sb_adds(sb, i ? ", ..." : "...");
	else if (!i && d->ftype && strstr(d->ftype, "(void)"))
		sb_adds(sb, "void");
	sb_adds(sb, ")");
}

static int report(const struct ast *a, int fn, const struct rule_alloc *ra, unsigned line,
                  const char *what, struct err *e)
{
	const struct ast_node *x = &a->nodes[fn];
	struct sbuf sig = SBUF_INIT;
	signature(a, fn, &sig);
	char *rel = fs_relpath_cwd(a->files[x->file].path);
	char *at = line ? xasprintf("line %u: ", line) : xstrdup("");
	int rc = err_set(e, ERR_INPUT, rel, x->line, x->col,
	                 "rule {\"name\": \"%s\", \"kind\": \"%s\"} (%s) does not fit '%s': %s%s",
	                 ra->name, rules_kind_name(ra->kind), ra->origin ? ra->origin : "rules",
	                 sig.buf, at, what);
	free(at);
	free(rel);
	sb_release(&sig);
	return rc;
}

/* The kind's parameters as the message names them: "(pointer, size)". */
static void kind_params(enum rule_kind k, struct sbuf *sb)
{
	const char *p = rules_kind_params(k);
	sb_adds(sb, "(");
	for (size_t i = 0; p[i]; i++)
		sb_addf(sb, "%s%s", i ? ", " : "", p[i] == 'p' ? "pointer" : "size");
	sb_adds(sb, ")");
}

/* Why parameter i (node c, 1-based in messages) is not what the kind takes there, or NULL. */
static char *param_why(const struct ast *a, int c, int i, enum rule_kind k)
{
	const struct ast_node *p = &a->nodes[c];
	const struct ast_decl *d = p->decl >= 0 ? &a->decls[p->decl] : NULL;
	const char *t = d && d->type ? d->type : "?", *name = p->name && *p->name ? p->name : "";
	const char *kn = rules_kind_name(k);
	unsigned tc = d ? d->tclass : TC_NONE;
	if (rules_kind_params(k)[i] == 'p')
		return tc == TC_PTR || tc == TC_ARRAY
		           ? NULL
		           : xasprintf(
		                 "parameter %d ('%s', of type '%s') is no pointer, where kind %s "
		                 "takes one",
		                 i + 1, name, t, kn);
	if (d && (d->flags & DF_ENUM))
		return xasprintf(
		    "parameter %d ('%s') has the enum type '%s', where kind %s takes a "
		    "size: a function that allocates for a value of that type is no %s (a "
		    "call would allocate as many bytes as the value's number); remove the "
		    "rule",
		    i + 1, name, t, kn, kn);
	return tc == TC_INT
	           ? NULL
	           : xasprintf("parameter %d ('%s', of type '%s') is no integer, where kind "
	                       "%s takes a size",
	                       i + 1, name, t, kn);
}

/* Why declaration fn does not have kind k's shape (malloc'd), or NULL. The parameters' classes
 * are read from its parameter nodes, which a definition the run did not convert lacks. */
static char *shape_why(const struct ast *a, int fn, enum rule_kind k)
{
	const struct ast_decl *d = &a->decls[a->nodes[fn].decl];
	const char *kn = rules_kind_name(k);
	struct sbuf want = SBUF_INIT;
	kind_params(k, &want);
	char *why = NULL;
	int noproto = unprototyped(d);
	if (rules_kind_allocates(k) && d->tclass != TC_PTR)
		why = xasprintf("its result is no pointer, where kind %s returns new memory", kn);
	else if (!noproto && (d->flags & DF_VARIADIC))
		why = xasprintf("it takes a variable number of arguments, where kind %s takes %s",
		                kn, want.buf);
	else if (!noproto && (unsigned)d->index != rules_kind_args(k))
		why = xasprintf("it takes %d parameter%s, where kind %s takes %s", d->index,
		                d->index == 1 ? "" : "s", kn, want.buf);
	for (int c = ast_first(a, fn), i = 0; !why && !noproto && c >= 0; c = ast_next(a, c))
		if (a->nodes[c].kind == AK_PARAM)
			why = param_why(a, c, i++, k);
	sb_release(&want);
	return why;
}

/* ---- what the body does --------------------------------------------------------------------- */

/* The name of a string function without its builtin or fortified spelling: __builtin_strlen
 * and __builtin___strncpy_chk are strlen and strncpy. */
static int stops_at_nul(const char *name)
{
	static const char *const fns[] = {"strlen",    "strnlen", "strdup",  "strndup", "memchr",
	                                  "rawmemchr", "memccpy", "strchr",  "strrchr", "strchrnul",
	                                  "strcpy",    "stpcpy",  "strncpy", "stpncpy", "strlcpy",
	                                  "strcat",    "strncat", "strlcat", NULL};
	static const char b3[] = "__builtin___", b1[] = "__builtin_", chk[] = "_chk";
	size_t n, cut = 0;
	if (!strncmp(name, b3, sizeof(b3) - 1))
		name += sizeof(b3) - 1;
	else if (!strncmp(name, b1, sizeof(b1) - 1))
		name += sizeof(b1) - 1;
	else if (!strncmp(name, "__", 2))
		name += 2;
	n = strlen(name);
	if (n > sizeof(chk) - 1 && !strcmp(name + n - (sizeof(chk) - 1), chk))
		cut = sizeof(chk) - 1;
	for (size_t i = 0; fns[i]; i++)
		if (strlen(fns[i]) == n - cut && !strncmp(fns[i], name, n - cut))
			return 1;
	return 0;
}

/* Whether node x writes its first operand: an assignment, a compound one, ++ or --, or (with
 * addr) takes its address, after which anything may write it. */
static int writes_operand(const struct ast_node *x, int addr)
{
	return (x->kind == AK_BINARY && is_op(x, "=")) || x->kind == AK_ASSIGNOP ||
	       (x->kind == AK_UNARY &&
	        (is_op(x, "++") || is_op(x, "--") || (addr && is_op(x, "&"))));
}

/* Whether the body changes local d before node n: an assignment, step or address taken
 * earlier in the body, other than the one n is part of (`p = realloc(p, n)`). */
static int changed_before(const struct body *b, int d, int n)
{
	const struct ast *a = b->a;
	for (int m = b->fn + 1; m < n; m++) {
		const struct ast_node *x = &a->nodes[m];
		if (m + x->size < n && writes_operand(x, 1) && local_of(a, ast_first(a, m)) == d)
			return 1; /* not an ancestor of n */
	}
	return 0;
}

/* Whether the body changes local d anywhere (assigns it, steps it, takes its address). */
static int changes(const struct body *b, int d)
{
	return changed_before(b, d, b->fn + b->a->nodes[b->fn].size + 1);
}

/* strndup against memdup: an exact copy of the length parameter's bytes, a string function
 * stopping at a NUL (on the first parameter). */
static char *copy_why(struct body *b, enum rule_kind k, int *at)
{
	const struct ast *a = b->a;
	int end = b->fn + a->nodes[b->fn].size, exact = -1, stop = -1, stop_p0 = -1;
	if (b->par[1] < 0)
		return NULL;
	for (int n = b->fn + 1; n <= end; n++) {
		int d = a->nodes[n].kind == AK_CALL ? callee_decl(a, n) : -1;
		const char *name = d >= 0 ? a->decls[d].name : NULL;
		if (!name)
			continue;
		const struct eff_func *ef = rules_find_effect(b->k->r, name);
		if (ef && eff_copies(ef, a->decls[d].ftype) && ast_call_nargs(a, n) >= 3 &&
		    local_of(a, ast_call_arg(a, n, 2)) == b->par[1] && exact < 0)
			exact = n;
		if (stops_at_nul(name)) {
			stop = stop < 0 ? n : stop;
			if (stop_p0 < 0 && ast_call_nargs(a, n) >= 1 &&
			    (bits_of(b, ast_call_arg(a, n, 0)) & V_PAR))
				stop_p0 = n;
		}
	}
	int fixed = exact >= 0 && !changes(b, b->par[1]);
	if (k == RK_STRNDUP && fixed && stop < 0) {
		*at = exact;
		return xasprintf("copies exactly its length parameter's bytes ('%s'), NUL bytes "
		                 "included, where kind strndup stops at the first NUL: its kind is "
		                 "memdup",
		                 a->nodes[exact].name);
	}
	if (k == RK_MEMDUP && !fixed && stop_p0 >= 0) {
		*at = stop_p0;
		return xasprintf("stops at the first NUL of its first parameter ('%s'), where kind "
		                 "memdup copies all n bytes: its kind is strndup",
		                 a->decls[callee_decl(a, stop_p0)].name);
	}
	return NULL;
}

static const char prefix_fix[] =
    "the rewrite cannot replace it: arena memory has no prefix, and what the wrapper keeps there "
    "(a size, a tag) is read by other code of the program; remove the rule (the wrapper's calls "
    "then stay on the heap)";

/* An allocating kind that returns an interior pointer of its allocation. */
static char *returns_why(struct body *b, int *at)
{
	const struct ast *a = b->a;
	int end = b->fn + a->nodes[b->fn].size;
	for (int n = b->fn + 1; n <= end; n++)
		if (a->nodes[n].kind == AK_RETURN && ast_first(a, n) >= 0 &&
		    (bits_of(b, ast_first(a, n)) & V_INTERIOR)) {
			*at = n;
			return xasprintf("returns an interior pointer of its allocation (a size "
			                 "prefix): %s",
			                 prefix_fix);
		}
	return NULL;
}

/* The argument a call frees or resizes, -1: a rule's free or realloc kind (by name or through
 * a hook field), an effects entry's "free" or "realloc" parameter, a call through a pointer
 * (the free a program installs). */
static int freed_arg(struct body *b, int call)
{
	const struct ast *a = b->a;
	int d = callee_decl(a, call), cs = ast_strip(a, ast_call_callee(a, call));
	const char *name = d >= 0 ? a->decls[d].name : NULL;
	const struct rule_alloc *ra =
	    name ? rules_find_alloc(b->k->r, name)
	    : cs >= 0 && a->nodes[cs].kind == AK_MEMBER && a->nodes[cs].name
	        ? rules_find_field(b->k->r, a->nodes[cs].name)
	        : NULL;
	if (ra)
		return ra->kind == RK_FREE || ra->kind == RK_REALLOC ? 0 : -1;
	if (d < 0)
		return ast_call_nargs(a, call) >= 1 ? 0 : -1;
	const struct eff_func *ef = name ? rules_find_effect(b->k->r, name) : NULL;
	for (unsigned i = 0; ef && i < ef->np && (int)i < ast_call_nargs(a, call); i++)
		if (ef->p[i].self & (EF_FREE | EF_REALLOC))
			return (int)i;
	return -1;
}

/* A free or realloc kind that frees or resizes its parameter at an offset. */
static char *frees_why(struct body *b, enum rule_kind k, int *at)
{
	const struct ast *a = b->a;
	int end = b->fn + a->nodes[b->fn].size;
	for (int n = b->fn + 1; n <= end; n++) {
		int i = a->nodes[n].kind == AK_CALL ? freed_arg(b, n) : -1;
		if (i >= 0 && (bits_of(b, ast_call_arg(a, n, i)) & V_PARINT)) {
			*at = n;
			return xasprintf("%s its parameter at an offset (a size prefix): %s",
			                 k == RK_FREE ? "frees" : "resizes", prefix_fix);
		}
	}
	return NULL;
}

/* `!p`, `p == NULL`, `NULL == p`: a test that a pointer variable is null. */
static int null_test(const struct ast *a, int n)
{
	n = ast_strip(a, n);
	if (n < 0)
		return 0;
	const struct ast_node *x = &a->nodes[n];
	int l = ast_first(a, n), r = l >= 0 ? ast_next(a, l) : -1;
	l = l >= 0 ? ast_strip(a, l) : -1;
	r = r >= 0 ? ast_strip(a, r) : -1;
	int lptr = l >= 0 && a->nodes[l].kind == AK_DECLREF && a->nodes[l].tclass == TC_PTR;
	if (x->kind == AK_UNARY && is_op(x, "!"))
		return lptr;
	if (x->kind != AK_BINARY || !is_op(x, "==") || l < 0 || r < 0)
		return 0;
	int rptr = a->nodes[r].kind == AK_DECLREF && a->nodes[r].tclass == TC_PTR;
	return (lptr && a->nodes[r].kind == AK_INTLIT) || (rptr && a->nodes[l].kind == AK_INTLIT);
}

/* A free kind whose body returns before it frees, other than on a null pointer: a reference
 * drop (g_object_unref, json_decref) or a pool's put, which frees on some calls only and does
 * more than free; arena memory handed to it would skip that body. */
static char *drops_why(struct body *b, int *at)
{
	const struct ast *a = b->a;
	int end = b->fn + a->nodes[b->fn].size, first = -1;
	for (int n = b->fn + 1; n <= end && first < 0; n++)
		if (a->nodes[n].kind == AK_CALL && freed_arg(b, n) >= 0)
			first = n;
	for (int n = b->fn + 1; n < first; n++) {
		if (a->nodes[n].kind != AK_RETURN)
			continue;
		int in = ast_enclosing(a, n, 1ull << AK_IF);
		if (in > b->fn && null_test(a, ast_first(a, in)))
			continue;
		*at = n;
		return xstrdup(
		    "returns before it frees its parameter (a reference drop, a pool's "
		    "put): kind free means every call frees what it is given, and a call "
		    "given arena memory would skip the body; remove the rule, or name the "
		    "function that frees (its kind free) instead");
	}
	return NULL;
}

/* ---- delegation: a malloc, calloc, realloc or strdup kind is that allocator, checked -------- */

/* `0` or `'\0'`. */
static int is_nul(const struct ast *a, int n)
{
	int s = n >= 0 ? ast_strip(a, n) : -1;
	if (s < 0)
		return 0;
	const struct ast_node *x = &a->nodes[s];
	const struct ast_file *f = x->file >= 0 ? &a->files[x->file] : NULL;
	return is_zero(a, s) || (x->kind == AK_LITERAL && f && x->end == x->begin + 4 &&
	                         !strncmp(f->text + x->begin, "'\\0'", 4));
}

/* The source text of node n, for messages (malloc'd). */
static char *spelling(const struct ast *a, int n)
{
	const struct ast_node *x = &a->nodes[n];
	const struct ast_file *f = x->file >= 0 ? &a->files[x->file] : NULL;
	if (!f || x->end <= x->begin || x->end > f->len || x->end - x->begin > 60)
		return xstrdup("an expression");
	return xasprintf("%.*s", (int)(x->end - x->begin), f->text + x->begin);
}

/* Whether expression n mentions a local that holds the allocation (a retry or failure test:
 * git's `if (!ret && !size) ret = malloc(1)`). */
static int tests_allocation(const struct body *b, int n)
{
	const struct ast *a = b->a;
	for (int m = n; m >= 0 && m <= n + a->nodes[n].size; m++)
		if (a->nodes[m].kind == AK_DECLREF && a->nodes[m].decl >= 0 &&
		    (b->mark[a->nodes[m].decl] & V_ALLOC))
			return 1;
	return 0;
}

/* Whether node n lies in an `if` whose condition tests the allocation. */
static int under_allocation_test(const struct body *b, int n)
{
	const struct ast *a = b->a;
	for (int in = ast_enclosing(a, n, 1ull << AK_IF); in > b->fn;
	     in = ast_enclosing(a, in, 1ull << AK_IF))
		if (ast_first(a, in) >= 0 && tests_allocation(b, ast_first(a, in)))
			return 1;
	return 0;
}

/* A strdup written as malloc and a copy must copy the whole string: a body that measures a
 * part of it (strcspn, strchr: a key up to '=') is a different function. */
static char *part_why(struct body *b)
{
	static const char *const part[] = {"strcspn", "strspn", "strchr",  "strrchr", "strchrnul",
	                                   "strnlen", "strstr", "strpbrk", "memchr",  NULL};
	const struct ast *a = b->a;
	int end = b->fn + a->nodes[b->fn].size;
	for (int n = b->fn + 1; n <= end; n++) {
		int d = a->nodes[n].kind == AK_CALL ? callee_decl(a, n) : -1;
		const char *name = d >= 0 ? a->decls[d].name : NULL;
		if (name && !strncmp(name, "__builtin_", 10))
			name += 10;
		for (size_t i = 0; name && part[i]; i++)
			if (!strcmp(name, part[i]))
				return xasprintf(
				    "measures a part of its parameter with '%s', where kind "
				    "strdup copies the whole string; remove the rule",
				    part[i]);
	}
	return NULL;
}

/* Why allocation call n does not allocate as kind k with the wrapper's own parameters. */
static char *call_why(struct body *b, enum rule_kind k, int n, const struct rule_alloc *ra)
{
	const struct ast *a = b->a;
	const char *kn = rules_kind_name(k), *callee = a->nodes[n].name ? a->nodes[n].name : "?";
	if (k == RK_STRDUP && ra->kind == RK_MALLOC)
		return part_why(b); /* jansson's jsonp_strdup: malloc(len + 1), then a copy */
	if (ra->kind != k)
		return xasprintf("allocates with '%s', of kind %s, where kind %s is that allocator "
		                 "(a wrapper of another kind does something else with the memory); "
		                 "name its kind in the rule, or remove the rule",
		                 callee, rules_kind_name(ra->kind), kn);
	for (unsigned i = 0; i < rules_kind_args(k); i++) {
		int arg = ast_call_arg(a, n, (int)i), par = i < 2 ? b->par[i] : -1;
		if (arg >= 0 && par >= 0 && local_of(a, arg) == par && !changed_before(b, par, n))
			continue;
		char *s = arg >= 0 ? spelling(a, arg) : xstrdup("nothing");
		char *m =
		    xasprintf("passes %s to '%s' as argument %u (the %s), where kind %s passes "
		              "its own parameter %u there unchanged (a count of elements, a "
		              "byte more, a default): the rewrite would allocate a different "
		              "size; remove the rule, or name a function that allocates "
		              "exactly its parameters",
		              s, callee, i + 1, rules_kind_params(k)[i] == 'p' ? "pointer" : "size",
		              kn, i + 1);
		free(s);
		return m;
	}
	return NULL;
}

/* Whether call n writes into the allocation: it is given a pointer into it where its effects
 * entry does not say it only reads, frees or resizes there (memset, memcpy, a function of the
 * sources). */
static int writes_allocation(struct body *b, enum rule_kind k, int n)
{
	const struct ast *a = b->a;
	int d = callee_decl(a, n);
	const struct eff_func *ef =
	    d >= 0 && a->decls[d].name ? rules_find_effect(b->k->r, a->decls[d].name) : NULL;
	for (int i = 0; i < ast_call_nargs(a, n); i++) {
		if (!(bits_of(b, ast_call_arg(a, n, i)) & (V_ALLOC | V_INTERIOR)))
			continue;
		/* a strdup's copy of its own parameter (memcpy(d, s, n), strcpy) */
		int from = ef && !ef->unknown && (unsigned)i < ef->np ? ef->p[i].copy : EFF_NONE;
		if (k == RK_STRDUP && from != EFF_NONE && from < ast_call_nargs(a, n) &&
		    (bits_of(b, ast_call_arg(a, n, from)) & (V_PAR | V_PARINT)) &&
		    !(ef->p[i].self & (EF_KEEP | EF_BYTES)))
			continue;
		if (!ef || ef->unknown || (unsigned)i >= ef->np ||
		    (ef->p[i].self & (EF_WRITE | EF_KEEP | EF_BYTES)) || ef->p[i].copy != EFF_NONE)
			return 1;
	}
	return 0;
}

/* Why a store or call at n changes the allocation's bytes, or NULL. */
static char *write_why(struct body *b, enum rule_kind k, int n)
{
	const struct ast *a = b->a;
	const struct ast_node *x = &a->nodes[n];
	int lhs = writes_operand(x, 0) ? ast_strip(a, ast_first(a, n)) : -1;
	int base = -1;
	if (lhs >= 0 && a->nodes[lhs].kind == AK_UNARY && is_op(&a->nodes[lhs], "*"))
		base = ast_first(a, lhs);
	else if (lhs >= 0 && a->nodes[lhs].kind == AK_SUBSCRIPT)
		base = ast_first(a, lhs);
	else if (lhs >= 0 && a->nodes[lhs].kind == AK_MEMBER && (a->nodes[lhs].flags & AF_ARROW))
		base = ast_first(a, lhs);
	else if (lhs >= 0 && a->nodes[lhs].kind == AK_MEMBER) {
		int s = ast_strip(a, ast_first(a, lhs));
		if (s >= 0 && a->nodes[s].kind == AK_SUBSCRIPT)
			base = ast_first(a, s);
	}
	int writes = base >= 0 && (bits_of(b, base) & (V_ALLOC | V_INTERIOR));
	/* a strdup's terminating NUL (`d[len] = '\0'`) */
	if (writes && k == RK_STRDUP && x->kind == AK_BINARY &&
	    is_nul(a, ast_next(a, ast_first(a, n))))
		writes = 0;
	if (!writes && x->kind == AK_CALL && !(call_bits(b, n) & V_ALLOC))
		writes = freed_arg(b, n) < 0 && writes_allocation(b, k, n);
	if (!writes || under_allocation_test(b, n))
		return NULL;
	return xasprintf("writes into the memory it allocates (a NUL at the end, a first "
	                 "field, a changed copy), where kind %s hands it out as the allocator "
	                 "does: the rewrite would skip that write; remove the rule",
	                 rules_kind_name(k));
}

/* Why a return does not hand out the allocation: another value, a null pointer not on the
 * allocation's failure, a choice (`s ? strdup(s) : NULL`). */
static char *return_why(struct body *b, enum rule_kind k, int n)
{
	const struct ast *a = b->a;
	int e = ast_first(a, n) >= 0 ? ast_strip(a, ast_first(a, n)) : -1;
	if (e < 0)
		return NULL;
	if (a->nodes[e].kind != AK_COND && (bits_of(b, e) & V_ALLOC))
		return NULL;
	if (is_zero(a, e) && under_allocation_test(b, n))
		return NULL;
	char *s = spelling(a, e);
	char *m = xasprintf("returns %s, where kind %s returns what the allocator returns (a "
	                    "null argument or a size of 0 handled apart is a different function); "
	                    "remove the rule",
	                    s, rules_kind_name(k));
	free(s);
	return m;
}

/* The global variable the place an assignment writes is part of (`live`, `stats.freed`,
 * `counts[i]`), or -1. */
static int global_place(const struct ast *a, int lhs)
{
	int s = ast_strip(a, lhs);
	while (s >= 0 && ((a->nodes[s].kind == AK_MEMBER && !(a->nodes[s].flags & AF_ARROW)) ||
	                  a->nodes[s].kind == AK_SUBSCRIPT))
		s = ast_strip(a, ast_first(a, s));
	if (s < 0 || a->nodes[s].kind != AK_DECLREF || a->nodes[s].decl < 0)
		return -1;
	const struct ast_decl *d = &a->decls[a->nodes[s].decl];
	return d->kind == DK_VAR && (d->flags & DF_GLOBAL) ? a->nodes[s].decl : -1;
}

/* The global that function fn's body changes, directly or through the functions of the sources
 * it calls (depth-bounded), or -1; *at the node to blame in fn's own body. */
static int changed_global(struct rchk *k, const struct ast *a, int fn, int depth, int *at,
                          const char **name)
{
	int end = fn + a->nodes[fn].size;
	for (int n = fn + 1; n <= end; n++) {
		const struct ast_node *x = &a->nodes[n];
		if (writes_operand(x, 0)) {
			int g = global_place(a, ast_first(a, n));
			if (g >= 0) {
				*at = n;
				*name = a->decls[g].name;
				return g;
			}
		}
		int d = x->kind == AK_CALL && depth < 4 ? callee_decl(a, n) : -1;
		const char *cn = d >= 0 ? a->decls[d].name : NULL;
		const struct strmap_ent *en = cn ? strmap_find(&k->byname, cn) : NULL;
		if (!en || rules_find_alloc(k->r, cn) || k->defs[en->val].node == fn)
			continue;
		int sub;
		if (changed_global(k, k->defs[en->val].a, k->defs[en->val].node, depth + 1, &sub,
		                   name) >= 0) {
			*at = n;
			return 1;
		}
	}
	return -1;
}

/*
 * Every kind says the function does what the kind's function does and nothing else the rest of
 * the program can see: the rewrite replaces its calls on arena memory (an allocation, a free
 * that becomes the arena's, a release dropped as dead teardown). A body that also changes a
 * global, itself or through a function of the sources it calls (a live-object count, a
 * registry of copies, a statistics field), would lose that change.
 */
static char *globals_why(struct body *b, enum rule_kind k, int *at)
{
	const char *name = NULL;
	if (changed_global(b->k, b->a, b->fn, 0, at, &name) < 0)
		return NULL;
	return xasprintf("changes '%s', which outlives the call, where kind %s only %s: the "
	                 "rewrite replaces or drops its calls on arena memory and would skip that "
	                 "change; remove the rule",
	                 name ? name : "a global", rules_kind_name(k),
	                 rules_kind_allocates(k) ? "allocates" : "frees");
}

static char *delegate_why(struct body *b, enum rule_kind k, int *at, int depth);

/* The wrapper allocates through a function of the sources no rule names (git's xmalloc over
 * do_xmalloc): that function must itself be the kind's allocator, with the wrapper's own
 * parameters (a strdup handing its string to a function that lowercases the copy is not). */
static char *callee_why(struct body *b, enum rule_kind k, int n, const char *cn, int depth)
{
	const struct strmap_ent *en = strmap_find(&b->k->byname, cn);
	if (!en)
		return NULL;
	const struct def *d = &b->k->defs[en->val];
	struct body cb;
	body_init(&cb, b->k, d->a, d->node);
	int at = -1;
	if (k == RK_STRDUP && !shape_why(d->a, d->node, RK_MALLOC)) {
		/* a strdup over a malloc wrapper of the sources (xstrdup over xmalloc) */
		char *mwhy = delegate_why(&cb, RK_MALLOC, &at, depth + 1);
		free(cb.mark);
		if (!mwhy)
			return part_why(b);
		free(mwhy);
		body_init(&cb, b->k, d->a, d->node);
		at = -1;
	}
	char *why = delegate_why(&cb, k, &at, depth + 1);
	free(cb.mark);
	for (unsigned i = 0; !why && i < rules_kind_args(k); i++) {
		int arg = ast_call_arg(b->a, n, (int)i), par = i < 2 ? b->par[i] : -1;
		if (!(arg >= 0 && par >= 0 && local_of(b->a, arg) == par &&
		      !changed_before(b, par, n)))
			why = xasprintf(
			    "passes its parameter %u changed, or something else, to '%s', "
			    "where kind %s passes its own parameters unchanged; remove the "
			    "rule",
			    i + 1, cn, rules_kind_name(k));
	}
	if (!why || at < 0)
		return why;
	char *m = xasprintf("through '%s' (line %u): %s", cn, d->a->nodes[at].line, why);
	free(why);
	return m;
}

/*
 * A malloc, calloc, realloc or strdup kind whose body is in the sources is that allocator with
 * a check around it (xmalloc's die on failure): every allocation of the body is a call of an
 * allocator of the same kind, given the wrapper's own parameters unchanged; the body writes
 * nothing into the memory and returns it, or a null pointer on its failure. The rewrite
 * replaces the wrapper's calls by the arena's allocation of that kind and size: git's
 * xmallocz (n + 1 bytes and a NUL), a constructor taking a count of elements, a strdup that
 * lowercases or passes NULL through would each lose what the wrapper did.
 */
static char *delegate_why(struct body *b, enum rule_kind k, int *at, int depth)
{
	const struct ast *a = b->a;
	int end = b->fn + a->nodes[b->fn].size;
	char *why = NULL;
	for (int n = b->fn + 1; n <= end && !why; n++) {
		const struct ast_node *x = &a->nodes[n];
		int d = x->kind == AK_CALL ? callee_decl(a, n) : -1;
		const char *cn = d >= 0 ? a->decls[d].name : NULL;
		const struct rule_alloc *ra = cn ? rules_find_alloc(b->k->r, cn) : NULL;
		if (ra && rules_kind_allocates(ra->kind) && !under_allocation_test(b, n))
			why = call_why(b, k, n, ra);
		if (!why && !ra && cn && depth < 4 && (call_bits(b, n) & V_ALLOC))
			why = callee_why(b, k, n, cn, depth);
		if (!why)
			why = write_why(b, k, n);
		if (!why && x->kind == AK_RETURN)
			why = return_why(b, k, n);
		if (why)
			*at = n;
	}
	return why;
}

/* A hook behind a rule's function may allocate more than asked (its prefix), but not with an
 * allocator of another kind: a zeroing calloc under a malloc, whose callers may rely on the
 * zeros the arena's memory lacks. */
static char *other_kind_why(struct body *b, enum rule_kind k, int *at)
{
	const struct ast *a = b->a;
	int end = b->fn + a->nodes[b->fn].size;
	for (int n = b->fn + 1; n <= end; n++) {
		int d = a->nodes[n].kind == AK_CALL ? callee_decl(a, n) : -1;
		const struct rule_alloc *ra =
		    d >= 0 && a->decls[d].name ? rules_find_alloc(b->k->r, a->decls[d].name) : NULL;
		if (!ra || !rules_kind_allocates(ra->kind) || ra->kind == k ||
		    (k == RK_STRDUP && ra->kind == RK_MALLOC))
			continue;
		*at = n;
		return call_why(b, k, n, ra);
	}
	return NULL;
}

/* ---- the check ----------------------------------------------------------------------------- */

static int has_body(const struct ast *a, int fn)
{
	for (int c = ast_first(a, fn); c >= 0; c = ast_next(a, c))
		if (a->nodes[c].kind == AK_COMPOUND)
			return 1;
	return 0;
}

static char *side_why(struct rchk *k, enum rule_kind kind, const struct ast *a, int fn, int *at,
                      int depth, int side_only);

/* Why declaration fn is not a function of kind k (malloc'd), or NULL; *at the node to blame.
 * depth counts the calls through pointers followed to get here (a guard against cycles).
 * behind: fn is a hook a rule's function calls through a pointer; the rewrite keeps that
 * function, and so the hook, as the fallback for what is not the arena's (arena_free_with), so a
 * size prefix stays between the hook and its free (jansson's secure_malloc). */
static char *mismatch_d(struct rchk *k, enum rule_kind kind, const struct ast *a, int fn, int *at,
                        int depth, int behind)
{
	char *why = shape_why(a, fn, kind);
	if (!why && kind != RK_RELEASE && has_body(a, fn)) {
		struct body b;
		body_init(&b, k, a, fn);
		if (kind == RK_STRNDUP || kind == RK_MEMDUP)
			why = copy_why(&b, kind, at);
		if (!why && rules_kind_allocates(kind) && !behind)
			why = returns_why(&b, at);
		if (!why && (kind == RK_FREE || kind == RK_REALLOC) && !behind)
			why = frees_why(&b, kind, at);
		if (!why && kind == RK_FREE)
			why = drops_why(&b, at);
		if (!why && (kind == RK_MALLOC || kind == RK_CALLOC || kind == RK_REALLOC ||
		             kind == RK_STRDUP))
			why = behind ? other_kind_why(&b, kind, at) : delegate_why(&b, kind, at, 0);
		free(b.mark);
	}
	if (!why && has_body(a, fn))
		why = side_why(k, kind, a, fn, at, depth, 0);
	return why;
}

static char *mismatch(struct rchk *k, enum rule_kind kind, const struct ast *a, int fn, int *at)
{
	return mismatch_d(k, kind, a, fn, at, 0, 0);
}

/* ---- calls through pointers: every function whose address the sources take may be called ---- */

/* The field a call goes through (`H.allocate(n)`, `(*h->free)(p)`), or NULL. */
static const char *called_field(const struct ast *a, int call)
{
	int c = ast_strip(a, ast_call_callee(a, call));
	if (c >= 0 && a->nodes[c].kind == AK_UNARY && is_op(&a->nodes[c], "*"))
		c = ast_strip(a, ast_last(a, c));
	return c >= 0 && a->nodes[c].kind == AK_MEMBER ? a->nodes[c].name : NULL;
}

enum { AS_SIDE, AS_KIND, AS_BEHIND };

/*
 * Why a function that a call of type ftype through a pointer may reach does not fit, or NULL:
 * each candidate of that type with a body is checked as `kind` (as AS_KIND: a hook a rule's
 * field holds; AS_BEHIND: the allocator or free a rule's function hands its own parameter to,
 * mismatch_d's `behind`), else (AS_SIDE) for what the rest of the program sees (side_why). A
 * candidate already checked,
 * or being checked higher up (a cycle), in the same mode and no deeper, is not checked again.
 * *blame the candidate, *cat the node in its body.
 */
static char *candidates_why(struct rchk *k, const char *ftype, enum rule_kind kind, int as,
                            int depth, const struct cand **blame, int *cat)
{
	for (size_t i = 0; i < k->ncands && ftype; i++) {
		const struct cand *c = &k->cands[i];
		if (strcmp(c->ftype, ftype))
			continue;
		char *key = xasprintf("%d:%d:%s", as, (int)kind, c->name);
		int created = 0;
		struct strmap_ent *en =
		    strmap_putb_dup(&k->seen, key, strlen(key), depth, &created);
		free(key);
		if (!created && en->val <= depth)
			continue;
		en->val = depth;
		const struct def *d = &k->defs[strmap_find(&k->byname, c->name)->val];
		*cat = -1;
		char *why = as != AS_SIDE
		                ? mismatch_d(k, kind, d->a, d->node, cat, depth, as == AS_BEHIND)
		                : side_why(k, kind, d->a, d->node, cat, depth, 1);
		if (why) {
			*blame = c;
			return why;
		}
	}
	return NULL;
}

/* "'my_alloc' (prog.c:9, its address taken at prog.c:33; line 10: ...)": a candidate's finding. */
static char *candidate_msg(const struct rchk *k, const struct cand *c, int cat, const char *why)
{
	const struct def *d = &k->defs[strmap_find(&k->byname, c->name)->val];
	char *def = fs_relpath_cwd(d->a->files[d->a->nodes[d->node].file].path);
	char *taken = fs_relpath_cwd(c->a->files[c->a->nodes[c->node].file].path);
	char *at = cat >= 0 ? xasprintf("line %u: ", d->a->nodes[cat].line) : xstrdup("");
	char *m =
	    xasprintf("'%s' (%s:%u, its address taken at %s:%u) may be called there; %s%s", c->name,
	              def, d->a->nodes[d->node].line, taken, c->a->nodes[c->node].line, at, why);
	free(at);
	free(taken);
	free(def);
	return m;
}

/* The kind a function of the sources a rule's body calls stands for: the rule's where it has
 * the kind's shape (git's xmalloc over do_xmalloc), malloc under a strdup (jansson's
 * jsonp_strdup over jsonp_malloc), else none (*side_only set: a helper, checked for its side
 * effects). */
static enum rule_kind callee_kind(const struct def *cd, enum rule_kind kind, int *side_only)
{
	char *why = *side_only ? NULL : shape_why(cd->a, cd->node, kind);
	if (why && kind == RK_STRDUP) {
		free(why);
		why = shape_why(cd->a, cd->node, RK_MALLOC);
		kind = RK_MALLOC;
	}
	*side_only |= why != NULL;
	free(why);
	return kind;
}

/*
 * The calls through pointers in a rule's body, and in the functions of the sources it calls
 * (depth-bounded, as changed_global): each may reach every function whose address the sources
 * take with the type of the call (jansson's jsonp_malloc calls `(*do_malloc)(size)`, the hook
 * json_set_alloc_funcs installs; a release calls its object's `ops->fini`). A call through a
 * field a field rule names is left to the hooks check, which sees what is installed there.
 * side_only: the function is reached for its side effects (a release's destructor), not as
 * the kind's allocator or free.
 */
static char *pointers_why(struct rchk *k, enum rule_kind kind, const struct ast *a, int fn, int *at,
                          int depth, int side_only)
{
	if (depth >= 4)
		return NULL;
	struct body b;
	body_init(&b, k, a, fn);
	int end = fn + a->nodes[fn].size;
	char *why = NULL;
	for (int n = fn + 1; n <= end && !why; n++) {
		const struct ast_node *x = &a->nodes[n];
		if (x->kind != AK_CALL)
			continue;
		int d = callee_decl(a, n);
		const char *cn = d >= 0 ? a->decls[d].name : NULL;
		const struct strmap_ent *en = cn ? strmap_find(&k->byname, cn) : NULL;
		if (en && !rules_find_alloc(k->r, cn) && k->defs[en->val].node != fn) {
			int sub = -1;
			const struct def *cd = &k->defs[en->val];
			int so = side_only;
			enum rule_kind ck = callee_kind(cd, kind, &so);
			why = pointers_why(k, ck, cd->a, cd->node, &sub, depth + 1, so);
			if (why && sub >= 0) {
				char *m = xasprintf("through '%s' (line %u): %s", cn,
				                    cd->a->nodes[sub].line, why);
				free(why);
				why = m;
			}
		} else if (d < 0 && x->op) {
			const char *field = called_field(a, n);
			if (field && rules_find_field(k->r, field))
				continue;
			int as = !side_only && kind != RK_RELEASE && ast_call_nargs(a, n) >= 1 &&
			                 (bits_of(&b, ast_call_arg(a, n, 0)) & V_PAR)
			             ? AS_BEHIND
			             : AS_SIDE;
			const struct cand *c = NULL;
			int cat = -1;
			char *cw = candidates_why(k, x->op, kind, as, depth + 1, &c, &cat);
			if (cw) {
				char *m = candidate_msg(k, c, cat, cw);
				why =
				    xasprintf("calls through a pointer of type '%s': %s", x->op, m);
				free(m);
				free(cw);
			}
		}
		if (why)
			*at = n;
	}
	free(b.mark);
	return why;
}

/* A call of an I/O function (a cancellation point: printf, write, fputs, syslog...) that every
 * call of fn makes, itself or through the functions of the sources it calls unconditionally,
 * or -1; one under an `if` or a `switch` (a failure path, a debug switch) does not count. */
static int io_call(struct rchk *k, const struct ast *a, int fn, int depth, const char **name)
{
	int end = fn + a->nodes[fn].size;
	for (int n = fn + 1; n <= end; n++) {
		if (a->nodes[n].kind != AK_CALL ||
		    ast_enclosing(a, n, (1ull << AK_IF) | (1ull << AK_SWITCH) | (1ull << AK_COND)) >
		        fn)
			continue;
		int d = callee_decl(a, n);
		const char *cn = d >= 0 ? a->decls[d].name : NULL;
		if (cn && rules_cancel_point(k->r, cn)) {
			*name = cn;
			return n;
		}
		const struct strmap_ent *en = cn && depth < 4 ? strmap_find(&k->byname, cn) : NULL;
		if (en && !rules_find_alloc(k->r, cn) && k->defs[en->val].node != fn &&
		    io_call(k, k->defs[en->val].a, k->defs[en->val].node, depth + 1, name) >= 0)
			return n;
	}
	return -1;
}

/*
 * What every kind's function must not do, since the rewrite replaces or drops its calls on
 * arena memory: change a global (globals_why), write to the world on every call (a logging
 * free prints a line per object), or call through a pointer a function that does either, or
 * that does not fit the kind where it is the allocator the body delegates to (side_only: fn
 * is itself reached for its side effects only).
 */
static char *side_why(struct rchk *k, enum rule_kind kind, const struct ast *a, int fn, int *at,
                      int depth, int side_only)
{
	struct body b;
	body_init(&b, k, a, fn);
	char *why = globals_why(&b, kind, at);
	free(b.mark);
	const char *io = NULL;
	int n = why ? -1 : io_call(k, a, fn, 0, &io);
	if (n >= 0) {
		*at = n;
		why = xasprintf(
		    "calls '%s' on every call, which the program's user sees (output, a "
		    "wait), where kind %s only %s: the rewrite replaces or drops its calls "
		    "on arena memory and would skip it; remove the rule",
		    io, rules_kind_name(kind), rules_kind_allocates(kind) ? "allocates" : "frees");
	}
	if (!why)
		why = pointers_why(k, kind, a, fn, at, depth, side_only);
	return why;
}

static int check_one(struct rchk *k, const struct rule_alloc *ra, const struct ast *a, int fn,
                     struct err *e)
{
	int at = -1;
	char *why = mismatch(k, ra->kind, a, fn, &at);
	int rc = why ? report(a, fn, ra, at >= 0 ? a->nodes[at].line : 0, why, e) : 0;
	free(why);
	return rc;
}

/* How well declaration node n shows what a function is: a definition the run converted (3), a
 * prototype, with its parameter nodes (2), a definition whose body the run skipped, whose
 * parameters it did not convert either (1), an unprototyped declaration (0). */
static int rank(const struct ast *a, int n)
{
	if (has_body(a, n))
		return 3;
	if (unprototyped(&a->decls[a->nodes[n].decl]))
		return 0;
	return a->nodes[n].flags & AF_DEFINITION ? 1 : 2;
}

struct best {
	const struct ast *a;
	int node, rank;
};

/* Every top-level function of the sources: the converted definitions by name, and for each
 * rule the declaration that shows its function best (the first, in unit order, of that rank). */
static void collect(struct rchk *k, struct ast *const *asts, size_t n, const struct strmap *want,
                    struct best *best)
{
	for (size_t u = 0; u < n; u++) {
		const struct ast *a = asts[u];
		for (size_t i = 0; a && i < a->nnodes; i += (size_t)a->nodes[i].size + 1) {
			const struct ast_node *x = &a->nodes[i];
			if (x->kind != AK_FUNC || !x->name || x->file < 0 || x->decl < 0 ||
			    (x->flags & AF_SYSHDR))
				continue;
			int r = rank(a, (int)i);
			if (r == 3 && !strmap_find(&k->byname, x->name)) {
				GROW(k->defs, k->ndefs, k->cap);
				k->defs[k->ndefs] = (struct def){a, (int)i, 0, 0};
				strmap_put(&k->byname, x->name, (int)k->ndefs++);
			}
			const struct strmap_ent *en = strmap_find(want, x->name);
			if (en && r > best[en->val].rank)
				best[en->val] = (struct best){a, (int)i, r};
		}
	}
}

/* ---- hooks: the functions a program installs in a field a field rule names ------------------ */

/* The AK_RECORD node of type spelling t in this unit ("struct hooks", a typedef's name, either
 * const-qualified; a typedef of an inline or a named struct), or -1. */
static int record_of(const struct ast *a, const char *t, int depth)
{
	if (!t || depth > 4)
		return -1;
	if (!strncmp(t, "const ", 6))
		t += 6;
	const char *tag = !strncmp(t, "struct ", 7) ? t + 7 : NULL;
	for (size_t n = 0; n < a->nnodes; n++) {
		const struct ast_node *x = &a->nodes[n];
		if (!x->name || strcmp(x->name, tag ? tag : t))
			continue;
		if (tag && x->kind == AK_RECORD && x->nchild > 0)
			return (int)n;
		if (tag || x->kind != AK_TYPEDEF)
			continue;
		int c = ast_first(a, (int)n);
		if (c >= 0 && a->nodes[c].kind == AK_RECORD && a->nodes[c].nchild > 0)
			return c;
		if (c >= 0 && a->nodes[c].kind == AK_OTHER && a->nodes[c].name)
			return record_of(a, a->nodes[c].name, depth + 1);
	}
	return -1;
}

/* The field of record node rec at position i, or -1. */
static int field_at(const struct ast *a, int rec, int i)
{
	for (int c = rec >= 0 ? ast_first(a, rec) : -1; c >= 0; c = ast_next(a, c))
		if (a->nodes[c].kind == AK_FIELD && i-- == 0)
			return c;
	return -1;
}

/* The field a designated initializer (.allocate = f, .h.allocate = f) fills, or NULL: libclang
 * gives it as a void expression whose designators come before the value. */
static const char *designated_field(const struct ast *a, int c)
{
	if (a->nodes[c].kind != AK_UNEXPOSED || a->nodes[c].tclass != TC_VOID)
		return NULL;
	const char *field = NULL;
	int last = ast_last(a, c);
	for (int d = ast_first(a, c); d >= 0 && d != last; d = ast_next(a, d))
		if (a->nodes[d].kind == AK_OTHER && a->nodes[d].name)
			field = a->nodes[d].name;
	return field;
}

/* A hook's function: f, &f, (cast)f. */
static int hook_of(const struct ast *a, int v)
{
	v = ast_strip(a, v);
	while (v >= 0 && a->nodes[v].kind == AK_UNARY && is_op(&a->nodes[v], "&"))
		v = ast_strip(a, ast_last(a, v));
	return v;
}

/* Function hook (a DECLREF) installed in field `field` at node at: checked as the field rule's
 * kind when the sources hold its body. */
static int check_hook(struct rchk *k, const struct ast *a, int hook, const char *field, int at,
                      struct err *e)
{
	const struct rule_alloc *ra = field ? rules_find_field(k->r, field) : NULL;
	hook = hook_of(a, hook);
	int d = hook >= 0 && a->nodes[hook].kind == AK_DECLREF ? a->nodes[hook].decl : -1;
	if (!ra || d < 0 || a->decls[d].kind != DK_FUNC || !a->decls[d].name)
		return 0;
	const struct strmap_ent *en = strmap_find(&k->byname, a->decls[d].name);
	if (!en)
		return 0;
	const struct def *df = &k->defs[en->val];
	int why_at = -1;
	char *why = mismatch(k, ra->kind, df->a, df->node, &why_at);
	if (!why)
		return 0;
	char *rel = fs_relpath_cwd(a->files[a->nodes[at].file].path);
	int rc = err_set(e, ERR_INPUT, rel, a->nodes[at].line, a->nodes[at].col,
	                 "rule {\"field\": \"%s\", \"kind\": \"%s\"} (%s): '%s', installed here, "
	                 "does not fit: %s",
	                 field, rules_kind_name(ra->kind), ra->origin ? ra->origin : "rules",
	                 a->decls[d].name, why);
	free(rel);
	free(why);
	return rc;
}

/* One level of pointer or array taken off type spelling t ("struct hooks *const" -> "struct
 * hooks", "struct hooks[2]" -> "struct hooks"), in buf; NULL when t is neither. */
static const char *type_deref(const char *t, char *buf, size_t cap)
{
	size_t l = t ? strlen(t) : 0;
	if (!l || l >= cap)
		return NULL;
	memmove(buf, t, l + 1);
	for (int pass = 0; pass < 2; pass++) {
		while (l && buf[l - 1] == ' ')
			buf[--l] = 0;
		if (l >= 5 && !strcmp(buf + l - 5, "const"))
			buf[l -= 5] = 0;
	}
	char *cut = l && buf[l - 1] == ']'   ? strrchr(buf, '[')
	            : l && buf[l - 1] == '*' ? buf + l - 1
	                                     : NULL;
	if (!cut)
		return NULL;
	for (*cut = 0; cut > buf && cut[-1] == ' ';)
		*--cut = 0;
	return buf;
}

/* The type spelling of what expression n designates after `deref` dereferences (`*h`,
 * `profiles[i]`, `&H` with deref 1), in buf; NULL where the expression does not show it. */
static const char *type_of(const struct ast *a, int n, int deref, char *buf, size_t cap)
{
	int s = ast_strip(a, n);
	if (s < 0 || deref > 4)
		return NULL;
	const struct ast_node *x = &a->nodes[s];
	if (x->kind == AK_UNARY && is_op(x, "*"))
		return type_of(a, ast_last(a, s), deref + 1, buf, cap);
	if (x->kind == AK_UNARY && is_op(x, "&"))
		return deref > 0 ? type_of(a, ast_last(a, s), deref - 1, buf, cap) : NULL;
	if (x->kind == AK_SUBSCRIPT)
		return type_of(a, ast_first(a, s), deref + 1, buf, cap);
	if ((x->kind != AK_DECLREF && x->kind != AK_MEMBER && x->kind != AK_CALL) || x->decl < 0 ||
	    !a->decls[x->decl].type || strlen(a->decls[x->decl].type) >= cap)
		return NULL;
	const char *t = strcpy(buf, a->decls[x->decl].type);
	char tmp[256];
	for (int i = 0; i < deref && t; i++)
		t = type_deref(strcpy(tmp, t), buf, cap);
	return t;
}

/* Whether a structure of type t holds a field a field rule names, at any depth (arrays of
 * structures included): 1, each such rule marked in mark; 0 none (or no structure); -1 a
 * structure this unit does not show. */
static int rule_fields(const struct rchk *k, const struct ast *a, const char *t,
                       unsigned char *mark, int depth)
{
	char buf[256];
	while (t && *t && t[strlen(t) - 1] == ']')
		t = type_deref(t, buf, sizeof buf);
	size_t l = t ? strlen(t) : 0;
	if (!l || t[l - 1] == '*' || depth > 4)
		return 0;
	int rec = record_of(a, t, 0), found = 0, unseen = 0;
	if (rec < 0)
		return strstr(t, "struct ") || strstr(t, "union ") ? -1 : 0;
	for (int c = ast_first(a, rec); c >= 0; c = ast_next(a, c)) {
		const struct ast_node *f = &a->nodes[c];
		const struct rule_alloc *ra =
		    f->kind == AK_FIELD && f->name ? rules_find_field(k->r, f->name) : NULL;
		int sub = 0;
		if (ra)
			mark[ra - k->r->alloc] = found = 1;
		else if (f->kind == AK_FIELD && f->decl >= 0 &&
		         (a->decls[f->decl].tclass == TC_RECORD ||
		          a->decls[f->decl].tclass == TC_ARRAY))
			sub = rule_fields(k, a, a->decls[f->decl].type, mark, depth + 1);
		found |= sub > 0;
		unseen |= sub < 0;
	}
	return found ? 1 : unseen ? -1 : 0;
}

/*
 * A field a field rule names receives a value that names no function (`H.allocate =
 * hooks->malloc_fn`, a parameter, `H = *h`, `H = profiles[i]`, a compound literal, bytes copied
 * in): what it holds may be any function whose address the sources take with the type the
 * program calls the field with, and each such function is checked as the rule's kind. Checked
 * once per rule (the candidates do not depend on where the installation is); the first
 * installation is blamed.
 */
static int check_opaque(struct rchk *k, const struct rule_alloc *ra, const struct ast *a, int at,
                        struct err *e)
{
	if (k->opaque_done[ra - k->r->alloc])
		return 0;
	k->opaque_done[ra - k->r->alloc] = 1;
	const char *types[8];
	size_t nt = 0;
	for (size_t u = 0; u < k->nasts; u++) {
		const struct ast *b = k->asts[u];
		for (size_t n = 0; b && n < b->nnodes && nt < 8; n++) {
			const char *f = b->nodes[n].kind == AK_CALL && b->nodes[n].op
			                    ? called_field(b, (int)n)
			                    : NULL;
			size_t i = 0;
			while (f && !strcmp(f, ra->field) && i < nt &&
			       strcmp(types[i], b->nodes[n].op))
				i++;
			if (f && !strcmp(f, ra->field) && i == nt)
				types[nt++] = b->nodes[n].op;
		}
	}
	for (size_t i = 0; i < nt; i++) {
		const struct cand *c = NULL;
		int cat = -1;
		char *why = candidates_why(k, types[i], ra->kind, AS_KIND, 1, &c, &cat);
		if (!why)
			continue;
		char *m = candidate_msg(k, c, cat, why);
		char *rel = fs_relpath_cwd(a->files[a->nodes[at].file].path);
		int rc =
		    err_set(e, ERR_INPUT, rel, a->nodes[at].line, a->nodes[at].col,
		            "rule {\"field\": \"%s\", \"kind\": \"%s\"} (%s): what is installed "
		            "here names no function (a parameter, a load, a copy of a "
		            "structure), so the calls through '%s' may reach any function whose "
		            "address the sources take with their type '%s': %s",
		            ra->field, rules_kind_name(ra->kind), ra->origin ? ra->origin : "rules",
		            ra->field, types[i], m);
		free(rel);
		free(m);
		free(why);
		return rc;
	}
	return 0;
}

/* The value v stored in field `field` at node at: a function by name (check_hook), a null
 * pointer, either of a choice (`a ? a : malloc`), or anything else (check_opaque). */
static int check_installed(struct rchk *k, const struct ast *a, int v, const char *field, int at,
                           struct err *e)
{
	const struct rule_alloc *ra = field ? rules_find_field(k->r, field) : NULL;
	int s = ast_strip(a, v);
	if (!ra || s < 0 || is_zero(a, s) || a->nodes[s].kind == AK_INITLIST)
		return 0;
	if (a->nodes[s].kind == AK_COND) {
		int rc = 0;
		for (int c = ast_next(a, ast_first(a, s)); c >= 0 && !rc; c = ast_next(a, c))
			rc = check_installed(k, a, c, field, at, e);
		return rc;
	}
	int h = hook_of(a, s);
	if (h >= 0 && a->nodes[h].kind == AK_DECLREF && a->nodes[h].decl >= 0 &&
	    a->decls[a->nodes[h].decl].kind == DK_FUNC)
		return check_hook(k, a, s, field, at, e);
	return check_opaque(k, ra, a, at, e);
}

/* The hooks an initializer list installs: by designator at any depth, by position where the
 * variable's record is declared in this unit; a value that names no function is check_opaque's
 * (`struct hooks h = {u->malloc_fn, u->free_fn}`). */
static int check_initlist(struct rchk *k, const struct ast *a, int i, struct err *e)
{
	int v = a->nodes[i].parent;
	const char *t = v >= 0 && a->nodes[v].kind == AK_VAR && a->nodes[v].decl >= 0
	                    ? a->decls[a->nodes[v].decl].type
	                    : NULL;
	int rec = -2; /* looked up (a walk of the unit) at the first value that may be a hook */
	int rc = 0, pos = 0;
	for (int c = ast_first(a, i); c >= 0 && !rc; c = ast_next(a, c), pos++) {
		const char *field = designated_field(a, c);
		if (field) {
			rc = check_installed(k, a, ast_last(a, c), field, c, e);
			continue;
		}
		int s = ast_strip(a, c);
		if (!t || s < 0 || a->nodes[s].kind == AK_INTLIT || a->nodes[s].kind == AK_STRLIT ||
		    a->nodes[s].kind == AK_LITERAL || a->nodes[s].kind == AK_INITLIST)
			continue; /* data of a table: no function */
		if (rec == -2)
			rec = record_of(a, t, 0);
		int f = rec >= 0 ? field_at(a, rec, pos) : -1;
		if (f >= 0)
			rc = check_installed(k, a, c, a->nodes[f].name, c, e);
	}
	return rc;
}

/* A structure of type t written whole at node at (NULL: a type the expression does not show):
 * each rule field it holds is installed from what check_installed cannot see. */
static int check_record_store(struct rchk *k, const struct ast *a, const char *t, int at,
                              struct err *e)
{
	unsigned char *mark = xcalloc(k->r->nalloc + 1, 1);
	int has = t ? rule_fields(k, a, t, mark, 0) : -1, rc = 0;
	for (size_t i = 0; i < k->r->nalloc && !rc && has; i++)
		if (k->r->alloc[i].field && (has < 0 || mark[i]))
			rc = check_opaque(k, &k->r->alloc[i], a, at, e);
	free(mark);
	return rc;
}

/* Whether a variable's initializer (its last child) is an expression other than an
 * initializer list: not its type's reference, nor `{...}`. */
static int init_expr(const struct ast *a, int var)
{
	int l = ast_last(a, var), s = l >= 0 ? ast_strip(a, l) : -1;
	if (s < 0 || a->nodes[s].kind == AK_INITLIST)
		return 0;
	int il = ast_last(a, s);
	return a->nodes[s].kind != AK_OTHER || (il >= 0 && a->nodes[il].kind == AK_INITLIST);
}

/* A call that writes bytes into a structure holding rule fields: a copy (memcpy's "copy(N)")
 * into it or out of one into untyped memory, or a library function the effects table does not
 * describe given its address. */
static int check_call_store(struct rchk *k, const struct ast *a, int n, struct err *e)
{
	int d = callee_decl(a, n);
	const char *name = d >= 0 ? a->decls[d].name : NULL;
	if (!name || strmap_find(&k->byname, name))
		return 0;
	const struct eff_func *ef = rules_find_effect(k->r, name);
	int unknown = (!ef || ef->unknown) && cg_library_decl(a, d, k->r);
	int rc = 0;
	char buf[256];
	for (int i = 0; i < ast_call_nargs(a, n) && !rc; i++) {
		int copy = ef && !ef->unknown && (unsigned)i < ef->np ? ef->p[i].copy : EFF_NONE;
		if (copy == EFF_NONE && !unknown)
			continue;
		int arg = ast_call_arg(a, n, i);
		const char *t = type_of(a, arg, 1, buf, sizeof buf);
		if (!t && copy != EFF_NONE && copy < ast_call_nargs(a, n))
			t = type_of(a, ast_call_arg(a, n, copy), 1, buf, sizeof buf);
		if (t)
			rc = check_record_store(k, a, t, n, e);
	}
	return rc;
}

/* What node i of a unit installs in a rule field, if anything. */
static int check_install_at(struct rchk *k, const struct ast *a, int i, struct err *e)
{
	const struct ast_node *x = &a->nodes[i];
	char buf[256];
	if (x->kind == AK_BINARY && is_op(x, "=")) {
		int l = ast_strip(a, ast_first(a, i));
		if (l >= 0 && a->nodes[l].kind == AK_MEMBER && a->nodes[l].name &&
		    rules_find_field(k->r, a->nodes[l].name))
			return check_installed(k, a, ast_next(a, ast_first(a, i)), a->nodes[l].name,
			                       i, e);
		if (x->tclass == TC_RECORD)
			return check_record_store(k, a, type_of(a, l, 0, buf, sizeof buf), i, e);
	} else if (x->kind == AK_INITLIST) {
		return check_initlist(k, a, i, e);
	} else if (x->kind == AK_VAR && x->decl >= 0 && a->decls[x->decl].tclass == TC_RECORD &&
	           init_expr(a, i)) {
		return check_record_store(k, a, a->decls[x->decl].type, i, e);
	} else if (x->kind == AK_UNARY && is_op(x, "&")) {
		int m = ast_strip(a, ast_last(a, i));
		const struct rule_alloc *ra =
		    m >= 0 && a->nodes[m].kind == AK_MEMBER && a->nodes[m].name
		        ? rules_find_field(k->r, a->nodes[m].name)
		        : NULL;
		return ra ? check_opaque(k, ra, a, i, e) : 0;
	} else if (x->kind == AK_CALL) {
		return check_call_store(k, a, i, e);
	}
	return 0;
}

/*
 * The functions the program installs in a field a field rule names are allocators of that kind
 * as much as a name rule's function: `H.allocate = my_alloc`, `{.allocate = my_alloc}` (in any
 * initializer or compound literal), `static hooks_t H = {my_alloc, my_free}` (a record this
 * unit declares). A hook that counts its calls loses the calls an arena takes over. What is
 * installed from a value that names no function is any function of the sources whose address
 * is taken with the field's type (check_opaque). Hooks a library's user installs from code
 * outside the sources are the rule's assertion.
 */
static int check_hooks(struct rchk *k, struct err *e)
{
	int rc = 0;
	for (size_t u = 0; u < k->nasts && !rc; u++) {
		const struct ast *a = k->asts[u];
		for (size_t i = 0; a && i < a->nnodes && !rc; i++)
			if (!(a->nodes[i].flags & AF_SYSHDR))
				rc = check_install_at(k, a, (int)i, e);
	}
	return rc;
}

/* The functions of the sources whose address is taken, with a converted definition, once
 * each (the first mention taking it). */
static void collect_cands(struct rchk *k)
{
	struct strmap once = STRMAP_INIT;
	for (size_t u = 0; u < k->nasts; u++) {
		const struct ast *a = k->asts[u];
		for (size_t n = 0; a && n < a->nnodes; n++) {
			const struct ast_node *x = &a->nodes[n];
			const struct ast_decl *d =
			    x->kind == AK_DECLREF && x->decl >= 0 ? &a->decls[x->decl] : NULL;
			if (!d || d->kind != DK_FUNC || !d->name || !d->ftype ||
			    (x->flags & AF_SYSHDR) || !strmap_find(&k->byname, d->name) ||
			    strmap_find(&once, d->name) || cg_ref_use(a, (int)n) != CG_REF_ADDR)
				continue;
			strmap_put(&once, d->name, 1);
			GROW(k->cands, k->ncands, k->ccap);
			k->cands[k->ncands++] = (struct cand){d->name, d->ftype, a, (int)n};
		}
	}
	strmap_free(&once);
}

static void rchk_init(struct rchk *k, struct ast *const *asts, size_t n, const struct rules *r)
{
	memset(k, 0, sizeof(*k));
	k->r = r;
	k->asts = asts;
	k->nasts = n;
	k->opaque_done = xcalloc(r->nalloc + 1, 1);
}

static void rchk_free(struct rchk *k)
{
	strmap_free(&k->byname);
	strmap_free_keys(&k->seen);
	free(k->defs);
	free(k->cands);
	free(k->opaque_done);
}

int rulecheck_run(struct ast *const *asts, size_t n, const struct rules *r, struct err *e)
{
	struct rchk k;
	rchk_init(&k, asts, n, r);
	struct strmap want = STRMAP_INIT;
	struct best *best = xcalloc(r->nalloc + 1, sizeof(*best));
	for (size_t i = 0; i < r->nalloc; i++) {
		best[i].rank = -1;
		if (r->alloc[i].name)
			strmap_put(&want, r->alloc[i].name, (int)i);
	}
	collect(&k, asts, n, &want, best);
	collect_cands(&k);
	int rc = 0;
	for (size_t i = 0; i < r->nalloc && !rc; i++)
		if (best[i].rank >= 0)
			rc = check_one(&k, &r->alloc[i], best[i].a, best[i].node, e);
	int fields = 0;
	for (size_t i = 0; i < r->nalloc; i++)
		fields |= r->alloc[i].field != NULL;
	if (!rc && fields)
		rc = check_hooks(&k, e);
	strmap_free(&want);
	rchk_free(&k);
	free(best);
	return rc;
}

/* ---- wrappers found in the source (--profile's hints) ---------------------------------------- */

/* The kind whose wrapper converted definition d is, or RK__COUNT: it returns fresh memory of
 * an allocator (directly or through functions of the sources, a tail call or not) and every
 * check of a `name` rule of that kind passes. */
static int wrapper_kind(struct rchk *k, struct def *d, int depth);

/* Whether d's body calls an allocator of kind `kind`: a rule's, or a wrapper of the sources
 * (depth bounds the chain of wrappers followed). */
static int calls_kind(struct rchk *k, struct def *d, enum rule_kind kind, int depth)
{
	int end = d->node + d->a->nodes[d->node].size;
	for (int c = d->node + 1; c <= end; c++) {
		const struct ast_node *x = &d->a->nodes[c];
		if (x->kind != AK_CALL || !x->name)
			continue;
		const struct rule_alloc *ra = rules_find_alloc(k->r, x->name);
		if (ra && ra->kind == kind)
			return 1;
		const struct strmap_ent *ce = ra ? NULL : strmap_find(&k->byname, x->name);
		if (ce && &k->defs[ce->val] != d && depth > 0 &&
		    wrapper_kind(k, &k->defs[ce->val], depth - 1) == (int)kind)
			return 1;
	}
	return 0;
}

/* A wrapper replaced by the runtime's function of its kind must do what that function does:
 * its shape, every check of a `name` rule, and a call of an allocator of that very kind (a
 * calloc under a malloc-shaped wrapper zeroes memory arena_malloc would not). */
static int wrapper_kind(struct rchk *k, struct def *d, int depth)
{
	static const enum rule_kind kinds[] = {RK_MALLOC, RK_CALLOC, RK_REALLOC, RK_STRDUP,
	                                       RK_STRNDUP};
	if (!(def_returns(k, d) & V_ALLOC) || (d->ret & V_INTERIOR))
		return RK__COUNT;
	for (size_t i = 0; i < sizeof(kinds) / sizeof(*kinds); i++) {
		int at = -1;
		char *why = mismatch(k, kinds[i], d->a, d->node, &at);
		free(why);
		if (!why && calls_kind(k, d, kinds[i], depth))
			return (int)kinds[i];
	}
	return RK__COUNT;
}

void rulecheck_wrapper(struct ast *const *asts, size_t n, const struct rules *r, const char *name,
                       struct rulecheck_wrap *w)
{
	struct rchk k;
	rchk_init(&k, asts, n, r);
	struct strmap want = STRMAP_INIT;
	struct best best = {NULL, -1, -1};
	w->kind = w->via_kind = RK__COUNT;
	w->via = NULL;
	strmap_put(&want, name, 0);
	collect(&k, asts, n, &want, &best);
	collect_cands(&k);
	const struct strmap_ent *en = strmap_find(&k.byname, name);
	if (en) {
		struct def *d = &k.defs[en->val];
		w->kind = wrapper_kind(&k, d, 4);
		int end = d->node + d->a->nodes[d->node].size;
		for (int c = d->node + 1; c <= end && !w->via; c++) {
			const struct ast_node *x = &d->a->nodes[c];
			/* A wrapper the rules know is no news. */
			const struct strmap_ent *ce =
			    x->kind == AK_CALL && x->name && !rules_find_alloc(r, x->name)
			        ? strmap_find(&k.byname, x->name)
			        : NULL;
			int ck = ce && ce->val != en->val ? wrapper_kind(&k, &k.defs[ce->val], 4)
			                                  : RK__COUNT;
			if (ck != RK__COUNT) {
				w->via = xstrdup(x->name);
				w->via_kind = ck;
			}
		}
	}
	strmap_free(&want);
	rchk_free(&k);
}
