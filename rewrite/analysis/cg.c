#include "cg.h"
#include "front.h"
#include "mem.h"
#include "rtapi.h"
#include "rules.h"
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

void cg_init(struct cg *g)
{
	memset(g, 0, sizeof(*g));
}

void cg_free(struct cg *g)
{
	for (size_t i = 0; i < g->n; i++) {
		free(g->v[i].usr);
		free(g->v[i].name);
		free(g->v[i].file);
		free(g->v[i].callees);
	}
	free(g->v);
	strmap_free(&g->index);
	memset(g, 0, sizeof(*g));
}

int cg_find(const struct cg *g, const char *usr)
{
	const struct strmap_ent *e = strmap_find(&g->index, usr);
	return e ? e->val : -1;
}

static int get(struct cg *g, const char *usr, const char *name)
{
	int i = cg_find(g, usr);
	if (i >= 0)
		return i;
	GROW(g->v, g->n, g->cap);
	struct cg_func *f = &g->v[g->n];
	memset(f, 0, sizeof(*f));
	f->usr = xstrdup(usr);
	f->name = xstrdup(name ? name : "");
	strmap_put(&g->index, f->usr, (int)g->n); /* the key lives in g->v[i].usr */
	return (int)g->n++;
}

static void add_edge(struct cg *g, int from, int to)
{
	struct cg_func *f = &g->v[from];
	for (size_t i = 0; i < f->ncallees; i++)
		if (f->callees[i] == to)
			return;
	GROW(f->callees, f->ncallees, f->callees_cap);
	f->callees[f->ncallees++] = to;
}

static void define(struct cg *g, int i, const char *file, unsigned line)
{
	if (g->v[i].defined)
		return;
	g->v[i].defined = 1;
	g->v[i].file = xstrdup(file);
	g->v[i].line = line;
}

/* The function a call calls by name, or -1 (a call through a pointer). The rewrite's
 * `((void)xmalloc, arena_alloc)(&arena, n)` calls arena_alloc: the operand after the comma. */
static int called_decl(const struct ast *a, int call)
{
	const struct ast_node *x = &a->nodes[call];
	int d = x->decl;
	if (d < 0) {
		int cs = ast_strip(a, ast_call_callee(a, call));
		const struct ast_node *c = cs >= 0 ? &a->nodes[cs] : NULL;
		if (c && c->kind == AK_BINARY && c->op && !strcmp(c->op, ",") && c->nchild == 2) {
			int r = ast_strip(a, ast_child(a, cs, 1));
			d = r >= 0 && a->nodes[r].kind == AK_DECLREF ? a->nodes[r].decl : -1;
		}
	}
	return d >= 0 && a->decls[d].kind == DK_FUNC && a->decls[d].usr ? d : -1;
}

int cg_compiler_builtin(const char *name)
{
	return name && (!strncmp(name, "__builtin_", 10) || !strncmp(name, "__atomic_", 9) ||
	                !strncmp(name, "__sync_", 7));
}

int cg_library_decl(const struct ast *a, int d, const struct rules *r)
{
	const struct ast_decl *x = &a->decls[d];
	if (x->flags & DF_SYSTEM)
		return 1;
	return r && x->name && !(x->flags & DF_DEFINED) && rules_find_effect(r, x->name);
}

/*
 * Whether argument i of call n, to library function d, may hand the library function pointers
 * of the program's that it calls later. libc calls back only what it is given as a function
 * or finds in a structure its own headers declare (cg_to_library), so its described entries
 * hand over nothing else. A function the table leaves unknown, or a project's own library
 * (its structures are declared in headers the run reads as the program's), may call any
 * function pointer it finds in the memory it is given: a structure, or an untyped pointer.
 */
static int objects_to_library(const struct ast *a, int n, int d, int i, const struct rules *r)
{
	int arg = ast_call_arg(a, n, i);
	if (arg < 0 || a->nodes[arg].tclass != TC_PTR)
		return 0;
	unsigned char pt = a->nodes[arg].ptclass;
	if (pt != TC_RECORD && pt != TC_VOID && pt != TC_PTR && pt != TC_FUNCPTR)
		return 0;
	const struct eff_func *ef = r ? rules_find_effect(r, a->decls[d].name) : NULL;
	return !ef || ef->unknown || !(a->decls[d].flags & DF_SYSTEM);
}

