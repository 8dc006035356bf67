/*
 * esc_rule: the rule ids and their texts (one table), positions of nodes, and the findings a
 * walk reports. Internals in esc_int.h.
 */
#include "esc_int.h"
#include "mem.h"
#include "rtapi.h"
#include "sbuf.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

void esc_line_col(const struct ast_file *fl, unsigned off, unsigned *line, unsigned *col)
{
	unsigned l = 1, c = 1;
	if (off > fl->len)
		off = (unsigned)fl->len;
	for (unsigned i = 0; i < off; i++) {
		if (fl->text[i] == '\n') {
			l++;
			c = 1;
		} else {
			c++;
		}
	}
	*line = l;
	*col = c;
}

static void pos_of(const struct ast *a, int n, struct esc_pos *p)
{
	const struct ast_node *x = &a->nodes[n];
	memset(p, 0, sizeof(*p));
	if (x->file < 0) {
		p->path = xstrdup(a->main_file);
		p->line = x->line;
		p->col = x->col;
		p->end_line = x->line;
		p->end_col = x->col;
		return;
	}
	const struct ast_file *fl = &a->files[x->file];
	p->path = xstrdup(fl->path);
	p->off = x->begin;
	p->end_off = x->end > x->begin ? x->end : x->begin;
	esc_line_col(fl, p->off, &p->line, &p->col);
	esc_line_col(fl, p->end_off, &p->end_line, &p->end_col);
	if (p->end_line == p->line && p->end_col <= p->col)
		p->end_col = p->col + 1;
}

