/*
 * arena-rewrite: the command. Parses the command line (--help), runs one mode of the
 * engine (rewrite.h, lint.h, prof.h; --recover: wset.h; --dump-ast: model.h), prints every error in
 * one place and maps it to the exit status. Nothing here analyses C: the modes' data paths are in
 * the headers of the engine.
 */
#include "analysis.h"
#include "err.h"
#include "front.h"
#include "fsio.h"
#include "heap.h"
#include "lint.h"
#include "mem.h"
#include "prof.h"
#include "rewrite.h"
#include "rules.h"
#include "summ.h"
#include "writing.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VERSION "0.1.0"

enum mode { MODE_NONE, MODE_REWRITE, MODE_LINT, MODE_PROFILE, MODE_DUMP, MODE_RECOVER };

struct opts {
	enum mode mode;
	const char *hotspots;
	const char *build_dir;
	const char *rules;
	const char *report;
	const char *profile;
	const char *format;
	const char *export_summaries;
	const char *summaries;
	long shard_k, shard_n; /* --shard K/N; shard_n 0: none */
	int in_place;
	int diff;            /* --diff: with -i, print the diff too */
	const char *program; /* --program MAIN.c */
	const char *target;  /* --target NAME */
	enum par_progress_mode progress;
	int force;
	enum exit_style style;
	long jobs;
	long top;
	double min_share;
	int have_top, have_share;
	char **sources;
	size_t nsources, sources_cap;
	char **cargs; /* after "--" */
	size_t ncargs;
	int have_cargs;
};

static const char usage[] =
    "usage: arena-rewrite --hotspots FILE [OPTIONS] [SOURCE...] [-- COMPILER-ARGS...]\n"
    "       arena-rewrite --lint [--hotspots FILE] [OPTIONS] [SOURCE...] [-- COMPILER-ARGS...]\n"
    "       arena-rewrite --profile PROFILE [--top N] [--min-share F] [--rules FILE]\n"
    "                     [-p DIR] [SOURCE...] [-- COMPILER_ARGS...]\n"
    "       arena-rewrite --recover [DIR...]\n"
    "       arena-rewrite --help | --version\n";

static const char help[] =
    "\n"
    "Rewrites the allocation calls of chosen C functions onto an arena (the runtime in runtime/),\n"
    "creates the arena where its lifetime begins and frees it at every exit.\n"
    "\n"
    "Modes:\n"
    "  --hotspots FILE        rewrite the functions listed in FILE (JSON or plain text; see\n"
    "                         docs/hotspots.md); prints a unified diff unless --in-place.\n"
    "                         An entry's \"scope\" names the caller that owns the arena\n"
    "                         (docs/scopes.md)\n"
    "  --lint                 report arena memory that escapes its arena (docs/lint.md)\n"
    "  --profile PROFILE      turn a valgrind DHAT or folded-stack allocation profile into a\n"
    "                         hotspot list (JSON on stdout; docs/profiling.md)\n"
    "  --recover [DIR...]     finish or roll back a -i run that was killed while writing\n"
    "                         (journal in DIR, default .; docs/rewrite.md)\n"
    "\n"
    "Options:\n"
    "  -p DIR, --build-dir DIR  folder holding compile_commands.json; with no SOURCE every\n"
    "                         file of the database is considered\n"
    "  -i, --in-place         write the rewritten files (atomically) instead of a diff\n"
    "  --diff                 with -i: print the diff too, once the files are written\n"
    "  --program MAIN.c       of several programs in the sources, the one whose main is in\n"
    "                         MAIN.c: the other programs' code is left out, never edited\n"
    "  --target NAME          with -p DIR of a CMake build: only the units of executable\n"
    "                         target NAME and the libraries it links (CMake's file API)\n"
    "  --exit-style=cleanup|explicit\n"
    "                         cleanup (default): __attribute__((cleanup)) frees the arena;\n"
    "                         explicit: a call that frees it before every return and at the end\n"
    "  --force                rewrite a hotspot even where it lets arena memory escape\n"
    "  --rules FILE           extra allocator families and effects (JSON), merged over the\n"
    "                         built-in catalogue: wrappers (xmalloc), hook fields\n"
    "                         (hooks->allocate), release functions (a tree's recursive free),\n"
    "                         what external functions do with pointers (docs/rules.md)\n"
    "  --format=text|json|sarif  lint output format\n"
    "  --report FILE          JSON summary of a rewrite: sites rewritten, sites skipped and why\n"
    "  -j N                   translation units processed in parallel (default: the number\n"
    "                         of cores)\n"
    "  --shard K/N            lint or rewrite the K-th of N shares of the units, and print\n"
    "                         only what lies in the files they own (docs/ci.md)\n"
    "  --export-summaries FILE\n"
    "                         write the cross-unit facts of the whole run to FILE, nothing else\n"
    "  --summaries FILE       with --shard: read those facts instead of parsing every unit\n"
    "  --progress, --no-progress\n"
    "                         a \"[12/340] file.c\" line on stderr as units are done\n"
    "                         (default: only on a terminal, once a run takes a second)\n"
    "  --top N                --profile: at most N hotspots (default 20)\n"
    "  --min-share F          --profile: drop hotspots below this share of allocations (0..1)\n"
    "  --help, --version\n"
    "\n"
    "Compiler arguments: after --; else from -p DIR; else from a compile_commands.json found\n"
    "by walking up from each SOURCE; else none.\n"
    "\n"
    "Exit status: 0 done; 1 a hotspot was refused as unsafe (nothing written for it) or lint\n"
    "found errors; 2 bad usage or bad input, a file changed during the run, or a write\n"
    "that failed and was undone (nothing written).\n";