int cg_objects_to_library(const struct ast *a, int n, const struct rules *r)
{
	int d = called_decl(a, n);
	if (d < 0 || !cg_library_decl(a, d, r) || rtapi_find(a->decls[d].name) ||
	    cg_compiler_builtin(a->decls[d].name))
		return 0;
	for (int i = 0; i < ast_call_nargs(a, n); i++)
		if (objects_to_library(a, n, d, i, r))
			return 1;
	return 0;
}

/* Whether call n goes through a member a field rule names (`m->free(p)`): the rewrite makes it
 * ownership-aware (`arena_free_with(m->free, p)`) wherever arena memory may reach it. */
static int field_rule_call(const struct ast *a, int n, const struct rules *r)
{
	int cs = ast_strip(a, ast_call_callee(a, n));
	return r && cs >= 0 && a->nodes[cs].kind == AK_MEMBER && a->nodes[cs].name &&
	       rules_find_field(r, a->nodes[cs].name);
}

/* Whether call n calls an allocator (d: its declaration, -1 through a pointer). */
static int allocating_call(const struct ast *a, int n, int d, const struct rules *r)
{
	if (!r)
		return 1;
	const struct rule_alloc *ra = NULL;
	if (d >= 0) {
		const struct rt_func *rf = rtapi_find(a->decls[d].name);
		if (rf)
			return rf->role == RT_ALLOC || rf->role == RT_CUR_ALLOC ||
			       rf->role == RT_RESIZE_ANY;
		ra = rules_find_alloc(r, a->decls[d].name);
	} else {
		int cs = ast_strip(a, ast_call_callee(a, n));
		if (cs >= 0 && a->nodes[cs].kind == AK_MEMBER && a->nodes[cs].name)
			ra = rules_find_field(r, a->nodes[cs].name);
	}
	return ra && ra->kind != RK_FREE && ra->kind != RK_RELEASE;
}

/*
 * A library function that calls a function it is given (qsort's compar, a thread's start: the
 * effects table's call/later): the caller reaches that function, as if it called it, or every
 * address-taken function when the argument is a pointer variable.
 */
static void callback_edges(struct cg *g, int cur, const struct ast *a, int n, int d,
                           const struct rules *r)
{
	const struct eff_func *ef = r && d >= 0 ? rules_find_effect(r, a->decls[d].name) : NULL;
	for (unsigned i = 0; ef && !ef->unknown && i < ef->np; i++) {
		if (ef->p[i].call == EC_NONE)
			continue;
		int arg = ast_strip(a, ast_call_arg(a, n, (int)i));
		if (arg < 0 || a->nodes[arg].kind == AK_INTLIT)
			continue;
		int f = a->nodes[arg].kind == AK_DECLREF ? a->nodes[arg].decl : -1;
		if (f >= 0 && a->decls[f].kind == DK_FUNC && a->decls[f].usr)
			add_edge(g, cur, get(g, a->decls[f].usr, a->decls[f].name));
		else
			g->v[cur].indirect = g->v[cur].indirect_raw = 1;
	}
}

/* The callback kinds that do not run inside a later call into the library: call() runs
 * during its call (an edge of its caller, callback_edges), thread() on a thread whose arenas
 * are its own, atexit() at exit (the escape analysis' exit rule). */
static int runs_elsewhere(const struct eff_func *ef, int i)
{
	if (!ef || ef->unknown || i < 0 || (unsigned)i >= ef->np)
		return 0;
	unsigned char k = ef->p[i].call;
	return k == EC_NOW || k == EC_THREAD || k == EC_EXIT;
}

/* The position among call's arguments of its child node `arg`. */
static int arg_index(const struct ast *a, int call, int arg)
{
	int i = 0;
	for (int c = ast_next(a, ast_first(a, call)); c >= 0 && c != arg; c = ast_next(a, c))
		i++;
	return i;
}

/* The declaration of the library function (cg_library_decl) whose call takes the function reference
 * n as an argument, with its index there; -1 when none does. */
