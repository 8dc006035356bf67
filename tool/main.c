/*
 * arena-rewrite: the command. Parses the command line (CONTRACT section 2), runs one mode,
 * prints every error in one place and maps it to the exit status.
 *
 * Rewrite data path: hotspot list (hot.c) -> translation units and their arguments (cmd.c, cx.c)
 * -> per unit, in parallel: parse into an ast (cx.c), plan edits (plan.c) -> merge in unit
 * order -> refuse unsafe hotspots -> per file: apply edits (edit.c) -> diff (diff.c) or stage
 * every file then rename each into place (fsio.c).
 */
#include "ast.h"
#include "cg.h"
#include "cmd.h"
#include "cx.h"
#include "diff.h"
#include "edit.h"
#include "err.h"
#include "esc.h"
#include "fsio.h"
#include "hot.h"
#include "lint.h"
#include "mem.h"
#include "par.h"
#include "plan.h"
#include "prof.h"
#include "report.h"
#include "rules.h"
#include "sbuf.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define VERSION "0.1.0"

enum mode { MODE_NONE, MODE_REWRITE, MODE_LINT, MODE_PROFILE, MODE_DUMP };

struct opts {
	enum mode mode;
	const char *hotspots;
	const char *build_dir;
	const char *rules;
	const char *report;
	const char *profile;
	const char *format;
	int in_place;
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
    "       arena-rewrite --help | --version\n";

static const char help[] =
    "\n"
    "Rewrites the allocation calls of chosen C functions onto an arena (runtime/arena_rt.h),\n"
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
    "\n"
    "Options:\n"
    "  -p DIR, --build-dir DIR  folder holding compile_commands.json; with no SOURCE every\n"
    "                         file of the database is considered\n"
    "  -i, --in-place         write the rewritten files (atomically) instead of a diff\n"
    "  --exit-style=cleanup|explicit\n"
    "                         cleanup (default): __attribute__((cleanup)) frees the arena;\n"
    "                         explicit: arena_release() before every return and at the end\n"
    "  --force                rewrite a hotspot even where it lets arena memory escape\n"
    "  --rules FILE           extra allocator families and lint settings (JSON), merged over\n"
    "                         the built-in rules/default.json: wrappers (xmalloc), hook fields\n"
    "                         (hooks->allocate), release functions (a tree's recursive free)\n"
    "  --format=text|json|sarif  lint output format\n"
    "  --report FILE          JSON summary of a rewrite: sites rewritten, sites skipped and why\n"
    "  -j N                   translation units processed in parallel (default: the number\n"
    "                         of cores)\n"
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
    "found errors; 2 bad usage or bad input (nothing written).\n";

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

static int parse_args(int argc, char **argv, struct opts *o, struct err *e)
{
	memset(o, 0, sizeof(*o));
	o->jobs = par_cores();
	o->progress = PAR_PROGRESS_AUTO;
	int lint = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = NULL;
		int r;
		if (!strcmp(a, "--")) {
			o->have_cargs = 1;
			o->cargs = argv + i + 1;
			o->ncargs = (size_t)(argc - i - 1);
			break;
		}
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(usage, stdout);
			fputs(help, stdout);
			exit(0);
		}
		if (!strcmp(a, "--version")) {
			printf("arena-rewrite %s (libclang: %s)\n", VERSION, cx_version());
			exit(0);
		}
		if (!strcmp(a, "--lint")) {
			lint = 1;
			continue;
		}
		if (!strcmp(a, "-i") || !strcmp(a, "--in-place")) {
			o->in_place = 1;
			continue;
		}
		if (!strcmp(a, "--progress") || !strcmp(a, "--no-progress")) {
			o->progress = a[2] == 'p' ? PAR_PROGRESS_ON : PAR_PROGRESS_OFF;
			continue;
		}
		if (!strcmp(a, "--force")) {
			o->force = 1;
			continue;
		}
		if (!strcmp(a, "--dump-ast")) { /* undocumented: for debugging the engine */
			o->mode = MODE_DUMP;
			continue;
		}
#define VALUE(name) ((r = opt_value(argc, argv, &i, name, &v, e)) < 0 ? -1 : r)
		if ((r = VALUE("--hotspots"))) {
			if (r < 0)
				return -1;
			o->hotspots = v;
			continue;
		}
		if ((r = VALUE("--build-dir")) || (r = VALUE("-p"))) {
			if (r < 0)
				return -1;
			o->build_dir = v;
			continue;
		}
		if ((r = VALUE("--rules"))) {
			if (r < 0)
				return -1;
			o->rules = v;
			continue;
		}
		if ((r = VALUE("--report"))) {
			if (r < 0)
				return -1;
			o->report = v;
			continue;
		}
		if ((r = VALUE("--profile"))) {
			if (r < 0)
				return -1;
			o->profile = v;
			continue;
		}
		if ((r = VALUE("--format"))) {
			if (r < 0)
				return -1;
			if (strcmp(v, "text") && strcmp(v, "json") && strcmp(v, "sarif"))
				return usage_error(
				    e, "--format takes text, json or sarif, not '%s'", v);
			o->format = v;
			continue;
		}
		if ((r = VALUE("--exit-style"))) {
			if (r < 0)
				return -1;
			if (!strcmp(v, "cleanup"))
				o->style = EXIT_CLEANUP;
			else if (!strcmp(v, "explicit"))
				o->style = EXIT_EXPLICIT;
			else
				return usage_error(
				    e, "--exit-style takes cleanup or explicit, not '%s'", v);
			continue;
		}
		if ((r = VALUE("--top"))) {
			if (r < 0)
				return -1;
			if (parse_long(v, &o->top) || o->top <= 0)
				return usage_error(
				    e, "--top takes a positive whole number, not '%s'", v);
			o->have_top = 1;
			continue;
		}
		if ((r = VALUE("--min-share"))) {
			if (r < 0)
				return -1;
			if (parse_double(v, &o->min_share) || !(o->min_share >= 0.0) ||
			    o->min_share > 1.0)
				return usage_error(
				    e, "--min-share takes a number from 0 to 1, not '%s'", v);
			o->have_share = 1;
			continue;
		}
		if (!strncmp(a, "-j", 2)) {
			const char *num = a[2] ? a + 2 : (i + 1 < argc ? argv[++i] : NULL);
			if (!num || parse_long(num, &o->jobs) || o->jobs < 1 || o->jobs > 256)
				return usage_error(e, "-j takes a number from 1 to 256", NULL);
			continue;
		}
#undef VALUE
		if (a[0] == '-' && a[1])
			return usage_error(e, "unknown option '%s'", a);
		GROW(o->sources, o->nsources, o->sources_cap);
		o->sources[o->nsources++] = argv[i];
	}
	if (o->mode == MODE_DUMP)
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
	return 0;
}

