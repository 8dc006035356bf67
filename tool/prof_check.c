/*
 * prof_check: the rounds of analysis behind --profile's suggestions (see prof_check.h).
 */
#include "prof_check.h"
#include "analysis.h"
#include "err.h"
#include "mem.h"
#include "rewrite.h"
#include "rules.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#define PROF_CHECK_MAX_ROUNDS 64 /* a guard only: every round moves some candidate out */

static const char *level_scope(const struct prof_cand *c)
{
	return c->level >= 0 ? c->chain[c->level] : NULL;
}

/* The candidates in play as a hotspot list; idx[k] is the candidate of entry k. */
static int make_list(struct prof_cand *c, size_t n, size_t *idx, size_t *nidx, struct hotlist *hl,
                     struct err *e)
{
	cJSON *root = cJSON_CreateObject(), *arr = cJSON_AddArrayToObject(root, "hotspots");
	*nidx = 0;
	for (size_t i = 0; i < n; i++) {
		if (c[i].level == PROF_LEVEL_REFUSED)
			continue;
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "function", c[i].func);
		if (c[i].file)
			cJSON_AddStringToObject(o, "file", c[i].file);
		if (level_scope(&c[i]))
			cJSON_AddStringToObject(o, "scope", level_scope(&c[i]));
		cJSON_AddItemToArray(arr, o);
		idx[(*nidx)++] = i;
	}
	if (!*nidx) { /* nothing left to check: no list */
		cJSON_Delete(root);
		return 0;
	}
	char *text = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	int rc = hot_parse(hl, text, "<--profile candidates>", e);
	free(text);
	return rc;
}

static void refuse(struct prof_cand *c, const char *why)
{
	c->level = PROF_LEVEL_REFUSED;
	free(c->why);
	c->why = xstrdup(why);
}

/* Nothing to change in it: through a wrapper the sources show, say which rule to add. */
static void refuse_unchanged(struct prof_cand *c, const char *skipped)
{
	if (!c->via && skipped) {
		int macro = strstr(skipped, PLAN_MACRO_NEEDS_SCOPE) != NULL;
		char *msg = xasprintf("its allocation calls are left alone (%s): %s", skipped,
		                      macro ? "no caller of its chain can be its scope"
		                            : "list the wrapper they call as the hotspot, with a "
		                              "scope, instead");
		refuse(c, msg);
		free(msg);
		return;
	}
	if (!c->via) {
		refuse(c, "no allocation call the rewrite can change in it (calls spelled in "
		          "macros, or an allocator the rules do not know)");
		return;
	}
	const char *k = rules_kind_name((enum rule_kind)c->via_kind);
	char *msg = xasprintf("its allocations go through '%s', a %s wrapper the rules do not know "
	                      "(a tail call leaves no frame for it in an -O2 profile): add "
	                      "{\"name\": \"%s\", \"kind\": \"%s\"} to --rules",
	                      c->via, k, c->via, k);
	refuse(c, msg);
	free(msg);
}

/* Moves c one scope out, or refuses it with `why` past the end of its chain. */
static void move_out(struct prof_cand *c, const char *why)
{
	if (c->level + 1 < (int)c->nchain) {
		/* kept: should every scope above be defined nowhere (a thread's start_thread and
		 * clone), this is the reason the outermost one defined was refused */
		char *keep = why ? xstrdup(why) : NULL;
		free(c->why);
		c->why = keep;
		c->level++;
		return;
	}
	char *msg = xasprintf(
	    "%s%s", c->nchain ? "every scope of its chain refused; the outermost: " : "", why);
	refuse(c, msg);
	free(msg);
}

/* Entries defined nowhere (a library frame with debug information, a scope in another
 * program): the function is refused, a scope leaves the chain. 1 when something changed. */
static int drop_undefined(struct prof_cand *c, const size_t *idx, size_t nidx,
                          const unsigned char *und)
{
	int changed = 0;
	for (size_t k = 0; k < nidx; k++) {
		struct prof_cand *x = &c[idx[k]];
		if (und[k] == MODEL_UNDEF_FUNC) {
			refuse(x, "defined in none of the sources given (library code, or another "
			          "program's)");
			changed = 1;
		} else if (und[k] == MODEL_UNDEF_SCOPE) {
			memmove(&x->chain[x->level], &x->chain[x->level + 1],
			        (x->nchain - (size_t)x->level - 1) * sizeof(*x->chain));
			x->nchain--;
			if (x->level >= (int)x->nchain)
				move_out(
				    x, x->why ? x->why
				              : "no scope of its chain is defined in the sources");
			changed = 1;
		}
	}
	return changed;
}

