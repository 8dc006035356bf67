/*
 * lint: the `--lint` mode (CONTRACT sections 2 and 6; docs/lint.md).
 *
 * Data path (lint_parse): every unit is parsed on `jobs` threads with cx_parse_related, which
 * converts the bodies that can touch arena memory (named functions: hotspots and scopes; bodies
 * mentioning them or the runtime's arena_ names; their callees and result-carrying callers);
 * a unit with a skipped body that another unit calls, or that calls a function of another
 * unit whose result may be arena memory, is parsed again in full (at most once). All asts are
 * kept for the run, because a callee in one unit decides what a call in another means. Then,
 * in one thread: hotspot and scope checks (a hotspot or scope function defined nowhere is bad
 * input, as for a rewrite), the call graph of the scopes (functions reachable from a scope get
 * ownership-aware frees in a rewrite), the summaries to a fixpoint (lint_summarize), the
 * findings of every function (esc_lint_unit), `arena-lint: allow(RULE-ID)` comments (raw
 * comment tokens of the ast, never a text search over C), duplicates of functions seen by
 * several units removed, and a stable order: path, line, column, rule. Output does not depend
 * on -j.
 *
 * The rewriter uses the same parse and summaries (lint_parse, lint_summarize), so its refusals
 * see every unit's callees as --lint does.
 *
 * Ownership: lint_run owns the asts and findings it makes and frees them before returning; the
 * report goes to `out`. lint_parse's asts belong to its caller.
 */
#ifndef ARW_LINT_H
#define ARW_LINT_H

#include <stdio.h>

struct ast;
struct cmdlist;
struct err;
struct esc_sums;
struct hotlist;
struct rules;

struct lint_opts {
	const struct rules *rules;
	const struct hotlist *hot; /* NULL: hand-written runtime users only */
	long jobs;
	const char *format;       /* "text" (default), "json", "sarif" */
	const char *tool_version; /* for SARIF's tool.driver.version */
};

/*
 * Parses units->v[0..n) into asts[0..n) (an array of n entries, NULL on entry) as the lint does,
 * converting the bodies of `names` and their kin (see above), on `jobs` threads. 0, or -1 with
 * e set for the first failing unit in unit order; either way the caller frees every non-NULL
 * asts[i] with ast_free. Output does not depend on `jobs`.
 */
int lint_parse(const struct cmdlist *units, const char *const *names, size_t nnames, long jobs,
               struct ast **asts, struct err *e);
/* Summaries of every function of asts[0..n) into sums, to a fixpoint (hot: the hotspot list
 * when analysing as if rewritten, else NULL). Mark free-aware functions before calling. */
void lint_summarize(struct ast *const *asts, size_t n, const struct rules *r,
                    const struct hotlist *hot, struct esc_sums *sums);

/* 0: no error-level finding; 1: errors found; -1: bad input (e set, nothing printed on out). */
int lint_run(const struct cmdlist *units, const struct lint_opts *o, FILE *out, struct err *e);

#endif