/* ---- translation units ------------------------------------------------------------------ */

static int collect_units(const struct opts *o, struct cmdlist *units, struct err *e)
{
	struct cmdlist db = {0};
	if (o->build_dir && cx_cdb_load(o->build_dir, &db, e))
		return -1;
	char *cwd = getcwd(NULL, 0);
	if (!cwd)
		return err_set(e, ERR_INPUT, NULL, 0, 0, "cannot read the current folder");
	if (!o->nsources && !o->build_dir) {
		free(cwd);
		cmdlist_free(&db);
		return usage_error(e, "no source files: name them, or give -p BUILD_DIR", NULL);
	}
	if (!o->nsources) {
		for (size_t i = 0; i < db.n; i++) {
			struct cmd c;
			cmd_init(&c, db.v[i].file, db.v[i].dir);
			for (size_t k = 0; k < db.v[i].argc; k++)
				cmd_add_arg(&c, db.v[i].argv[k]);
			if (o->have_cargs)
				cmd_add_user_args(&c, o->cargs, o->ncargs);
			cmdlist_push(units, &c);
		}
	}
	/* Databases found by walking up, loaded once each. */
	char **dirs = NULL;
	struct cmdlist *dbs = NULL;
	size_t ndirs = 0, cap = 0, dcap = 0;
	int rc = 0;
	for (size_t s = 0; s < o->nsources && !rc; s++) {
		char *abs = fs_abspath(o->sources[s], cwd);
		if (!fs_exists(abs)) {
			rc = err_set(e, ERR_INPUT, o->sources[s], 0, 0, "no such file");
			free(abs);
			break;
		}
		struct cmd c;
		const struct cmd *found = NULL;
		if (o->have_cargs) {
			cmd_init(&c, abs, cwd);
			cmd_add_user_args(&c, o->cargs, o->ncargs);
		} else {
			if (o->build_dir) {
				found = cmdlist_find(&db, abs);
			} else {
				char *dir = cmd_find_db(abs);
				if (dir) {
					size_t k;
					for (k = 0; k < ndirs && strcmp(dirs[k], dir); k++)
						;
					if (k == ndirs) {
						GROW(dirs, ndirs, cap);
						GROW(dbs, ndirs, dcap);
						memset(&dbs[ndirs], 0, sizeof(dbs[ndirs]));
						dirs[ndirs] = dir;
						struct err ignore = ERR_INIT;
						cx_cdb_load(dir, &dbs[ndirs], &ignore);
						err_clear(&ignore);
						ndirs++;
					} else {
						free(dir);
					}
					found = cmdlist_find(&dbs[k], abs);
				}
			}
			if (found) {
				cmd_init(&c, abs, found->dir);
				for (size_t k = 0; k < found->argc; k++)
					cmd_add_arg(&c, found->argv[k]);
			} else {
				cmd_init(&c, abs, cwd);
			}
		}
		cmdlist_push(units, &c);
		free(abs);
	}
	for (size_t k = 0; k < ndirs; k++) {
		free(dirs[k]);
		cmdlist_free(&dbs[k]);
	}
	free(dirs);
	free(dbs);
	cmdlist_free(&db);
	free(cwd);
	return rc;
}

