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

#include "front.h"
#include "planning.h"

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
	unsigned char *undefined; /* model_opts.undefined */
	int diff;                 /* --diff: with in_place, print the diff too */
	const char *program;      /* --program MAIN.c (absolute; model_opts.program) */
	/* --target NAME: the units are that program's (prog.h); how many the target left out */
	const char *target;
	size_t target_left_out;
};

/* 0: done; 1: a hotspot or scope was refused (the accepted ones are still rewritten);
 * -1: bad input, a file changed during the run, or a file that cannot be written (e set;
 * nothing written, nothing on out). */
int rewrite_run(const struct cmdlist *units, const struct rewrite_opts *o, FILE *out, FILE *msg,
                struct err *e);

/*
 * The verdict on one hotspot of a planned run, for --profile's check of its suggestions: the
 * rewrite's own analysis, nothing written. `why` is the first line of the refusal (malloc'd,
 * NULL when accepted); `self` says the refusal is this entry's: its own record, or its scope
 * function's (the other entries of a refused scope group are refused through it).
 */
struct rewrite_verdict {
	int refused, self;
	int nrewritten; /* allocation call sites (by name) the rewrite moves onto an arena */
	char *why;
	/* What the sources show (rulecheck_wrapper): the allocator kind it is a wrapper of, and
	 * the first wrapper it calls (malloc'd) and its kind; RK__COUNT and NULL: none. */
	int wrapper, via_kind;
	char *via;
	char *skipped; /* the reason its first allocation call was left alone (malloc'd), or NULL */
};

/* Builds the model and plans every unit as one round of rewrite_run does (its rounds are the
 * caller's: tool/prof_check.c), then fills v[h] for each entry of o->hot (o->hot->n entries);
 * prints nothing, writes nothing. 0, or -1 with e set. The caller frees each why, via and
 * skipped. */
int rewrite_verdicts(const struct cmdlist *units, const struct rewrite_opts *o,
                     struct rewrite_verdict *v, struct err *e);

#endif