static int passed_to_library(const struct ast *a, int n, const struct rules *r, int *idx)
{
	int child = n, p = a->nodes[n].parent;
	while (p >= 0 && (a->nodes[p].kind == AK_UNEXPOSED || a->nodes[p].kind == AK_PAREN ||
	                  a->nodes[p].kind == AK_CAST)) {
		child = p;
		p = a->nodes[p].parent;
	}
	if (p < 0 || a->nodes[p].kind != AK_CALL || ast_first(a, p) == child)
		return -1;
	int d = called_decl(a, p);
	if (d < 0 || !cg_library_decl(a, d, r))
		return -1;
	*idx = arg_index(a, p, child);
	return d;
}

int cg_exit_handler(const struct ast *a, int n, const struct rules *r)
{
	int i, d = passed_to_library(a, n, r, &i);
	const struct eff_func *ef = d >= 0 && r ? rules_find_effect(r, a->decls[d].name) : NULL;
	return ef && !ef->unknown && i >= 0 && (unsigned)i < ef->np && ef->p[i].call == EC_EXIT;
}

/* Whether assigning to l hands the library what is assigned: a variable a system header
 * declares (glibc's error_print_progname, argp_program_version_hook), a member of a structure
 * one declares, or, for a compound literal holding the function (`inits`), a variable or
 * member of such a structure's type, or a place of a structure type the node does not name. */
static int assigned_to_library(const struct ast *a, int l, int inits)
{
	if (l < 0)
		return 0;
	const struct ast_node *x = &a->nodes[l];
	int d = (x->kind == AK_MEMBER || x->kind == AK_DECLREF) ? x->decl : -1;
	if (d >= 0 && (a->decls[d].flags & DF_SYSTEM) &&
	    (a->decls[d].kind == DK_FIELD || a->decls[d].kind == DK_VAR))
		return 1;
	if (!inits)
		return 0;
	return d >= 0 ? (a->decls[d].flags & DF_SYSREC) != 0 : x->tclass == TC_RECORD;
}

int cg_to_library(const struct ast *a, int n, const struct rules *r)
{
	int child = n, p = a->nodes[n].parent, inits = 0;
	for (; p >= 0; child = p, p = a->nodes[p].parent) {
		const struct ast_node *x = &a->nodes[p];
		if (x->kind == AK_INITLIST)
			inits = 1;
		else if (!(x->kind == AK_UNEXPOSED || x->kind == AK_PAREN || x->kind == AK_CAST ||
		           (x->kind == AK_UNARY && x->op && !strcmp(x->op, "&")) ||
		           (inits && x->kind == AK_OTHER))) /* a compound literal */
			break;
	}
	if (p < 0)
		return 0;
	const struct ast_node *x = &a->nodes[p];
	if (x->kind == AK_VAR)
		return inits && x->decl >= 0 && (a->decls[x->decl].flags & DF_SYSREC);
	if (x->kind == AK_BINARY && x->op && !strcmp(x->op, "=") && ast_first(a, p) != child)
		return assigned_to_library(a, ast_strip(a, ast_first(a, p)), inits);
	if (x->kind != AK_CALL || ast_first(a, p) == child)
		return inits; /* an initializer going where this walk does not follow */
	int d = called_decl(a, p);
	if (d < 0 || !cg_library_decl(a, d, r) || rtapi_find(a->decls[d].name))
		return 0;
	return !runs_elsewhere(r ? rules_find_effect(r, a->decls[d].name) : NULL,
	                       arg_index(a, p, child));
}

int cg_pointer_to_library(const struct ast *a, int n, const struct rules *r)
{
	const struct ast_node *x = &a->nodes[n];
	if (x->tclass != TC_FUNCPTR)
		return 0;
	int p = x->parent;
	if (p >= 0 && (a->nodes[p].kind == AK_UNEXPOSED || a->nodes[p].kind == AK_PAREN ||
	               a->nodes[p].kind == AK_CAST))
		return 0; /* judged at the outermost conversion */
	int s = ast_strip(a, n);
	if (s < 0 || a->nodes[s].kind == AK_INTLIT ||
	    (a->nodes[s].kind == AK_DECLREF && a->nodes[s].decl >= 0 &&
	     a->decls[a->nodes[s].decl].kind == DK_FUNC))
		return 0; /* a null pointer, or a function's name (cg_to_library) */
	return cg_to_library(a, n, r);
}