/* ---- parallel parse and plan -------------------------------------------------------------- */

struct job {
	const struct cmdlist *units;
	const struct plan_opts *po; /* NULL: build call graphs instead of plans */
	struct cg *graphs;
	struct plan *plans;
	struct err *errs;
	const char *const *only;
	size_t nonly;
	struct ast **asts; /* NULL: parse each unit; else unit i's ast, freed once planned */
};

static void unit_job(void *ctx, size_t i)
{
	struct job *j = ctx;
	struct ast *a = NULL;
	if (j->asts) {
		a = j->asts[i];
		j->asts[i] = NULL;
	} else if (cx_parse(&j->units->v[i], j->only, j->nonly, &a, &j->errs[i])) {
		return;
	}
	if (j->po)
		plan_tu(&j->plans[i], a, j->po, &j->errs[i]);
	else
		cg_add_ast(&j->graphs[i], a);
	ast_free(a);
}

/*
 * Parses every unit on `jobs` threads. With po, plans each unit and merges the plans into
 * `out` in unit order (output never depends on -j); without, builds the call graph into `g`.
 * `only` limits which function bodies are converted (NULL: all). With asts (one per unit, all
 * parsed), nothing is parsed: each ast is used and freed (asts[i] set to NULL).
 */
static int run_units(const struct cmdlist *units, const struct plan_opts *po,
                     const char *const *only, size_t nonly, long jobs, struct plan *out,
                     struct cg *g, struct ast **asts, struct err *e)
{
	struct job j = {units, po, NULL, NULL, NULL, only, nonly, asts};
	j.plans = xcalloc(units->n + 1, sizeof(*j.plans));
	j.graphs = xcalloc(units->n + 1, sizeof(*j.graphs));
	j.errs = xcalloc(units->n + 1, sizeof(*j.errs));
	par_run(units->n, jobs, unit_job, &j);
	int rc = err_take_first(j.errs, units->n, e);
	for (size_t i = 0; i < units->n; i++) {
		if (out)
			plan_merge(out, &j.plans[i]);
		if (g)
			cg_merge(g, &j.graphs[i]);
		plan_free(&j.plans[i]);
		cg_free(&j.graphs[i]);
	}
	free(j.plans);
	free(j.graphs);
	free(j.errs);
	return rc;
}

