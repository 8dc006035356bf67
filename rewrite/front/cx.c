/*
 * cx: the libclang wrapper's entry points (cx.h): the builtin-header folder, libclang's version,
 * and parsing one unit into a struct ast. The conversion itself is in cx_conv.c, cx_decl.c,
 * cx_sel.c and cx_file.c, the fast path in cx_fast.c, compilation databases in cx_cdb.c (map in
 * cx_int.h).
 *
 * A unit that does not parse is reported by its first error, except when an error lies in the
 * runtime header (rtapi_is_header): then the unit's own flags are at fault (a rewritten unit, or
 * one that already includes arena_rt.h, built with -std=c89 -pedantic-errors, -Weverything
 * -Werror, ...), and the message names the unit, the flag found and what to change it to.
 */
#define _GNU_SOURCE
#include "cx.h"
#include "ast.h"
#include "cx_fast.h"
#include "cx_int.h"
#include "cmd.h"
#include "err.h"
#include "fsio.h"
#include "mem.h"
#include "rtapi.h"
#include "sbuf.h"

#include <clang-c/Index.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef ARW_RUNTIME_DIR
#define ARW_RUNTIME_DIR ""
#endif
#ifndef ARW_RUNTIME_INCLUDEDIR
#define ARW_RUNTIME_INCLUDEDIR ""
#endif
#ifndef ARW_CLANG_RESOURCE_DIR
#define ARW_CLANG_RESOURCE_DIR ""
#endif

/* ---- resource folder ---------------------------------------------------------------- */

static char resource_dir[4096];
static pthread_once_t resource_once = PTHREAD_ONCE_INIT;

static int has_stddef(const char *dir)
{
	char *p = xasprintf("%s/include/stddef.h", dir);
	int r = fs_exists(p);
	free(p);
	return r;
}

static void find_resource_dir(void)
{
	const char *env = getenv("ARENA_REWRITE_RESOURCE_DIR");
	if (env && *env && has_stddef(env)) {
		snprintf(resource_dir, sizeof(resource_dir), "%s", env);
		return;
	}
	if (*ARW_CLANG_RESOURCE_DIR && has_stddef(ARW_CLANG_RESOURCE_DIR)) {
		snprintf(resource_dir, sizeof(resource_dir), "%s", ARW_CLANG_RESOURCE_DIR);
		return;
	}
	/* "Debian clang version 14.0.6" -> /usr/lib/llvm-14/lib/clang/14.0.6 (or .../14). */
	const char *v = cx_version();
	const char *num = strstr(v, "version ");
	if (!num)
		return;
	num += 8;
	int major = atoi(num);
	size_t vlen = strspn(num, "0123456789.");
	char *full = xstrndup(num, vlen);
	char *cands[] = {xasprintf("/usr/lib/llvm-%d/lib/clang/%s", major, full),
	                 xasprintf("/usr/lib/llvm-%d/lib/clang/%d", major, major),
	                 xasprintf("/usr/lib/clang/%s", full),
	                 xasprintf("/usr/lib/clang/%d", major)};
	for (size_t i = 0; i < 4; i++) {
		if (!*resource_dir && has_stddef(cands[i]))
			snprintf(resource_dir, sizeof(resource_dir), "%s", cands[i]);
		free(cands[i]);
	}
	free(full);
}

const char *cx_resource_dir(void)
{
	pthread_once(&resource_once, find_resource_dir);
	return resource_dir;
}

static char version[256];
static pthread_once_t version_once = PTHREAD_ONCE_INIT;

static void read_version(void)
{
	char *v = cx_take(clang_getClangVersion());
	snprintf(version, sizeof(version), "%s", v);
	free(v);
}

const char *cx_version(void)
{
	pthread_once(&version_once, read_version);
	return version;
}

static void report_diag(CXDiagnostic d, const char *fallback, struct err *e)
{
	CXFile f;
	unsigned line, col;
	clang_getExpansionLocation(clang_getDiagnosticLocation(d), &f, &line, &col, NULL);
	char *msg = cx_take(clang_getDiagnosticSpelling(d));
	char *fname = f ? cx_take(clang_getFileName(f)) : xstrdup(fallback);
	char *rel = fname[0] == '/' ? fs_relpath_cwd(fname) : xstrdup(fname);
	err_set(e, ERR_INPUT, rel, f ? line : 0, f ? col : 0, "%s (the source does not parse)",
	        msg);
	free(rel);
	free(fname);
	free(msg);
}