int cg_by_name_call(const struct ast *a, int n, const struct rules *r)
{
	int d = called_decl(a, n);
	const struct eff_func *ef =
	    r && d >= 0 && cg_library_decl(a, d, r) ? rules_find_effect(r, a->decls[d].name) : NULL;
	return ef && !ef->unknown && ef->result_symbol;
}

void cg_add_ast(struct cg *g, const struct ast *a, const struct rules *r)
{
	int cur = -1, cur_end = -1;
	for (size_t n = 0; n < a->nnodes; n++) {
		const struct ast_node *x = &a->nodes[n];
		if ((int)n > cur_end)
			cur = -1;
		if (x->parent < 0 && x->kind == AK_FUNC && (x->flags & AF_DEFINITION) &&
		    !(x->flags & AF_SYSHDR) && x->decl >= 0 && a->decls[x->decl].usr) {
			cur = get(g, a->decls[x->decl].usr, x->name);
			cur_end = (int)n + x->size;
			define(g, cur, a->files[x->file].path, x->line);
			g->v[cur].exported |= !(a->decls[x->decl].flags & DF_STATIC);
			continue;
		}
		if ((x->flags & AF_CLEANUP) && x->decl >= 0 && cur >= 0 && a->decls[x->decl].usr) {
			/* __attribute__((cleanup(f))): the function calls f when the variable goes
			 */
			add_edge(g, cur, get(g, a->decls[x->decl].usr, a->decls[x->decl].name));
			continue;
		}
		if (x->kind == AK_CALL && cur >= 0) {
			int d = called_decl(a, (int)n);
			if (!g->v[cur].allocs && allocating_call(a, (int)n, d, r))
				g->v[cur].allocs = 1;
			if (d >= 0) {
				add_edge(g, cur, get(g, a->decls[d].usr, a->decls[d].name));
				if (cg_library_decl(a, d, r)) {
					const struct eff_func *ef =
					    r ? rules_find_effect(r, a->decls[d].name) : NULL;
					callback_edges(g, cur, a, (int)n, d, r);
					g->v[cur].calls_library = 1;
					g->v[cur].calls_exit |=
					    ef && !ef->unknown && ef->exits == EX_EXIT;
					g->by_name |= cg_by_name_call(a, (int)n, r);
					g->to_library_all |= cg_objects_to_library(a, (int)n, r);
				}
			} else {
				g->v[cur].indirect = 1;
				g->v[cur].indirect_raw |= !field_rule_call(a, (int)n, r);
			}
		} else if (x->tclass == TC_FUNCPTR && !g->to_library_all &&
		           cg_pointer_to_library(a, (int)n, r)) {
			g->to_library_all = 1;
		}
		if (x->kind == AK_DECLREF && x->decl >= 0 && a->decls[x->decl].kind == DK_FUNC &&
		    a->decls[x->decl].usr) {
			/* Address taken: in a body or in a global initializer (dispatch tables). */
			enum cg_ref use = cg_ref_use(a, (int)n);
			if (use == CG_REF_NONE || (use == CG_REF_CALL && cur < 0))
				continue;
			int f = get(g, a->decls[x->decl].usr, x->name); /* may move g->v */
			if (use == CG_REF_CALL) {
				add_edge(g, cur, f);
			} else {
				g->v[f].addr_taken = 1;
				g->v[f].to_library |= cg_to_library(a, (int)n, r);
				g->v[f].at_exit |= cg_exit_handler(a, (int)n, r);
			}
		}
	}
}

enum cg_ref cg_ref_use(const struct ast *a, int n)
{
	int child = n, p = a->nodes[n].parent;
	while (p >= 0 && (a->nodes[p].kind == AK_UNEXPOSED || a->nodes[p].kind == AK_PAREN ||
	                  (a->nodes[p].kind == AK_CAST && a->nodes[p].tclass != TC_VOID))) {
		child = p;
		p = a->nodes[p].parent;
	}
	if (p < 0)
		return CG_REF_ADDR;
	const struct ast_node *x = &a->nodes[p];
	if (x->kind == AK_CAST)
		return CG_REF_NONE; /* (void)f */
	if (x->kind != AK_CALL)
		return CG_REF_ADDR;
	if (ast_first(a, p) == child)
		return CG_REF_CALL; /* f(...) */
	const struct rt_func *rf = x->name ? rtapi_find(x->name) : NULL;
	return rf && rf->hook_arg >= 0 && ast_call_arg(a, p, rf->hook_arg) == child ? CG_REF_CALL
	                                                                            : CG_REF_ADDR;
}

