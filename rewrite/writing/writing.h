/*
 * writing: what a run hands to the user, the last stage of the engine (docs/design.md,
 * "Stages"). It applies the planned edit sets and writes the rewritten sources all or nothing
 * (wset.h, through the journal of jrnl.h), makes the diff (diff.h), writes every other output
 * file one way (out.h: --report, --export-summaries), and formats the reports: the rewrite's
 * JSON (report.h) and the lint's text, JSON and SARIF (lintout.h).
 *
 * This header is the stage's interface: the modes in rewrite/ (and tool/) include it, never one
 * of the headers below one by one. diff.h and jrnl.h are the stage's own.
 *
 * Invariants:
 *   - everything that can be checked is checked before the first file changes; a file changed
 *     by someone else during the run, or one that cannot be written, leaves every file as it
 *     was;
 *   - no output file but a rewritten source replaces an input of the run (fsio.h keeps the
 *     list);
 *   - the stage includes only planning.h, analysis.h, front.h, base/ and rules/ beneath it; it
 *     decides nothing about the program, it only writes what the earlier stages decided;
 *   - the journal's files call each other in a circle, behind jrnl_int.h alone.
 *
 * Ownership: each writer owns what it opened and closes it before returning; report_json and
 * the lintout_* functions return malloc'd strings the caller frees.
 */
#ifndef ARW_WRITING_H
#define ARW_WRITING_H

#include "lintout.h"
#include "out.h"
#include "report.h"
#include "wset.h"

#endif