/* ---- errors in the runtime header: the unit's flags ----------------------------------- */

/* The flags of a unit that decide whether arena_rt.h parses (the last of each wins). */
struct rt_flags {
	const char *std;      /* "-std=c89", "-ansi", or NULL */
	int old_std;          /* std is before C99 */
	const char *werr_opt; /* "-Werror=OPT" naming the diagnostic's own option */
	const char *werr_any; /* the last "-Werror=..." */
	int werror, pedantic_errors;
};

static void rt_scan_flags(const struct cmd *c, const char *opt, struct rt_flags *f)
{
	static const char *const old[] = {"c89",   "c90",          "gnu89",
	                                  "gnu90", "iso9899:1990", "iso9899:199409"};
	memset(f, 0, sizeof(*f));
	for (size_t i = 0; i < c->argc; i++) {
		const char *a = c->argv[i];
		const char *v = !strncmp(a, "--std=", 6)  ? a + 6
		                : !strncmp(a, "-std=", 5) ? a + 5
		                                          : NULL;
		if (v || !strcmp(a, "-ansi") || !strcmp(a, "--ansi")) {
			f->std = a;
			f->old_std = !v;
			for (size_t k = 0; v && k < sizeof(old) / sizeof(old[0]); k++)
				f->old_std |= !strcmp(v, old[k]);
		} else if (!strcmp(a, "-Werror")) {
			f->werror = 1;
		} else if (!strncmp(a, "-Werror=", 8)) {
			f->werr_any = a;
			if (*opt && !strcmp(a + 8, opt + 2))
				f->werr_opt = a;
		} else if (!strcmp(a, "-pedantic-errors") || !strcmp(a, "--pedantic-errors")) {
			f->pedantic_errors = 1;
		}
	}
}

/* What to change, for a diagnostic `msg` whose warning option is `opt` ("" for a hard error). */
static char *rt_advice(const struct cmd *c, const char *msg, const char *opt)
{
	struct rt_flags f;
	rt_scan_flags(c, opt, &f);
	const char *name = *opt ? opt + 2 : "";
	if (f.werr_opt)
		return xasprintf("it found '%s': drop it, or add '-Wno-error=%s' after it",
		                 f.werr_opt, name);
	/* In C89 the header needs gcc's or clang's extensions: a hard error means it has none. */
	if (f.old_std && !*opt)
		return xasprintf(
		    "it found '%s', and without the GNU extensions of gcc and clang the "
		    "header needs C11: change it to '-std=c11'",
		    f.std);
	if (f.old_std && strstr(msg, "C99"))
		return xasprintf("it found '%s'%s, and the header needs C99 or later: change it to "
		                 "'-std=c99' (or '-std=gnu99', '-std=c11')",
		                 f.std, f.pedantic_errors ? " with '-pedantic-errors'" : "");
	if (*opt && f.pedantic_errors && !f.werror)
		return xasprintf("it found '-pedantic-errors': change it to '-pedantic', or add "
		                 "'-Wno-error=%s' after it",
		                 name);
	if (*opt && f.werror)
		return xasprintf("it found '-Werror'%s: add '-Wno-error=%s' after it",
		                 f.pedantic_errors ? " and '-pedantic-errors'" : "", name);
	if (*opt && f.werr_any)
		return xasprintf("it found '%s': drop it, or add '-Wno-error=%s' after it",
		                 f.werr_any, name);
	if (*opt)
		return xasprintf("a warning is an error here: add '-Wno-error=%s'", name);
	if (f.std)
		return xasprintf("it found '%s', and the header needs C11, or C99 with the GNU "
		                 "extensions of gcc and clang: change it to '-std=c11'",
		                 f.std);
	return xstrdup("the header needs C11, or C99 with the GNU extensions of gcc and clang: "
	               "add '-std=c11'");
}