static int usage_error(struct err *e, const char *fmt, const char *arg)
{
	char buf[512];
	snprintf(buf, sizeof(buf), fmt, arg ? arg : "");
	return err_set(e, ERR_INPUT, NULL, 0, 0, "%s (see --help)", buf);
}

static int parse_long(const char *s, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end)
		return -1;
	*out = v;
	return 0;
}

static int parse_double(const char *s, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || end == s || *end)
		return -1;
	*out = v;
	return 0;
}

/* Matches "--name VALUE" and "--name=VALUE"; advances *i past the value. */
static int opt_value(int argc, char **argv, int *i, const char *name, const char **val,
                     struct err *e)
{
	const char *a = argv[*i];
	size_t n = strlen(name);
	if (strncmp(a, name, n))
		return 0;
	if (a[n] == '=') {
		*val = a + n + 1;
		return 1;
	}
	if (a[n])
		return 0;
	if (*i + 1 >= argc) {
		usage_error(e, "option %s needs a value", name);
		return -1;
	}
	*val = argv[++*i];
	return 1;
}

/* Options without a value; 1 when `a` is one. --help and --version exit here. */
static int flag(const char *a, struct opts *o, int *lint)
{
	if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
		fputs(usage, stdout);
		fputs(help, stdout);
		exit(0);
	}
	if (!strcmp(a, "--version")) {
		printf("arena-rewrite %s (libclang: %s)\n", VERSION, model_libclang_version());
		exit(0);
	}
	if (!strcmp(a, "--lint"))
		*lint = 1;
	else if (!strcmp(a, "-i") || !strcmp(a, "--in-place"))
		o->in_place = 1;
	else if (!strcmp(a, "--diff"))
		o->diff = 1;
	else if (!strcmp(a, "--progress") || !strcmp(a, "--no-progress"))
		o->progress = a[2] == 'p' ? PAR_PROGRESS_ON : PAR_PROGRESS_OFF;
	else if (!strcmp(a, "--force"))
		o->force = 1;
	else if (!strcmp(a, "--recover"))
		o->mode = MODE_RECOVER;
	else if (!strcmp(a, "--dump-ast")) /* undocumented: for debugging the engine */
		o->mode = MODE_DUMP;
	else
		return 0;
	return 1;
}

