/*
 * flow: which values of one function may point into memory the function allocated from an
 * arena.
 *
 * The analysis is flow-insensitive and intraprocedural: seeds are allocation call nodes; a local
 * variable (or parameter) becomes tainted when anything assigned to it, anywhere in the
 * function, derives from a seed or a tainted local. "Derives" follows the pointer value through
 * casts, parentheses, pointer arithmetic, ?:, comma, assignment expressions, &p->field and
 * &p[i], fields of local structs (field-insensitively: the whole local is tainted) and the
 * functions that return their first argument (memcpy, strcpy, ...). A value read out of arena
 * memory (p->next) is not followed: that is the job of the lint's escape rules.
 *
 * It decides whether the argument of a `release` call (rules.h) derives from the arena's
 * allocations, the condition for dropping that call, and which calls seed a scope's checks.
 * Refusals use the lint's analysis (esc.h), not this one.
 *
 * The struct flow owns its bitmaps; flow_free releases them.
 */
#ifndef ARW_FLOW_H
#define ARW_FLOW_H

#include <stddef.h>

struct ast;

struct flow {
	const struct ast *a;
	int fn;
	unsigned char *seed;    /* by node index, 1 = allocation site */
	unsigned char *tainted; /* by decl index */
};

void flow_init(struct flow *f, const struct ast *a, int fn);
void flow_add_seed(struct flow *f, int call);
/* Propagates to a fixpoint over the function body. */
void flow_run(struct flow *f);
int flow_derives(const struct flow *f, int expr);
void flow_free(struct flow *f);

#endif