/* Whether the diagnostic is located in the runtime header (where it is written, not expanded). */
static int rt_diag(CXDiagnostic d, unsigned *line, unsigned *col)
{
	CXFile f;
	clang_getFileLocation(clang_getDiagnosticLocation(d), &f, line, col, NULL);
	if (!f)
		return 0;
	char *name = cx_take(clang_getFileName(f));
	int r = rtapi_is_header(name);
	free(name);
	return r;
}

static void report_rt_diag(CXDiagnostic d, const struct cmd *c, unsigned line, unsigned col,
                           struct err *e)
{
	char *msg = cx_take(clang_getDiagnosticSpelling(d));
	char *opt = cx_take(clang_getDiagnosticOption(d, NULL));
	char *advice = rt_advice(c, msg, opt);
	char *rel = fs_relpath_cwd(c->file);
	const char *h = rtapi_header();
	err_set(
	    e, ERR_INPUT, rel, 0, 0,
	    "the runtime header %s cannot be parsed with this unit's flags (%s:%u:%u: %s%s%s%s): "
	    "%s",
	    h, h, line, col, msg, *opt ? " [" : "", opt, *opt ? "]" : "", advice);
	free(rel);
	free(advice);
	free(opt);
	free(msg);
}

/* Reports the unit's parse error: one in the runtime header if any, else the first. */
static void report_errors(CXTranslationUnit tu, const struct cmd *c, struct err *e)
{
	unsigned nd = clang_getNumDiagnostics(tu);
	CXDiagnostic first = NULL;
	for (unsigned i = 0; i < nd; i++) {
		CXDiagnostic d = clang_getDiagnostic(tu, i);
		unsigned line, col;
		if (clang_getDiagnosticSeverity(d) < CXDiagnostic_Error) {
			clang_disposeDiagnostic(d);
		} else if (rt_diag(d, &line, &col)) {
			report_rt_diag(d, c, line, col, e);
			clang_disposeDiagnostic(d);
			if (first)
				clang_disposeDiagnostic(first);
			return;
		} else if (!first) {
			first = d;
		} else {
			clang_disposeDiagnostic(d);
		}
	}
	if (first) {
		report_diag(first, c->file, e);
		clang_disposeDiagnostic(first);
	}
}

/* "unknown argument: '-fxyz'" -> "-fxyz" */
static char *unknown_arg(CXDiagnostic d)
{
	char *msg = cx_take(clang_getDiagnosticSpelling(d));
	char *r = NULL;
	/* clang 14 says "unknown argument: '-x'" or "unknown argument '-x'; did you mean..." */
	const char *p = strstr(msg, "unknown argument");
	if (p) {
		p += strlen("unknown argument");
		p += strspn(p, ": ");
		if (*p == '\'')
			p++;
		const char *q = strchr(p, '\'');
		if (q)
			r = xstrndup(p, (size_t)(q - p));
	}
	free(msg);
	return r;
}

/* Builds the argument list for libclang: ours around the unit's own. */
static void full_argv(struct cmd *full, const struct cmd *c)
{
	const char *res = cx_resource_dir();
	cmd_init(full, c->file, c->dir);
	cmd_add_arg(full, "clang");
	if (*res) {
		cmd_add_arg(full, "-resource-dir");
		cmd_add_arg(full, res);
	}
	for (size_t i = 0; i < c->argc; i++)
		cmd_add_arg(full, c->argv[i]);
	/* Rewritten sources include arena_rt.h; let them parse again even when the build does
	 * not name the runtime's folder yet (the second run must change nothing). */
	static const char *const rt_dirs[] = {ARW_RUNTIME_DIR, ARW_RUNTIME_INCLUDEDIR};
	for (size_t i = 0; i < 2; i++) {
		if (*rt_dirs[i]) {
			cmd_add_arg(full, "-idirafter");
			cmd_add_arg(full, rt_dirs[i]);
		}
	}
	cmd_add_arg(full, "-Wno-unknown-warning-option");
	cmd_add_arg(full, "-ferror-limit=0");
	cmd_add_arg(full, c->file);
}