static const char *const value_opts[] = {
    "--hotspots",         "--build-dir", "-p",           "--rules",  "--report",
    "--profile",          "--format",    "--exit-style", "--top",    "--min-share",
    "--export-summaries", "--summaries", "--shard",      "--program",
    "--target"};

/* "K/N" with 1 <= K <= N. */
static int parse_shard(const char *v, struct opts *o, struct err *e)
{
	const char *slash = strchr(v, '/');
	char k[32];
	if (slash && (size_t)(slash - v) < sizeof(k)) {
		memcpy(k, v, (size_t)(slash - v));
		k[slash - v] = '\0';
		if (!parse_long(k, &o->shard_k) && !parse_long(slash + 1, &o->shard_n) &&
		    o->shard_n >= 1 && o->shard_n <= 100000 && o->shard_k >= 1 &&
		    o->shard_k <= o->shard_n)
			return 0;
	}
	o->shard_n = 0;
	return usage_error(e, "--shard takes K/N with 1 <= K <= N, not '%s'", v);
}

/* The value v of option `name` (one of value_opts). */
static int set_value(const char *name, const char *v, struct opts *o, struct err *e)
{
	if (!strcmp(name, "--hotspots"))
		o->hotspots = v;
	else if (!strcmp(name, "--build-dir") || !strcmp(name, "-p"))
		o->build_dir = v;
	else if (!strcmp(name, "--rules"))
		o->rules = v;
	else if (!strcmp(name, "--report"))
		o->report = v;
	else if (!strcmp(name, "--profile"))
		o->profile = v;
	else if (!strcmp(name, "--program"))
		o->program = v;
	else if (!strcmp(name, "--target"))
		o->target = v;
	else if (!strcmp(name, "--export-summaries"))
		o->export_summaries = v;
	else if (!strcmp(name, "--summaries"))
		o->summaries = v;
	else if (!strcmp(name, "--shard"))
		return parse_shard(v, o, e);
	else if (!strcmp(name, "--format")) {
		if (strcmp(v, "text") && strcmp(v, "json") && strcmp(v, "sarif"))
			return usage_error(e, "--format takes text, json or sarif, not '%s'", v);
		o->format = v;
	} else if (!strcmp(name, "--exit-style")) {
		if (!strcmp(v, "cleanup"))
			o->style = EXIT_CLEANUP;
		else if (!strcmp(v, "explicit"))
			o->style = EXIT_EXPLICIT;
		else
			return usage_error(e, "--exit-style takes cleanup or explicit, not '%s'",
			                   v);
	} else if (!strcmp(name, "--top")) {
		if (parse_long(v, &o->top) || o->top <= 0)
			return usage_error(e, "--top takes a positive whole number, not '%s'", v);
		o->have_top = 1;
	} else {
		if (parse_double(v, &o->min_share) || !(o->min_share >= 0.0) || o->min_share > 1.0)
			return usage_error(e, "--min-share takes a number from 0 to 1, not '%s'",
			                   v);
		o->have_share = 1;
	}
	return 0;
}

/* --shard, --summaries and --export-summaries: with what they go. */
static int check_shard(const struct opts *o, struct err *e)
{
	int split = o->shard_n || o->summaries || o->export_summaries;
	if (split && o->mode != MODE_LINT && o->mode != MODE_REWRITE)
		return usage_error(e, "--shard and the summaries go with --lint or --hotspots",
		                   NULL);
	if (o->summaries && !o->shard_n)
		return usage_error(e, "--summaries goes with --shard K/N", NULL);
	if (o->program && (o->mode == MODE_LINT || o->shard_n || o->export_summaries))
		return usage_error(
		    e, "--program goes with --hotspots or --profile, without --shard", NULL);
	if (o->target && (o->mode == MODE_LINT || o->shard_n || o->export_summaries))
		return usage_error(e, "--target goes with --hotspots or --profile, without --shard",
		                   NULL);
	if (o->target && (!o->build_dir || o->program))
		return usage_error(e, "--target goes with -p BUILD_DIR, without --program", NULL);
	if (o->diff && !o->in_place)
		return usage_error(e, "--diff goes with -i (without it the diff is the output)",
		                   NULL);
	if (o->export_summaries && (o->shard_n || o->in_place || o->report))
		return usage_error(e, "--export-summaries goes with no --shard, -i or --report",
		                   NULL);
	if (o->shard_n && o->report)
		return usage_error(e, "--report describes a whole run: it does not go with --shard",
		                   NULL);
	return 0;
}