/* Every rule: its id, a line, a paragraph and the fix ({...}: the runtime's names, rt_name). */
static const struct {
	const char *id, *brief, *full, *help;
} rules_t[ESC__NRULES] = {
    [ESC_RETURN] = {"arena-escape-return",
                    "Arena memory returned from the function that owns the arena",
                    "The function returns a pointer into an arena it owns (a local {type}, or "
                    "the arena a rewrite gives it). The arena is freed when the function "
                    "returns, so the caller gets a dangling pointer.",
                    "Copy the result out of the arena with {clone}()/{clone_str}(), or move "
                    "the arena's lifetime up to a caller (a hotspot `scope`), or allow it with "
                    "a comment `arena-lint: allow(arena-escape-return)` and a reason. See "
                    "docs/lint.md."},
    [ESC_GLOBAL] = {"arena-escape-global",
                    "Arena memory stored in a global, static or thread-local object",
                    "A pointer into a function-owned arena is stored in an object with static "
                    "or thread storage duration (or memory reached through one, such as the "
                    "result of an accessor returning the address of static storage). The "
                    "object outlives the arena.",
                    "Store a heap copy ({clone}()/{clone_str}()), or give the arena the "
                    "lifetime of the global (a global arena), or allow it with `arena-lint: "
                    "allow(arena-escape-global)` and a reason. See docs/lint.md."},
    [ESC_PARAM] = {"arena-escape-param",
                   "Arena memory stored through a parameter of the function that owns the arena",
                   "A pointer into an arena owned by this function is stored through one of "
                   "its parameters (*out = p, o->f = p, (*po)->f = p, slots[i] = p), so the "
                   "caller's memory keeps it after the arena is freed; or into an object it "
                   "did not allocate (one a callee returned or one read through a pointer), "
                   "which may outlive the arena.",
                   "Copy the value out with {clone}()/{clone_str}(), or move the arena's scope "
                   "up to the caller that owns the out-parameter (a hotspot `scope`), or allow "
                   "it with `arena-lint: allow(arena-escape-param)`. See docs/lint.md."},
    [ESC_CALL] = {"arena-escape-call", "Arena memory passed to a function that keeps it",
                  "A pointer into a function-owned arena is passed to a function that keeps "
                  "it beyond the call: a thread start (pthread_create, thrd_create), a "
                  "registration (atexit, signal, setvbuf, ...), a callback run later, or a "
                  "function whose body stores that argument into a global or through another "
                  "parameter.",
                  "Pass a heap copy ({clone}()), or keep the arena alive until the callee is "
                  "done with it (join the thread before the arena is freed; move the scope "
                  "up), or allow it with `arena-lint: allow(arena-escape-call)`. See "
                  "docs/lint.md."},
    [ESC_HEAP_FREE] = {"arena-heap-free",
                       "Arena memory given to the heap allocator (free, realloc, ...)",
                       "Arena memory is handed to a function only the heap allocator's memory "
                       "may reach: free(), realloc(), reallocarray(), getline()'s buffer, "
                       "malloc_usable_size(). They do not own it; the runtime's {free} and "
                       "{realloc} tell arena memory from heap memory, the plain functions "
                       "corrupt the heap.",
                       "Use {free}()/{realloc}() (the rewrite does this inside hotspots), or "
                       "make the function that frees part of the rewrite, or copy the value to "
                       "the heap first with {clone}(). See docs/lint.md."},
    [ESC_UAF] = {"arena-use-after-free", "Arena memory used after its arena was freed or reset",
                 "A pointer into an arena is used after {release}, {reset} or {destroy} of that "
                 "arena in the same function.",
                 "Move the release after the last use, or copy the value out with {clone}() "
                 "before the release. See docs/lint.md."},
    [ESC_UNKNOWN] = {"arena-escape-unknown",
                     "Arena memory reaches an operation whose effect is unknown",
                     "Arena memory (a pointer to it, or an object holding one) is passed to a "
                     "function the sources do not define and the effects table does not "
                     "describe, or through a pointer to a function that may be such a one. The "
                     "analysis cannot tell whether it keeps, frees or hands on the memory, so "
                     "it treats it as an escape (default deny).",
                     "Describe the function in an \"effects\" entry of a --rules file "
                     "(docs/rules.md: what it does with each pointer argument), add its source "
                     "to the run, or pass a copy ({clone}()). See docs/lint.md."},
    [ESC_HIDDEN] = {"arena-escape-hidden", "An arena pointer hidden from the analysis",
                    "A pointer into an arena is converted to an integer that is stored, "
                    "returned or passed, read through a union member of another type, or its "
                    "bytes are copied or written out (write, send, a byte loop). The analysis "
                    "can no longer follow it, so it may outlive the arena.",
                    "Keep arena pointers as pointers (a hash of the address is fine; storing "
                    "the address is not), or copy the memory out first with {clone}(), or allow "
                    "it with `arena-lint: allow(arena-escape-hidden)`. See docs/lint.md."},
    [ESC_NONLOCAL] = {"arena-escape-nonlocal",
                      "A non-local exit may leave a function while its arena is live",
                      "longjmp, siglongjmp or pthread_exit (directly, through a callee, or "
                      "through a pointer) may leave the function that owns an arena, or a "
                      "scope whose arena is pushed, without running its release: the arena "
                      "leaks and the scope stack is left pointing at a dead frame.",
                      "Move the arena (or the scope) above the setjmp that catches the jump, or "
                      "out of the thread that exits. See docs/lint.md."},
};

const char *esc_rule_id(enum esc_rule r)
{
	return r < ESC__NRULES ? rules_t[r].id : "arena-unknown";
}

enum esc_rule esc_rule_from_id(const char *id, size_t len)
{
	for (int r = 0; r < ESC__NRULES; r++)
		if (strlen(rules_t[r].id) == len && !strncmp(rules_t[r].id, id, len))
			return (enum esc_rule)r;
	return ESC__NRULES;
}

void fa_report(struct fa *f, enum esc_rule rule, int sev, int node, const struct taint *t,
               const char *msg)
{
	if (!f->report)
		return;
	struct esc_list *l = f->out;
	const struct ast *a = f->a;
	/* Loops are walked twice: one finding per node and rule, the worse severity. */
	for (size_t i = 0; i < l->n; i++) {
		struct esc_finding *g = &l->v[i];
		if (g->rule == rule && g->at.off == a->nodes[node].begin &&
		    a->nodes[node].file >= 0 &&
		    !strcmp(g->at.path, a->files[a->nodes[node].file].path)) {
			if (sev > g->severity)
				g->severity = sev;
			return;
		}
	}
	GROW(l->v, l->n, l->cap);
	struct esc_finding *g = &l->v[l->n++];
	memset(g, 0, sizeof(*g));
	g->rule = rule;
	g->severity = sev;
	pos_of(a, node, &g->at);
	if (t && t->site >= 0) {
		g->has_alloc = 1;
		pos_of(a, t->site, &g->alloc);
	}
	g->function = xstrdup(f->fname ? f->fname : "?");
	g->msg = xstrdup(msg);
}

