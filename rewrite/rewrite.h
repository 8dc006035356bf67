/*
 * rewrite: the --hotspots mode, beside lint.h's --lint; both read one program model (model.h).
 *
 * Data path of rewrite_run: the model (every unit parsed once, hotspots and scopes checked,
 * the scopes' reach, the escape summaries of the whole run) -> notes for scoped hotspots also
 * reached outside every scope -> per unit, on `jobs` threads: plan its edits (plan.h) from
 * the model's ast, then give the ast back -> merge the plans in unit order -> notes for
 * skipped call sites, then per hotspot and scope: refused, rewritten under --force, or
 * nothing to rewrite -> the write phase (wset.h): per file, checked against what was parsed,
 * apply the edits (edit.h) and make the diff (diff.h); write every file this run writes (the
 * rewritten sources with --in-place, the --report JSON) all or nothing (jrnl.h), and only then
 * print the diff.
 *
 * Output: the diff on `out`, notes, warnings and refusals on `msg`, one line each, in a fixed
 * order that does not depend on -j. Errors are returned, never printed.
 */
#ifndef ARW_REWRITE_H
#define ARW_REWRITE_H

#include <stdio.h>

#include "par.h"
#include "plan.h"

struct cmdlist;
struct err;
struct hotlist;
struct rules;
struct summ;

struct rewrite_opts {
	const struct rules *rules;
	const struct hotlist *hot;
	enum exit_style style;
	int force;          /* rewrite hotspots the escape analysis refuses */
	int in_place;       /* write the files instead of printing a diff */
	const char *report; /* NULL, or where the JSON summary goes */
	long jobs;
	enum par_progress_mode progress; /* par.h */
	/* --shard, --summaries, --export-summaries (summ.h); NULL: a plain run. A shard prints
	 * and writes only what lies in files its units own; an export plans every unit and
	 * writes the facts, nothing else. */
	struct summ *summ;
};

/* 0: done; 1: a hotspot or scope was refused (the accepted ones are still rewritten);
 * -1: bad input, a file changed during the run, or a file that cannot be written (e set;
 * nothing written, nothing on out). */
int rewrite_run(const struct cmdlist *units, const struct rewrite_opts *o, FILE *out, FILE *msg,
                struct err *e);

#endif