/* Drops the arguments the driver rejects; 1 when there were some (parse again). */
static int drop_unknown_args(CXTranslationUnit tu, struct cmd *c)
{
	int retry = 0;
	unsigned nd = clang_getNumDiagnostics(tu);
	for (unsigned i = 0; i < nd; i++) {
		CXDiagnostic d = clang_getDiagnostic(tu, i);
		char *bad = unknown_arg(d);
		if (bad) {
			cmd_remove_arg(c, bad);
			free(bad);
			retry = 1;
		}
		clang_disposeDiagnostic(d);
	}
	return retry;
}

/*
 * A file the parse was refused (cx_open.c): reported where the first error is (the #include
 * line that named it), and the unit is not used even when clang found another file.
 */
static void report_refused(CXTranslationUnit tu, const struct cmd *c, const struct cx_watch *w,
                           struct err *e)
{
	CXFile f = NULL;
	unsigned line = 0, col = 0, nd = tu ? clang_getNumDiagnostics(tu) : 0;
	for (unsigned i = 0; i < nd && !f; i++) {
		CXDiagnostic d = clang_getDiagnostic(tu, i);
		if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error)
			clang_getExpansionLocation(clang_getDiagnosticLocation(d), &f, &line, &col,
			                           NULL);
		clang_disposeDiagnostic(d);
	}
	char *fname = f ? cx_take(clang_getFileName(f)) : xstrdup(c->file);
	char *rel = fs_relpath_cwd(fname);
	char *bad = w->bad[0] == '/' ? fs_relpath_cwd(w->bad) : xstrdup(w->bad);
	if (!strncmp(bad, "../", 3)) { /* outside the current folder: as written */
		free(bad);
		bad = xstrdup(w->bad);
	}
	err_set(e, ERR_INPUT, rel, f ? line : 0, f ? col : 0,
	        "includes '%s', which is %s, not a regular file: not parsed", bad,
	        fs_kind(w->mode));
	free(bad);
	free(rel);
	free(fname);
}

/* One parse, its opens watched; NULL with e set when a file was refused. */
static enum CXErrorCode parse_watched(CXIndex idx, const struct cmd *c, CXTranslationUnit *tu,
                                      struct err *e)
{
	struct cmd full;
	struct cx_watch w;
	full_argv(&full, c);
	cx_watch_begin(&w);
	enum CXErrorCode ec = clang_parseTranslationUnit2FullArgv(
	    idx, NULL, (const char *const *)full.argv, (int)full.argc, NULL, 0,
	    CXTranslationUnit_DetailedPreprocessingRecord | CXTranslationUnit_KeepGoing, tu);
	cx_watch_end(&w);
	cmd_free(&full);
	if (w.bad) {
		report_refused(ec == CXError_Success ? *tu : NULL, c, &w, e);
		if (*tu)
			clang_disposeTranslationUnit(*tu);
		*tu = NULL;
		free(w.bad);
		return CXError_Failure;
	}
	return ec;
}

/* Parses c (its arguments may be pruned); NULL with e set on failure or a source error. */
static CXTranslationUnit parse_tu(CXIndex idx, struct cmd *c, struct err *e)
{
	CXTranslationUnit tu = NULL;
	for (int attempt = 0; attempt < 8; attempt++) {
		enum CXErrorCode ec = parse_watched(idx, c, &tu, e);
		if (ec != CXError_Success || !tu) {
			char *rel = fs_relpath_cwd(c->file);
			err_set(e, ERR_INPUT, rel, 0, 0,
			        "cannot parse (libclang error %d); check that the file exists and "
			        "the compiler arguments are right",
			        (int)ec);
			free(rel);
			return NULL;
		}
		if (!drop_unknown_args(tu, c))
			break;
		clang_disposeTranslationUnit(tu);
		tu = NULL;
	}
	if (!tu) {
		char *rel = fs_relpath_cwd(c->file);
		err_set(e, ERR_INPUT, rel, 0, 0,
		        "cannot parse: the compiler arguments keep failing");
		free(rel);
		return NULL;
	}
	unsigned nd = clang_getNumDiagnostics(tu);
	for (unsigned i = 0; i < nd; i++) {
		CXDiagnostic d = clang_getDiagnostic(tu, i);
		int bad = clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error;
		clang_disposeDiagnostic(d);
		if (bad) {
			report_errors(tu, c, e);
			clang_disposeTranslationUnit(tu);
			return NULL;
		}
	}
	return tu;
}