/* ---- scopes --------------------------------------------------------------------------------- */

struct scopes {
	const char **names; /* distinct scope functions */
	size_t n;
	struct cg g;
	unsigned char *reach; /* reachable from a scope */
	const char **only;    /* bodies to convert in the planning pass */
	size_t nonly;
};

static void scopes_free(struct scopes *s)
{
	free(s->names);
	free(s->reach);
	free(s->only);
	cg_free(&s->g);
}

static void add_name(const char ***v, size_t *n, const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*v)[i], name))
			return;
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = name;
}

/*
 * First pass of a run with scopes: the call graph of all units, the functions reachable from
 * each scope (their free/realloc become ownership-aware), and notes for scoped hotspots that
 * code outside every scope also calls (their allocations there come from the heap).
 */
static int prepare_scopes(const struct hotlist *hl, const struct cmdlist *units, long jobs,
                          struct scopes *s, struct err *e)
{
	memset(s, 0, sizeof(*s));
	for (size_t h = 0; h < hl->n; h++)
		if (hl->v[h].scope && strcmp(hl->v[h].scope, hl->v[h].function))
			add_name(&s->names, &s->n, hl->v[h].scope);
	if (!s->n)
		return 0;
	cg_init(&s->g);
	if (run_units(units, NULL, NULL, 0, jobs, NULL, &s->g, NULL, e))
		return -1;
	size_t nf = s->g.n;
	s->reach = xcalloc(nf + 1, 1);
	unsigned char *is_scope = xcalloc(nf + 1, 1);
	int *starts = xcalloc(nf + 1, sizeof(int));
	size_t nstarts = 0;
	for (size_t k = 0; k < s->n; k++) {
		int found = 0;
		for (size_t i = 0; i < nf; i++)
			if (s->g.v[i].defined && !strcmp(s->g.v[i].name, s->names[k])) {
				starts[nstarts++] = (int)i;
				is_scope[i] = 1;
				found = 1;
			}
		if (!found) {
			for (size_t h = 0; h < hl->n; h++)
				if (hl->v[h].scope && !strcmp(hl->v[h].scope, s->names[k])) {
					err_set(
					    e, ERR_INPUT, NULL, 0, 0,
					    "%s: scope function '%s' is defined in none of the %zu "
					    "source file(s) parsed",
					    hl->v[h].where, s->names[k], units->n);
					break;
				}
			free(is_scope);
			free(starts);
			return -1;
		}
	}
	cg_reach(&s->g, starts, nstarts, NULL, s->reach, NULL);

	/* Roots: defined functions nothing in the sources calls (main, a library's API). */
	unsigned char *called = xcalloc(nf + 1, 1);
	for (size_t i = 0; i < nf; i++)
		for (size_t k = 0; k < s->g.v[i].ncallees; k++)
			called[s->g.v[i].callees[k]] = 1;
	nstarts = 0;
	for (size_t i = 0; i < nf; i++)
		if (s->g.v[i].defined && !called[i] && !s->g.v[i].addr_taken)
			starts[nstarts++] = (int)i;
	unsigned char *outside = xcalloc(nf + 1, 1);
	int *via = xcalloc(nf + 1, sizeof(int));
	cg_reach(&s->g, starts, nstarts, is_scope, outside, via);
	for (size_t h = 0; h < hl->n; h++) {
		if (!hl->v[h].scope || !strcmp(hl->v[h].scope, hl->v[h].function))
			continue;
		for (size_t i = 0; i < nf; i++) {
			const struct cg_func *f = &s->g.v[i];
			if (!f->defined || is_scope[i] || !outside[i] ||
			    strcmp(f->name, hl->v[h].function))
				continue;
			int root = (int)i;
			while (via[root] >= 0)
				root = via[root];
			char *rel = fs_relpath_cwd(f->file);
			fprintf(
			    stderr,
			    "%s:%u: note: '%s' is also reached outside every scope (from '%s'); "
			    "its allocations there come from the heap\n",
			    rel, f->line, f->name, s->g.v[root].name);
			free(rel);
		}
	}
	/* The planning pass converts only the bodies it may edit. */
	for (size_t h = 0; h < hl->n; h++)
		add_name(&s->only, &s->nonly, hl->v[h].function);
	for (size_t k = 0; k < s->n; k++)
		add_name(&s->only, &s->nonly, s->names[k]);
	for (size_t i = 0; i < nf; i++)
		if (s->reach[i] && s->g.v[i].defined)
			add_name(&s->only, &s->nonly, s->g.v[i].name);
	free(called);
	free(outside);
	free(via);
	free(is_scope);
	free(starts);
	return 0;
}

