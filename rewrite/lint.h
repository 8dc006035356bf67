/*
 * lint: the `--lint` mode (docs/lint.md), beside rewrite.h's --hotspots; both read one program
 * model (model.h).
 *
 * Data path of lint_run: the model (every unit parsed once, hotspots and scopes checked: one
 * defined nowhere is bad input, as for a rewrite; the scopes' reach, whose functions get
 * ownership-aware frees in a rewrite; the escape summaries of the whole run) -> per unit, in
 * unit order: the findings of every function (esc_lint_unit), `arena-lint: allow(RULE-ID)`
 * comments (raw comment tokens of the ast, never a text search over C), duplicates of
 * functions seen by several units removed; the unit's ast is then given back -> a stable
 * order: path, line, column, rule -> the report in the chosen format. Output does not depend
 * on -j.
 *
 * The rewriter's refusals read the same model, so they see every unit's callees as --lint
 * does.
 *
 * Ownership: lint_run owns the model and findings it makes and frees them before returning;
 * the report goes to `out`, the count of errors and warnings (text format) to stderr.
 */
#ifndef ARW_LINT_H
#define ARW_LINT_H

#include <stdio.h>

#include "front.h"

struct cmdlist;
struct err;
struct hotlist;
struct rules;
struct summ;

struct lint_opts {
	const struct rules *rules;
	const struct hotlist *hot; /* NULL: hand-written runtime users only */
	long jobs;
	const char *format;              /* "text" (default), "json", "sarif" */
	const char *tool_version;        /* for SARIF's tool.driver.version */
	enum par_progress_mode progress; /* par.h */
	/* --shard, --summaries, --export-summaries (summ.h); NULL: a plain run. An export
	 * writes the facts instead of the report. */
	struct summ *summ;
};

/* 0: no error-level finding; 1: errors found; -1: bad input (e set, nothing printed on out). */
int lint_run(const struct cmdlist *units, const struct lint_opts *o, FILE *out, struct err *e);

#endif
