/*
 * summ: one run split across machines. `--shard K/N` takes a share of the units;
 * `--export-summaries FILE` writes the cross-unit facts of the whole run once, and
 * `--summaries FILE` lets a shard read them instead of parsing every unit (docs/cli.md,
 * section 9, is the file's contract; docs/ci.md the recipe).
 *
 * Which units: the units sorted by their path relative to the base folder (-p DIR, else the
 * current folder; ties by their arguments), and unit i (0-based) goes to shard i mod N + 1.
 * Sorting by relative path makes the split independent of the database's order and of where
 * the checkout lies, and the round robin keeps the shards' sizes within one unit.
 *
 * Who says what: every file the parse reads outside system headers (sources and project
 * headers) is owned by the first unit, in that order, that reads it. A shard prints only the
 * findings, notes, refusals and edits located in files its units own, so that a header seen by
 * units of several shards is reported and edited once, and the shards' outputs together are
 * the one run's.
 *
 * The facts (the file): the call graph of every unit (scopes' reach, reach of the own-arena
 * hotspots), the escape summaries of every function to their fixpoint, and, for a rewrite, the
 * verdict of every hotspot and scope record of every unit (refusals cross units: a scope is
 * dropped when a hotspot allocating from it is refused elsewhere). With them, a shard's model
 * (model.h, `given`) parses only its units. Without them a shard parses every unit and plans
 * them all, then prints its share: slower, the same result.
 *
 * What the facts depend on is in the file and checked before anything is used: the format
 * version, the tool's and libclang's versions, the hash of the hotspot list and of --rules,
 * the exit style and --force of a rewrite, the units (relative path, hash of the arguments
 * with absolute paths made relative) and the hash of every file the export read. Any
 * difference is bad input (ERR_INPUT), naming what changed: never a silent other result.
 *
 * Ownership: struct summ owns everything it holds (the loaded document, the shard's units,
 * the file table); summ_free releases it. Every function takes a NULL summ as "a plain run".
 */
#ifndef ARW_SUMM_H
#define ARW_SUMM_H

#include <stddef.h>
#include <stdint.h>

#include "analysis.h"
#include "front.h"
#include "strmap.h"
#include "writing.h"

struct err;
struct hotlist;
struct model;
struct model_opts;
struct plan;

#define SUMM_FORMAT_VERSION 2

/* What the facts depend on besides the sources, from the command line. */
struct summ_ctx {
	const char *build_dir; /* -p DIR, NULL: the base folder is the current one */
	const char *hotspots;  /* the hotspot list's path, NULL: none */
	const char *rules;     /* --rules FILE, NULL: the built-in rules only */
	const char *tool_version;
	int rewrite;               /* the facts include the rewrite's verdicts (--hotspots mode) */
	const struct hotlist *hot; /* the loaded list (bounds of the verdicts' indexes), or NULL */
	int style;                 /* enum exit_style of a rewrite */
	int force;
};

struct summ_unit {
	char *rel;     /* the source relative to the base folder */
	uint64_t args; /* hash of the folder and arguments, absolute paths made relative */
};

struct summ_file {
	char *path; /* absolute */
	uint64_t hash;
	size_t owner; /* the owning unit, in sorted order */
};

struct summ {
	long k, n;               /* --shard K/N; n == 0: no shard (an export) */
	const char *export_path; /* --export-summaries FILE, else NULL */
	struct out export;       /* that file, resolved (out.h) before the parse */
	const char *path;        /* --summaries FILE, else NULL: the facts are computed */
	char *base;
	uint64_t hot_hash, rules_hash;
	struct summ_ctx ctx;
	struct summ_unit *units; /* the whole run's units, sorted */
	size_t nunits;
	size_t *rank;        /* rank[u]: sorted index of the database's unit u */
	struct cmdlist mine; /* with --summaries: this shard's units, in database order */
	struct summ_file *files;
	size_t nfiles, files_cap;
	struct strmap fix;     /* absolute path -> files[] index (keys are files[i].path) */
	struct cJSON *doc;     /* the loaded file */
	struct cg cg;          /* its call graph */
	struct plan *verdicts; /* its verdicts (a rewrite's), NULL: none */
	int all_bodies;        /* the whole run converted every body */
};

void summ_init(struct summ *s);
void summ_free(struct summ *s);
/*
 * Orders `all` (the whole run's units) and, with s->path, loads and checks the file against
 * them and the context: *units is then this shard's units (s->mine), else `all`. ERR_INPUT on
 * a file that is unreadable, malformed, of another version or stale.
 */
int summ_prepare(struct summ *s, const struct summ_ctx *c, const struct cmdlist *all,
                 const struct cmdlist **units, struct err *e);
/* The model hook (model.h: given, all_bodies) when the facts come from the file. */
void summ_model_opts(struct summ *s, struct model_opts *mo);
/* Records the files each unit read and their owners; call before any model_drop. */
void summ_take_model(struct summ *s, const struct model *m);
/* Whether this run writes the facts instead of its usual output. */
int summ_exporting(const struct summ *s);
/* Writes the facts: the model's, and the plan's verdicts (p NULL for a lint). */
int summ_write(const struct summ *s, const struct model *m, const struct plan *p, struct err *e);
/* With --summaries: switches off (hot.h) the entries the whole run refused, as the export's
 * last round did (rewrite.c), and returns 1; the shard is then judged once. 0 otherwise. */
int summ_given_refusals(const struct summ *s, struct hotlist *hl);
/* Merges the verdicts of the whole run into p, after its own units' plans (plan_merge). */
void summ_merge_verdicts(struct summ *s, struct plan *p);
/* Whether this run prints what lies in file `abs`. */
int summ_owns(const struct summ *s, const char *abs);

#endif