int fa_severity(const struct fa *f, const struct taint *t)
{
	return t->level == L_DEF && !f->cond ? ESC_ERROR : ESC_WARNING;
}

const char *fa_param_name(const struct fa *f, uint32_t mask)
{
	for (int i = 0; i < f->nparams && i < MAXP; i++)
		if ((mask >> i) & 1u)
			return f->a->decls[f->params[i]].name;
	return "?";
}

void esc_finding_free(struct esc_finding *g)
{
	free(g->at.path);
	free(g->alloc.path);
	free(g->function);
	free(g->msg);
}

void esc_findings_free(struct esc_finding *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		esc_finding_free(&v[i]);
	free(v);
}

void esc_list_free(struct esc_list *l)
{
	esc_findings_free(l->v, l->n);
	memset(l, 0, sizeof(*l));
}

/* The runtime's names in the texts above, from its table: "{free}" -> its name, "{type}" ->
 * the arena's type. */
static const char *rt_name(const char *key, size_t len)
{
	static const struct {
		const char *key;
		enum rt_role role;
		int nth;
	} by_role[] = {{"clone", RT_CLONE, 0},
	               {"clone_str", RT_CLONE, 1},
	               {"reset", RT_RELEASE, 1},
	               {"destroy", RT_DESTROY, 0}};
	for (size_t i = 0; i < sizeof(by_role) / sizeof(*by_role); i++)
		if (strlen(by_role[i].key) == len && !strncmp(by_role[i].key, key, len))
			return rtapi_nth(by_role[i].role, by_role[i].nth);
	const struct rt_func *f = NULL;
	if (len == 4 && !strncmp(key, "free", 4))
		f = rtapi_call(RK_FREE, RS_LOCAL, 0);
	else if (len == 7 && !strncmp(key, "realloc", 7))
		f = rtapi_call(RK_REALLOC, RS_LOCAL, 0);
	else if (len == 7 && !strncmp(key, "release", 7))
		return rtapi_emit(RE_LOCAL_END);
	else if (len == 4 && !strncmp(key, "type", 4))
		return rtapi_arena_type();
	return f ? f->name : "?";
}

char *esc_text_with(const char *head, const char *tmpl)
{
	struct sbuf b = SBUF_INIT;
	const char *p = tmpl, *o;
	sb_adds(&b, head);
	while ((o = strchr(p, '{')) != NULL) {
		const char *c = strchr(o, '}');
		if (!c)
			break;
		sb_add(&b, p, (size_t)(o - p));
		sb_adds(&b, rt_name(o + 1, (size_t)(c - o - 1)));
		p = c + 1;
	}
	sb_adds(&b, p);
	return sb_detach(&b, NULL);
}

char *esc_text(const char *tmpl)
{
	return esc_text_with("", tmpl);
}

static char *rule_full[ESC__NRULES], *rule_help[ESC__NRULES];
static pthread_once_t texts_once = PTHREAD_ONCE_INIT;

static void make_texts(void)
{
	for (int r = 0; r < ESC__NRULES; r++) {
		rule_full[r] = esc_text(rules_t[r].full);
		rule_help[r] = esc_text(rules_t[r].help);
	}
}

const char *esc_rule_short(enum esc_rule r)
{
	return r < ESC__NRULES ? rules_t[r].brief : "";
}

const char *esc_rule_full(enum esc_rule r)
{
	pthread_once(&texts_once, make_texts);
	return r < ESC__NRULES ? rule_full[r] : "";
}

const char *esc_rule_help(enum esc_rule r)
{
	pthread_once(&texts_once, make_texts);
	return r < ESC__NRULES ? rule_help[r] : "";
}