/* The mode the options ask for, and options that do not go with it. */
static int choose_mode(struct opts *o, int lint, struct err *e)
{
	if (o->mode == MODE_DUMP || o->mode == MODE_RECOVER)
		return 0;
	if (o->profile && (lint || o->hotspots))
		return usage_error(e, "--profile does not combine with --hotspots or --lint", NULL);
	if (o->profile)
		o->mode = MODE_PROFILE;
	else if (lint)
		o->mode = MODE_LINT;
	else if (o->hotspots)
		o->mode = MODE_REWRITE;
	if (o->mode == MODE_NONE)
		return usage_error(e, "nothing to do: give --hotspots FILE, --lint or --profile",
		                   NULL);
	if ((o->have_top || o->have_share) && o->mode != MODE_PROFILE)
		return usage_error(e, "--top and --min-share go with --profile", NULL);
	return check_shard(o, e);
}

static int parse_args(int argc, char **argv, struct opts *o, struct err *e)
{
	memset(o, 0, sizeof(*o));
	o->jobs = par_cores();
	o->progress = PAR_PROGRESS_AUTO;
	int lint = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--")) {
			o->have_cargs = 1;
			o->cargs = argv + i + 1;
			o->ncargs = (size_t)(argc - i - 1);
			break;
		}
		if (flag(a, o, &lint))
			continue;
		int r = 0;
		for (size_t k = 0; k < sizeof(value_opts) / sizeof(*value_opts) && !r; k++) {
			const char *v = NULL;
			r = opt_value(argc, argv, &i, value_opts[k], &v, e);
			if (r > 0 && set_value(value_opts[k], v, o, e))
				return -1;
		}
		if (r < 0)
			return -1;
		if (r)
			continue;
		if (!strncmp(a, "-j", 2)) {
			const char *num = a[2] ? a + 2 : (i + 1 < argc ? argv[++i] : NULL);
			if (!num || parse_long(num, &o->jobs) || o->jobs < 1 || o->jobs > 256)
				return usage_error(e, "-j takes a number from 1 to 256", NULL);
			continue;
		}
		if (a[0] == '-' && a[1])
			return usage_error(e, "unknown option '%s'", a);
		GROW(o->sources, o->nsources, o->sources_cap);
		o->sources[o->nsources++] = argv[i];
	}
	return choose_mode(o, lint, e);
}

/* ---- modes --------------------------------------------------------------------------------- */

/* *left_out: the units --target left out (prog.h). */
static int units_of(const struct opts *o, struct cmdlist *units, size_t *left_out,
                    struct err *e)
{
	struct model_src src = {o->sources, o->nsources, o->build_dir,
	                        o->cargs,   o->ncargs,   o->have_cargs};
	return model_units(&src, units, e) ||
	               (o->target && prog_keep(o->build_dir, o->target, units, left_out, e))
	           ? -1
	           : 0;
}

/* A run split by --shard or exporting its summaries: *use becomes the units to parse. */
static int prepare_split(const struct opts *o, const struct hotlist *hl, struct summ *sm,
                         const struct cmdlist *units, const struct cmdlist **use, struct err *e)
{
	sm->k = o->shard_k;
	sm->n = o->shard_n;
	sm->path = o->summaries;
	sm->export_path = o->export_summaries;
	struct summ_ctx c = {
	    o->build_dir, hl ? o->hotspots : NULL, o->rules, VERSION, o->mode == MODE_REWRITE,
	    hl,           (int)o->style,           o->force};
	return summ_prepare(sm, &c, units, use, e);
}