void cg_merge(struct cg *dst, const struct cg *src)
{
	for (size_t i = 0; i < src->n; i++) {
		const struct cg_func *s = &src->v[i];
		int d = get(dst, s->usr, s->name);
		if (s->defined)
			define(dst, d, s->file, s->line);
		dst->v[d].indirect |= s->indirect;
		dst->v[d].addr_taken |= s->addr_taken;
		dst->v[d].allocs |= s->allocs;
		dst->v[d].indirect_raw |= s->indirect_raw;
		dst->v[d].to_library |= s->to_library;
		dst->v[d].calls_library |= s->calls_library;
		dst->v[d].at_exit |= s->at_exit;
		dst->v[d].calls_exit |= s->calls_exit;
		dst->v[d].exported |= s->exported;
	}
	dst->by_name |= src->by_name;
	dst->to_library_all |= src->to_library_all;
	for (size_t i = 0; i < src->n; i++) {
		const struct cg_func *s = &src->v[i];
		int d = cg_find(dst, s->usr);
		for (size_t k = 0; k < s->ncallees; k++)
			add_edge(dst, d, cg_find(dst, src->v[s->callees[k]].usr));
	}
}

void cg_reach(const struct cg *g, const int *starts, size_t nstarts, const unsigned char *stop,
              unsigned char *mark, int *via)
{
	int *queue = xmalloc((g->n + 1) * sizeof(int));
	size_t head = 0, tail = 0;
	int indirect_done = 0, library_done = 0, exit_done = 0;
	for (size_t i = 0; i < nstarts; i++) {
		if (starts[i] < 0 || mark[starts[i]])
			continue;
		mark[starts[i]] = 1;
		if (via)
			via[starts[i]] = -1;
		queue[tail++] = starts[i];
	}
	while (head < tail) {
		int f = queue[head++];
		if (stop && stop[f])
			continue;
		const struct cg_func *fn = &g->v[f];
		for (size_t k = 0; k < fn->ncallees; k++) {
			int c = fn->callees[k];
			if (!mark[c]) {
				mark[c] = 1;
				if (via)
					via[c] = f;
				queue[tail++] = c;
			}
		}
		/* The first indirect call reaches every function whose address is taken (or that
		 * dlsym may find); the first call into the library, every one handed to it; the
		 * first call of exit(), every exit handler. */
		int reach_addr = fn->indirect && !indirect_done;
		int reach_lib = fn->calls_library && !library_done;
		int reach_exit = fn->calls_exit && !exit_done;
		indirect_done |= reach_addr;
		library_done |= reach_lib;
		exit_done |= reach_exit;
		for (size_t c = 0; (reach_addr || reach_lib || reach_exit) && c < g->n; c++) {
			const struct cg_func *t = &g->v[c];
			int by_addr = t->addr_taken || (g->by_name && t->exported);
			int by_lib = t->to_library || (g->to_library_all && t->addr_taken) ||
			             (g->by_name && t->exported);
			if (mark[c] || !((reach_addr && by_addr) || (reach_lib && by_lib) ||
			                 (reach_exit && t->at_exit)))
				continue;
			mark[c] = 1;
			if (via)
				via[c] = f;
			queue[tail++] = (int)c;
		}
	}
	free(queue);
}

int cg_sets_intern(struct cg_sets *s, const int *ids, size_t n)
{
	int created = 0;
	struct strmap_ent *e =
	    strmap_putb_dup(&s->index, ids, n * sizeof(*ids), (int)s->n, &created);
	if (!created)
		return e->val;
	GROW(s->v, s->n, s->cap);
	s->v[s->n].v = xmalloc((n + 1) * sizeof(*ids));
	memcpy(s->v[s->n].v, ids, n * sizeof(*ids));
	s->v[s->n].n = n;
	return (int)s->n++;
}

void cg_sets_free(struct cg_sets *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].v);
	free(s->v);
	free(s->of);
	strmap_free_keys(&s->index);
	memset(s, 0, sizeof(*s));
}
