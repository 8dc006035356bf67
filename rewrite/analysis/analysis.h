/*
 * analysis: the program model and what is proven about it, the second stage of the engine
 * (docs/design.md, "Stages"). From the front end's asts it builds the one model a run reads
 * (model.h: units, asts, hotspots and scopes, the call graph and the escape summaries), reads
 * the hotspot list (hot.h), checks the allocator rules against the sources (rulecheck.h), draws
 * the call graph (cg.h) and runs the escape analysis (esc.h), the one analysis behind --lint's
 * findings and the rewrite's refusals.
 *
 * This header is the stage's interface: a file of a later stage (planning/, writing/, the modes
 * in rewrite/) includes it, never one of the headers below one by one.
 *
 * Invariants:
 *   - the stage reads struct ast, never libclang; it includes only front.h, base/ and rules/
 *     beneath it, and knows nothing of the planner or the writer;
 *   - it decides, it never edits: no edit, diff or file write is made here (the summaries of
 *     esc_sumjson.c are cJSON values; the modes write them);
 *   - nothing it computes depends on -j: summaries are merged in unit order;
 *   - the escape analysis's files call each other in a circle, behind esc_int.h alone.
 *
 * Ownership: the model owns its asts, call graph, reach and summaries (model_free); a hotlist
 * owns its strings (hot_free); a call graph owns copies of the strings it keeps (cg_free).
 */
#ifndef ARW_ANALYSIS_H
#define ARW_ANALYSIS_H

#include "cg.h"
#include "esc.h"
#include "hot.h"
#include "model.h"
#include "progs.h"
#include "rulecheck.h"

#endif