/* Applies one round's verdicts; 1 when some candidate changed. */
static int apply(struct prof_cand *c, const size_t *idx, size_t nidx, struct rewrite_verdict *v)
{
	int changed = 0, refused = 0;
	for (size_t k = 0; k < nidx; k++) {
		struct prof_cand *x = &c[idx[k]];
		x->rounds++;
		x->nsites = v[k].nrewritten;
		x->wrapper = v[k].wrapper;
		x->via_kind = v[k].via_kind;
		free(x->via);
		x->via = v[k].via;
		v[k].via = NULL;
		if (v[k].refused && v[k].self) {
			move_out(x, v[k].why);
			changed = 1;
		} else if (v[k].refused) {
			refused = 1;
		} else if (!v[k].nrewritten && v[k].skipped &&
		           strstr(v[k].skipped, PLAN_MACRO_NEEDS_SCOPE) &&
		           x->level + 1 < (int)x->nchain) {
			/* a macro spells its allocations: a caller's scope gets them rewritten */
			x->level++;
			changed = 1;
		} else if (!v[k].nrewritten) {
			refuse_unchanged(x, v[k].skipped);
			changed = 1;
		}
	}
	/* Refused only through others, none of which moved: move them all, or no round ends. */
	for (size_t k = 0; refused && !changed && k < nidx; k++)
		if (v[k].refused)
			move_out(&c[idx[k]], v[k].why), changed = 1;
	return changed;
}

static int round_once(const struct cmdlist *units, const char *program, const struct rules *r,
                      long jobs, struct prof_cand *c, size_t n, int *changed, struct err *e)
{
	size_t *idx = xcalloc(n + 1, sizeof(*idx)), nidx;
	struct hotlist hl = {0};
	int rc = -1;
	*changed = 0;
	if (make_list(c, n, idx, &nidx, &hl, e))
		goto out;
	if (!nidx) {
		rc = 0;
		goto out;
	}
	unsigned char *und = xcalloc(nidx + 1, 1);
	struct rewrite_verdict *v = xcalloc(nidx + 1, sizeof(*v));
	struct rewrite_opts ro = {0};
	ro.rules = r;
	ro.hot = &hl;
	ro.jobs = jobs;
	ro.progress = PAR_PROGRESS_OFF;
	ro.undefined = und;
	ro.program = program;
	rc = rewrite_verdicts(units, &ro, v, e);
	if (rc && drop_undefined(c, idx, nidx, und)) {
		err_clear(e);
		*changed = 1;
		rc = 0;
	} else if (!rc) {
		*changed = apply(c, idx, nidx, v);
	}
	for (size_t k = 0; k < nidx; k++) {
		free(v[k].why);
		free(v[k].via);
		free(v[k].skipped);
	}
	free(v);
	free(und);
out:
	hot_free(&hl);
	free(idx);
	return rc;
}

/* A frame's file that is no C source or header of the run: the name a #line directive gives
 * (flex's lexer.l, bison's parse.y), whose functions the sources define under their own file
 * name. The function's name alone finds them. */
static int line_directive_file(const struct cmdlist *units, const char *file)
{
	const char *dot = strrchr(file, '.');
	if (!dot || !strcmp(dot, ".c") || !strcmp(dot, ".h"))
		return 0;
	for (size_t u = 0; u < units->n; u++)
		if (hot_file_matches(file, units->v[u].file))
			return 0;
	return 1;
}

int prof_check(const struct cmdlist *units, const char *program, const struct rules *r, long jobs,
               struct prof_cand *c, size_t n, struct err *e)
{
	for (size_t i = 0; i < n; i++) {
		c[i].level = -1;
		c[i].wrapper = c[i].via_kind = RK__COUNT;
		if (c[i].file && line_directive_file(units, c[i].file))
			c[i].file = NULL;
	}
	for (int round = 0; round < PROF_CHECK_MAX_ROUNDS; round++) {
		int changed;
		if (round_once(units, program, r, jobs, c, n, &changed, e))
			return -1;
		if (!changed)
			return 0;
	}
	return 0;
}

void prof_check_free(struct prof_cand *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(c[i].why);
		free(c[i].via);
	}
}