/* The conversion, in its order: preprocessing records, the lint's selection, the cursors. */
static struct ast *convert(CXTranslationUnit tu, const char *file, const char *const *only,
                           size_t nonly, struct sel *sel)
{
	struct conv cv;
	memset(&cv, 0, sizeof(cv));
	cv.a = ast_new(file);
	cv.tu = tu;
	cv.only = only;
	cv.nonly = nonly;
	cv.fs = cxfast_new(cv.a);
	cx_decls_init(&cv);
	cv.sel = sel; /* the preprocessing record notes the user macros' expansions for it */
	cx_convert_pp(&cv);
	const char **sel_only = NULL;
	if (sel) {
		sel_only = cx_sel_bodies(&cv, &cv.nonly);
		cv.only = sel_only;
		cv.sel = NULL;
	}
	for (size_t i = 0; cv.only && i < cv.nonly; i++)
		strmap_put(&cv.onlyset, cv.only[i], 0);
	cx_convert_top(&cv);
	strmap_free(&cv.onlyset);
	free(sel_only);
	cx_decls_free(&cv);
	free(cv.fmap);
	cxfast_free(cv.fs);
	return cv.a;
}

struct job {
	const struct cmd *c;
	const char *const *only;
	size_t nonly;
	struct sel *sel;
	struct ast **out;
	struct err *e;
	int rc;
};

static void *parse_unit(void *arg)
{
	struct job *j = arg;
	struct cmd c;
	cmd_init(&c, j->c->file, j->c->dir);
	for (size_t i = 0; i < j->c->argc; i++)
		cmd_add_arg(&c, j->c->argv[i]);
	CXIndex idx = clang_createIndex(0, 0);
	CXTranslationUnit tu = parse_tu(idx, &c, j->e);
	*j->out = NULL;
	j->rc = -1;
	if (tu) {
		*j->out = convert(tu, c.file, j->only, j->nonly, j->sel);
		j->rc = 0;
		clang_disposeTranslationUnit(tu);
	}
	clang_disposeIndex(idx);
	cmd_free(&c);
	return NULL;
}

/*
 * Deep input: clang's parser, libclang's location calls and the conversion all use stack in
 * proportion to nesting (a 100,000-term sum, an else-if chain), and libclang parses on a thread
 * of its own with a fixed 8 MiB stack. So libclang is told to parse on the calling thread
 * (LIBCLANG_NOTHREADS, unless the user set it) and each unit is parsed and converted on a
 * thread of ours whose stack is reserved, not committed: pages are touched only as deep as the
 * input goes. When that thread cannot be made, the caller's thread does the work.
 */
#define CX_STACK ((size_t)1 << 30)

static pthread_once_t nothreads_once = PTHREAD_ONCE_INIT;

static void set_nothreads(void)
{
	setenv("LIBCLANG_NOTHREADS", "1", 0);
}

static int run_job(struct job *j)
{
	pthread_once(&nothreads_once, set_nothreads);
	pthread_attr_t at;
	pthread_t th;
	int started = 0;
	if (!pthread_attr_init(&at)) {
		started = !pthread_attr_setstacksize(&at, CX_STACK) &&
		          !pthread_create(&th, &at, parse_unit, j);
		pthread_attr_destroy(&at);
	}
	if (started)
		pthread_join(th, NULL);
	else
		parse_unit(j);
	return j->rc;
}

int cx_parse(const struct cmd *c, const char *const *only, size_t nonly, struct ast **out,
             struct err *e)
{
	struct job j = {c, only, nonly, NULL, out, e, -1};
	return run_job(&j);
}

int cx_parse_related(const struct cmd *c, const char *const *names, size_t nnames,
                     const char *const *prefixes, size_t nprefixes, struct ast **out, struct err *e)
{
	struct sel *sl = cx_sel_new(names, nnames, prefixes, nprefixes);
	struct job j = {c, NULL, 0, sl, out, e, -1};
	int rc = run_job(&j);
	cx_sel_free(sl);
	return rc;
}