/* The units' names for the progress line (par.h); free with free_names. */
static char **start_progress(const struct opts *o, const struct cmdlist *units)
{
	char **names = xcalloc(units->n + 1, sizeof(*names));
	for (size_t i = 0; i < units->n; i++)
		names[i] = fs_relpath_cwd(units->v[i].file);
	par_progress(o->progress, (const char *const *)names, units->n);
	return names;
}

static void free_names(char **names, size_t n)
{
	for (size_t i = 0; names && i < n; i++)
		free(names[i]);
	free(names);
}

/* ---- rewrite ------------------------------------------------------------------------------- */

static void print_sites(const struct plan *p)
{
	for (size_t i = 0; i < p->nsites; i++) {
		const struct plan_site *s = &p->sites[i];
		if (s->replacement)
			continue;
		char *rel = fs_relpath_cwd(s->file);
		fprintf(stderr, "%s:%u:%u: note: %s() not rewritten: %s\n", rel, s->line, s->col,
		        s->callee, s->reason);
		free(rel);
	}
}

static int rewrite(const struct opts *o, const struct rules *rl, struct err *e)
{
	struct hotlist hl = {0};
	struct cmdlist units = {0};
	struct scopes sc;
	memset(&sc, 0, sizeof(sc));
	struct plan p;
	memset(&p, 0, sizeof(p));
	struct edit_set *sets = NULL;
	size_t nsets = 0;
	char **staged = NULL;
	struct esc_sums *sums = esc_sums_new();
	struct ast **asts = NULL;
	char **names = NULL;
	int rc = -1, refused = 0;
	if (hot_load(&hl, o->hotspots, e) || collect_units(o, &units, e))
		goto out;
	names = start_progress(o, &units);
	if (prepare_scopes(&hl, &units, o->jobs, &sc, e))
		goto out;
	struct plan_opts po = {o->style, o->force, rl, &hl, sc.names, sc.n, sc.n ? &sc.g : NULL,
	                       sc.reach, sums};
	const char **only = sc.only;
	size_t nonly = sc.nonly;
	if (!sc.n) {
		/* Without scopes only the hotspots' bodies are needed. */
		only = xcalloc(hl.n + 1, sizeof(*only));
		for (size_t h = 0; h < hl.n; h++)
			only[h] = hl.v[h].function;
		nonly = hl.n;
	}
	/*
	 * One parse per unit, as the lint parses (the bodies planned, those that can touch arena
	 * memory, and their kin), then the escape summaries of the whole run, then the plans of
	 * the same asts; refusals see callees in every unit.
	 */
	asts = xcalloc(units.n + 1, sizeof(*asts));
	int prc = lint_parse(&units, only, nonly, o->jobs, asts, e);
	if (!prc) {
		for (size_t i = 0; sc.n && i < sc.g.n; i++)
			if (sc.reach[i] && sc.g.v[i].defined)
				esc_sums_set_free_aware(sums, sc.g.v[i].usr);
		lint_summarize(asts, units.n, rl, &hl, sums);
		prc = run_units(&units, &po, only, nonly, o->jobs, &p, NULL, asts, e);
	}
	if (!sc.n)
		free(only);
	if (prc)
		goto out;
	for (size_t h = 0; h < hl.n; h++) {
		if (!plan_found(&p, (int)h)) {
			err_set(e, ERR_INPUT, NULL, 0, 0,
			        "%s: hotspot function '%s'%s%s is defined in none of the %zu "
			        "source file(s) parsed",
			        hl.v[h].where, hl.v[h].function, hl.v[h].file ? " in " : "",
			        hl.v[h].file ? hl.v[h].file : "", units.n);
			goto out;
		}
	}
	print_sites(&p);
	for (size_t i = 0; i < p.nfuncs; i++) {
		const struct plan_func *f = &p.funcs[i];
		int group = f->hot >= (int)hl.n;
		const char *name = group ? sc.names[f->hot - (int)hl.n] : hl.v[f->hot].function;
		const char *what = group ? "scope" : "hotspot";
		/* A scope that is a hotspot too has both records; say things once. */
		if (!group && sc.n && f->refused) {
			int dup = 0;
			for (size_t k = 0; k < sc.n; k++)
				dup |= !strcmp(sc.names[k], name);
			if (dup)
				continue;
		}
		char *rel = fs_relpath_cwd(f->file);
		if (f->refused) {
			fprintf(stderr,
			        "%s:%u: error: %s '%s' refused, nothing written for it:%s\n", rel,
			        f->line, what, name, f->why);
			refused = 1;
		} else if (f->warn) {
			fprintf(stderr, "%s:%u: warning: %s '%s' rewritten under --force:%s\n", rel,
			        f->line, what, name, f->warn);
		} else if (!f->nrewritten && !group && f->group < 0) {
			fprintf(stderr, "%s:%u: note: no allocation call to rewrite in '%s'\n", rel,
			        f->line, name);
		}
		if (!f->refused && f->group >= 0 && plan_refused(&p, f->group))
			refused = 1;
		free(rel);
	}
	nsets = plan_finish(&p, &sets);
	struct sbuf *out = xcalloc(nsets + 1, sizeof(*out));
	struct sbuf diffs = SBUF_INIT;
	for (size_t k = 0; k < nsets; k++) {
		struct fs_text t;
		sb_init(&out[k]);
		if (fs_read(sets[k].path, &t, e))
			goto out_bufs;
		int bad = edit_apply(&sets[k], t.data, t.len, &out[k], e);
		if (!bad && !o->in_place) {
			char *rel = fs_relpath_cwd(sets[k].path);
			if (!strncmp(rel, "../", 3))
				fprintf(
				    stderr,
				    "%s: note: outside the current folder; run from a folder above "
				    "every rewritten file for a diff git apply takes\n",
				    rel);
			char *pa = xasprintf("a/%s", rel), *pb = xasprintf("b/%s", rel);
			diff_edits(&diffs, pa, pb, t.data, t.len, out[k].buf, out[k].len, &sets[k],
			           3);
			free(pa);
			free(pb);
			free(rel);
		}
		fs_text_free(&t);
		if (bad)
			goto out_bufs;
	}
	/*
	 * Every file this run writes, the report included, is staged before any is renamed into
	 * place, and nothing is printed before that: an unwritable file (source or report) means
	 * exit 2 with nothing written. A symbolic link is followed, so its target gets the text.
	 */
	size_t nfiles = (o->in_place ? nsets : 0) + (o->report ? 1 : 0);
	staged = xcalloc(nfiles + 1, sizeof(*staged));
	char **target = xcalloc(nfiles + 1, sizeof(*target));
	char *json = o->report ? report_json(&p, &hl, sc.names, sc.n) : NULL;
	int failed = 0;
	for (size_t k = 0; k < nfiles && !failed; k++) {
		int is_report = json && k == nfiles - 1;
		target[k] = fs_resolve(is_report ? o->report : sets[k].path);
		staged[k] = is_report ? fs_stage(target[k], json, strlen(json), e)
		                      : fs_stage(target[k], out[k].buf, out[k].len, e);
		failed = !staged[k];
	}
	if (!failed)
		fwrite(diffs.buf, 1, diffs.len, stdout);
	/* A rename that fails now (only the system can cause it) leaves the files renamed
	 * before it changed; the rest are discarded. */
	for (size_t k = 0; k < nfiles && !failed; k++)
		failed = fs_commit(staged[k], target[k], e) != 0;
	for (size_t k = 0; k < nfiles; k++) {
		if (failed && staged[k])
			fs_discard(staged[k]);
		free(staged[k]);
		free(target[k]);
	}
	free(staged);
	staged = NULL;
	free(target);
	free(json);
	sb_release(&diffs);
	if (failed)
		goto out_bufs;
	rc = refused ? 1 : 0;
out_bufs:
	sb_release(&diffs);
	for (size_t k = 0; k < nsets; k++)
		sb_release(&out[k]);
	free(out);
out:
	for (size_t k = 0; k < nsets; k++)
		edit_free(&sets[k]);
	free(sets);
	plan_free(&p);
	for (size_t u = 0; asts && u < units.n; u++)
		ast_free(asts[u]);
	free(asts);
	free_names(names, units.n);
	esc_sums_free(sums);
	scopes_free(&sc);
	cmdlist_free(&units);
	hot_free(&hl);
	return rc;
}