static int run_mode(const struct opts *o, const struct rules *rl, struct err *e)
{
	struct hotlist hl = {0};
	struct cmdlist units = {0};
	struct summ sm;
	summ_init(&sm);
	int split = o->shard_n || o->export_summaries;
	const struct cmdlist *use = &units;
	int rc = -1;
	size_t left_out = 0;
	int want_hot = o->mode == MODE_REWRITE || (o->mode == MODE_LINT && o->hotspots);
	if ((want_hot && hot_load(&hl, o->hotspots, e)) || units_of(o, &units, &left_out, e) ||
	    (split && prepare_split(o, want_hot ? &hl : NULL, &sm, &units, &use, e)))
		goto out;
	if (o->mode == MODE_REWRITE) {
		char *program = o->program ? fs_abspath(o->program, NULL) : NULL;
		struct rewrite_opts ro = {
		    rl,        &hl,         o->style,           o->force, o->in_place, o->report,
		    o->jobs,   o->progress, split ? &sm : NULL, NULL,     o->diff,     program,
		    o->target, left_out};
		rc = rewrite_run(use, &ro, stdout, stderr, e);
		free(program);
	} else if (o->mode == MODE_LINT) {
		struct lint_opts lo = {rl,      want_hot ? &hl : NULL, o->jobs,           o->format,
		                       VERSION, o->progress,           split ? &sm : NULL};
		rc = lint_run(use, &lo, stdout, e);
	} else {
		rc = model_dump(&units, stdout, e);
	}
out:
	summ_free(&sm);
	cmdlist_free(&units);
	hot_free(&hl);
	return rc;
}

int main(int argc, char **argv)
{
	struct err e = ERR_INIT;
	struct opts o;
	struct rules rl;
	memset(&rl, 0, sizeof(rl));
	int rc;
	heap_tune();
	/* A closed pipe is a write error reported with what was written, not a silent death. */
	signal(SIGPIPE, SIG_IGN);
	if (parse_args(argc, argv, &o, &e)) {
		if (argc < 2)
			fputs(usage, stderr);
		rc = -1;
		goto done;
	}
	if (o.mode != MODE_DUMP && o.mode != MODE_RECOVER && rules_load(&rl, o.rules, &e)) {
		rc = -1;
		goto done;
	}
	switch (o.mode) {
	case MODE_PROFILE: {
		/* With sources (SOURCE..., -p DIR, "--"), the suggestions are checked on them. */
		struct cmdlist units = {0};
		int src = o.nsources || o.build_dir || o.have_cargs;
		char *program = o.program ? fs_abspath(o.program, NULL) : NULL;
		struct prof_opts po = {o.profile,
		                       o.have_top ? o.top : 0,
		                       o.have_share ? o.min_share : 0.0,
		                       &units,
		                       o.jobs,
		                       program};
		size_t left_out = 0;
		rc = src && units_of(&o, &units, &left_out, &e) ? -1 : prof_main(&po, &rl, &e);
		free(program);
		cmdlist_free(&units);
		break;
	}
	case MODE_REWRITE:
	case MODE_LINT:
	case MODE_DUMP:
		rc = run_mode(&o, &rl, &e);
		break;
	case MODE_RECOVER:
		rc = wset_recover((const char *const *)o.sources, o.nsources, stderr, &e);
		break;
	default:
		rc = -1;
		break;
	}
	/* What went to stdout (a lint report, a profile's list) must have been written. */
	errno = 0;
	if (rc >= 0 && (fflush(stdout) || ferror(stdout)))
		rc = err_set(&e, ERR_INPUT, NULL, 0, 0, "cannot write to standard output%s%s",
		             errno ? ": " : "", errno ? strerror(errno) : "");
done:
	free(o.sources);
	rules_free(&rl);
	if (rc < 0) {
		err_print(&e);
		int code = e.code ? e.code : ERR_INPUT;
		err_clear(&e);
		return code;
	}
	return rc;
}
