/*
 * planning: the rewrite planned as edits, the third stage of the engine (docs/design.md,
 * "Stages"). Per translation unit, from the model's ast and the analysis's verdicts, it plans
 * each hotspot's edits (plan.h: callee renames, the arena declaration, releases at every exit in
 * the chosen exit style, frees whose pointer may not be the arena's), the removal of teardown
 * that proves itself dead (tear.h), and merges the units' plans into one edit set per file
 * (edit.h), the set the writer applies.
 *
 * This header is the stage's interface: a file of a later stage (writing/, the modes in
 * rewrite/) includes it, never one of the headers below one by one.
 *
 * Invariants:
 *   - nothing here writes a file or prints: a plan is data, and the refusals are reasons kept
 *     in it;
 *   - the stage includes only analysis.h, front.h, base/ and rules/ beneath it;
 *   - plans are merged in unit order, so the edits and their reasons do not depend on -j;
 *   - two overlapping replacements in one edit set are a conflict: edit_apply refuses them,
 *     never writes a mangled file.
 *
 * Ownership: struct plan owns everything it holds (plan_free); an edit_set owns its texts and
 * path (edit_free).
 */
#ifndef ARW_PLANNING_H
#define ARW_PLANNING_H

#include "edit.h"
#include "plan.h"
#include "tear.h"

#endif