/* ---- lint (rewrite/lint.h) ------------------------------------------------------------------- */

static int lint(const struct opts *o, const struct rules *rl, struct err *e)
{
	struct hotlist hl = {0};
	struct cmdlist units = {0};
	int rc = -1;
	if ((!o->hotspots || !hot_load(&hl, o->hotspots, e)) && !collect_units(o, &units, e)) {
		char **names = start_progress(o, &units);
		struct lint_opts lo = {rl, o->hotspots ? &hl : NULL, o->jobs, o->format, VERSION};
		rc = lint_run(&units, &lo, stdout, e);
		free_names(names, units.n);
	}
	cmdlist_free(&units);
	hot_free(&hl);
	return rc;
}

/* ---- debugging aid --------------------------------------------------------------------------- */

static int dump(const struct opts *o, struct err *e)
{
	struct cmdlist units = {0};
	if (collect_units(o, &units, e)) {
		cmdlist_free(&units);
		return -1;
	}
	int rc = 0;
	for (size_t u = 0; u < units.n && !rc; u++) {
		struct ast *a;
		if (cx_parse(&units.v[u], NULL, 0, &a, e)) {
			rc = -1;
			break;
		}
		for (size_t n = 0; n < a->nnodes; n++) {
			const struct ast_node *x = &a->nodes[n];
			int depth = 0;
			for (int p = x->parent; p >= 0; p = a->nodes[p].parent)
				depth++;
			printf("%*s%s %u:%u [%u,%u) %s%s%s%s%s t%d d%d%s%s\n", depth * 2, "",
			       ast_kind_name(x->kind), x->line, x->col, x->begin, x->end,
			       x->name ? x->name : "", x->op ? " op=" : "", x->op ? x->op : "",
			       (x->flags & AF_MACRO) ? " MACRO" : "",
			       (x->flags & AF_MACRO_ARG) ? "-ARG" : "", x->tclass, x->decl,
			       x->decl >= 0 && a->decls[x->decl].type ? " : " : "",
			       x->decl >= 0 && a->decls[x->decl].type ? a->decls[x->decl].type
			                                              : "");
		}
		ast_free(a);
	}
	cmdlist_free(&units);
	return rc;
}

int main(int argc, char **argv)
{
	struct err e = ERR_INIT;
	struct opts o;
	struct rules rl;
	memset(&rl, 0, sizeof(rl));
	int rc;
	if (parse_args(argc, argv, &o, &e)) {
		if (argc < 2)
			fputs(usage, stderr);
		rc = -1;
		goto done;
	}
	if (o.mode != MODE_DUMP && rules_load(&rl, o.rules, &e)) {
		rc = -1;
		goto done;
	}
	switch (o.mode) {
	case MODE_PROFILE: {
		struct prof_opts po = {o.profile, o.have_top ? o.top : 0,
		                       o.have_share ? o.min_share : 0.0};
		rc = prof_main(&po, &rl, &e);
		break;
	}
	case MODE_REWRITE:
		rc = rewrite(&o, &rl, &e);
		break;
	case MODE_LINT:
		rc = lint(&o, &rl, &e);
		break;
	case MODE_DUMP:
		rc = dump(&o, &e);
		break;
	default:
		rc = -1;
		break;
	}
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
