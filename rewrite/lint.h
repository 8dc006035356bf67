/*
 * lint: the `--lint` mode (CONTRACT sections 2 and 6; docs/lint.md).
 *
 * Data path: every unit is parsed on `jobs` threads with every function body converted
 * (cx_parse with no `only` list), and all asts are kept for the run, because a callee in one
 * unit decides what a call in another means. Then, in one thread: hotspot and scope checks
 * (a hotspot or scope function defined nowhere is bad input, as for a rewrite), the call graph
 * of the scopes (functions reachable from a scope get ownership-aware frees in a rewrite), the
 * summaries to a fixpoint (esc_summarize), the findings of every function (esc_lint_unit),
 * `arena-lint: allow(RULE-ID)` comments (raw comment tokens of the ast, never a text search
 * over C), duplicates of functions seen by several units removed, and a stable order: path,
 * line, column, rule. Output does not depend on -j.
 *
 * Ownership: lint_run owns the asts and findings it makes and frees them before returning; the
 * report goes to `out`.
 */
#ifndef ARW_LINT_H
#define ARW_LINT_H

#include <stdio.h>

struct cmdlist;
struct err;
struct hotlist;
struct rules;

struct lint_opts {
	const struct rules *rules;
	const struct hotlist *hot; /* NULL: hand-written runtime users only */
	long jobs;
	const char *format;       /* "text" (default), "json", "sarif" */
	const char *tool_version; /* for SARIF's tool.driver.version */
};

/* 0: no error-level finding; 1: errors found; -1: bad input (e set, nothing printed on out). */
int lint_run(const struct cmdlist *units, const struct lint_opts *o, FILE *out, struct err *e);

#endif
