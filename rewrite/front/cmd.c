#include "cmd.h"
#include "err.h"
#include "fsio.h"
#include "jsonx.h"
#include "mem.h"
#include "strmap.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void cmd_init(struct cmd *c, const char *file, const char *dir)
{
	memset(c, 0, sizeof(*c));
	c->file = xstrdup(file);
	c->dir = xstrdup(dir);
}

void cmd_add_arg(struct cmd *c, const char *arg)
{
	GROW(c->argv, c->argc, c->argv_cap);
	c->argv[c->argc++] = xstrdup(arg);
}

void cmd_free(struct cmd *c)
{
	for (size_t i = 0; i < c->argc; i++)
		free(c->argv[i]);
	free(c->argv);
	free(c->file);
	free(c->dir);
	memset(c, 0, sizeof(*c));
}

void cmd_remove_arg(struct cmd *c, const char *arg)
{
	size_t w = 0;
	for (size_t r = 0; r < c->argc; r++) {
		if (!strcmp(c->argv[r], arg)) {
			free(c->argv[r]);
			continue;
		}
		c->argv[w++] = c->argv[r];
	}
	c->argc = w;
}

/*
 * GCC options that clang's driver rejects outright (clang accepts and ignores most -f and -W
 * spellings it does not know, but not these). Prefix entries end in '*'.
 */
static const char *const gcc_only[] = {
    "-fno-tree-*",
    "-ftree-*",
    "-fno-ipa-*",
    "-fipa-*",
    "-fconserve-stack",
    "-fno-var-tracking-assignments",
    "-fvar-tracking-assignments",
    "-fno-allow-store-data-races",
    "-fallow-store-data-races",
    "-fmerge-constants",
    "-fno-merge-all-constants",
    "-fstack-clash-protection",
    "-fcf-protection*",
    "-fno-semantic-interposition",
    "-fsemantic-interposition",
    "-flto=auto",
    "-flto-partition=*",
    "-ffat-lto-objects",
    "-fno-fat-lto-objects",
    "-fno-guess-branch-probability",
    "-fno-delete-null-pointer-checks",
    "-fmacro-prefix-map=*",
    "-fno-gcse*",
    "-fgcse*",
    "-fpeel-loops",
    "-fpredictive-commoning",
    "-fsched-*",
    "-fno-sched-*",
    "-fschedule-insns*",
    "-fno-schedule-insns*",
    "-fdiagnostics-color*",
    "-fno-strict-overflow",
    "-fstrict-overflow",
    "-fno-code-hoisting",
    "-fno-inline-functions-called-once",
    "-finline-limit=*",
    "-fno-toplevel-reorder",
    "-fno-reorder-blocks*",
    "-freorder-blocks*",
    "-fmin-function-alignment=*",
    "-fzero-call-used-regs=*",
    "-mindirect-branch=*",
    "-mfunction-return=*",
    "-mindirect-branch-register",
    "-mrecord-mcount",
    "-mpreferred-stack-boundary=*",
    "-mno-fp-ret-in-387",
    "-mskip-rax-setup",
    "-fasynchronous-unwind-tables",
    "-fno-asynchronous-unwind-tables",
    "-Wa,*",
    "-Wl,*",
    "-pipe",
    "-fplugin=*",
    "-fplugin-arg-*",
    "-fdump-*",
    "-fprofile-use*",
    "-fprofile-correction",
    "-fopt-info*",
    "-fanalyzer",
    "-specs=*",
};

int cmd_is_gcc_only(const char *arg)
{
	for (size_t i = 0; i < sizeof(gcc_only) / sizeof(*gcc_only); i++) {
		const char *g = gcc_only[i];
		size_t n = strlen(g);
		if (g[n - 1] == '*') {
			if (!strncmp(arg, g, n - 1))
				return 1;
		} else if (!strcmp(arg, g)) {
			return 1;
		}
	}
	return 0;
}

/*
 * Options whose value is a path, in their separate ("-I dir") and joined ("-Idir") spellings.
 * They are made absolute against the command's folder, so that parsing never depends on the
 * process's current folder (clang's -working-directory would chdir the whole process, which
 * races between -j threads and moves relative output paths).
 */
static const char *const path_opts[] = {
    "-I",        "-isystem", "-iquote", "-idirafter",  "-include",     "-imacros",    "-isysroot",
    "--sysroot", "-iprefix", "-F",      "-iframework", "-cxx-isystem", "-include-pch"};

static const char *path_opt(const char *arg, int *joined)
{
	const char *best = NULL;
	for (size_t i = 0; i < sizeof(path_opts) / sizeof(*path_opts); i++) {
		size_t n = strlen(path_opts[i]);
		if (!strncmp(arg, path_opts[i], n) && (!best || n > strlen(best))) {
			/* "-include" must not be read as "-I" + "nclude" */
			if (arg[n] && strcmp(path_opts[i], "-I") && strcmp(path_opts[i], "-F") &&
			    arg[n] != '=')
				continue;
			best = path_opts[i];
		}
	}
	if (best)
		*joined = arg[strlen(best)] != '\0';
	return best;
}

/* Options naming a file that is looked up like #include "..." when not found as given. */
static int searched_file_opt(const char *opt)
{
	return !strcmp(opt, "-include") || !strcmp(opt, "-imacros") || !strcmp(opt, "-include-pch");
}

static void add_path_arg(struct cmd *c, const char *opt, const char *val, int joined)
{
	int eq = *val == '=';
	const char *p = eq ? val + 1 : val;
	char *abs = p[0] == '/' || !*p ? xstrdup(p) : fs_abspath(p, c->dir);
	/* -include cfg.h with cfg.h in an -I folder: the compiler finds it through the include
	 * path, so a name that is not a file of the command's folder stays as it was written. */
	if (searched_file_opt(opt) && p[0] != '/' && !fs_exists(abs)) {
		free(abs);
		abs = xstrdup(p);
	}
	if (joined) {
		char *a = xasprintf("%s%s%s", opt, eq ? "=" : "", abs);
		cmd_add_arg(c, a);
		free(a);
	} else {
		cmd_add_arg(c, opt);
		cmd_add_arg(c, abs);
	}
	free(abs);
}

void cmd_add_user_args(struct cmd *c, char *const *argv, size_t argc)
{
	for (size_t i = 0; i < argc; i++) {
		const char *a = argv[i];
		int joined = 0;
		const char *opt = a[0] == '-' ? path_opt(a, &joined) : NULL;
		if (opt && joined) {
			add_path_arg(c, opt, a + strlen(opt), 1);
		} else if (opt && i + 1 < argc) {
			add_path_arg(c, opt, argv[++i], 0);
		} else if (!cmd_is_gcc_only(a)) {
			cmd_add_arg(c, a);
		}
	}
}

static int same_file(const char *arg, const char *dir, const char *file)
{
	char *abs = fs_abspath(arg, dir);
	int r = !strcmp(abs, file);
	free(abs);
	return r;
}

void cmd_from_compiler_argv(struct cmd *out, const char *file, const char *dir, char **argv,
                            size_t argc)
{
	cmd_init(out, file, dir);
	for (size_t i = 1; i < argc; i++) {
		const char *a = argv[i];
		/* Options that produce outputs or dependency files: meaningless for parsing. */
		if (!strcmp(a, "-c") || !strcmp(a, "-S") || !strcmp(a, "-E") || !strcmp(a, "-MD") ||
		    !strcmp(a, "-MMD") || !strcmp(a, "-MP") || !strcmp(a, "-M") ||
		    !strcmp(a, "-MM"))
			continue;
		if (!strcmp(a, "-o") || !strcmp(a, "-MF") || !strcmp(a, "-MT") ||
		    !strcmp(a, "-MQ")) {
			i++;
			continue;
		}
		if ((!strncmp(a, "-o", 2) || !strncmp(a, "-MF", 3) || !strncmp(a, "-MT", 3) ||
		     !strncmp(a, "-MQ", 3)) &&
		    strlen(a) > 2)
			continue;
		if (!strcmp(a, "--"))
			continue;
		if (a[0] != '-' && same_file(a, dir, file))
			continue;
		if (cmd_is_gcc_only(a))
			continue;
		int joined = 0;
		const char *opt = a[0] == '-' ? path_opt(a, &joined) : NULL;
		if (opt && joined)
			add_path_arg(out, opt, a + strlen(opt), 1);
		else if (opt && i + 1 < argc)
			add_path_arg(out, opt, argv[++i], 0);
		else
			cmd_add_arg(out, a);
	}
}

/* ---- lists and their index ---------------------------------------------------------------- */

struct cmdlist_ix {
	struct strmap bypath; /* file -> index, the first entry of a path; keys are the cmds' */
	struct strmap byid;   /* device and inode (copied key bytes) -> index */
	int ids;              /* byid holds every entry whose file exists */
};

struct file_id {
	dev_t dev;
	ino_t ino;
};

static void ix_free(struct cmdlist *l)
{
	if (!l->ix)
		return;
	strmap_free(&l->ix->bypath);
	strmap_free_keys(&l->ix->byid);
	free(l->ix);
	l->ix = NULL;
}

static struct file_id id_of(const struct stat *st)
{
	struct file_id id;
	memset(&id, 0, sizeof(id)); /* the key is its bytes: no padding left undefined */
	id.dev = st->st_dev;
	id.ino = st->st_ino;
	return id;
}

static void ix_add_id(struct cmdlist_ix *ix, const struct stat *st, size_t i)
{
	struct file_id id = id_of(st);
	int fresh;
	strmap_putb_dup(&ix->byid, &id, sizeof(id), (int)i, &fresh);
}

static struct cmdlist_ix *ix_get(struct cmdlist *l)
{
	if (l->ix)
		return l->ix;
	l->ix = xcalloc(1, sizeof(*l->ix));
	l->ix->ids = l->n == 0;
	for (size_t i = 0; i < l->n; i++)
		strmap_put(&l->ix->bypath, l->v[i].file, (int)i);
	return l->ix;
}

static void ix_ids(struct cmdlist *l)
{
	struct cmdlist_ix *ix = ix_get(l);
	struct stat st;
	for (size_t i = 0; !ix->ids && i < l->n; i++)
		if (strmap_find(&ix->bypath, l->v[i].file)->val == (int)i &&
		    !stat(l->v[i].file, &st))
			ix_add_id(ix, &st, i);
	ix->ids = 1;
}

static const struct cmd *find_id(struct cmdlist *l, const struct stat *st)
{
	ix_ids(l);
	struct file_id id = id_of(st);
	const struct strmap_ent *en = strmap_findb(&l->ix->byid, &id, sizeof(id));
	return en ? &l->v[en->val] : NULL;
}

void cmdlist_push(struct cmdlist *l, struct cmd *c)
{
	ix_free(l);
	GROW(l->v, l->n, l->cap);
	l->v[l->n++] = *c;
	memset(c, 0, sizeof(*c));
}

int cmdlist_add_unique(struct cmdlist *l, struct cmd *c)
{
	struct cmdlist_ix *ix = ix_get(l);
	struct stat st;
	int have = 0;
	if (strmap_find(&ix->bypath, c->file) ||
	    ((have = !stat(c->file, &st)) && find_id(l, &st))) {
		cmd_free(c);
		return 0;
	}
	GROW(l->v, l->n, l->cap);
	l->v[l->n] = *c;
	memset(c, 0, sizeof(*c));
	strmap_put(&ix->bypath, l->v[l->n].file, (int)l->n);
	if (have && ix->ids)
		ix_add_id(ix, &st, l->n);
	l->n++;
	return 1;
}

void cmdlist_free(struct cmdlist *l)
{
	ix_free(l);
	for (size_t i = 0; i < l->n; i++)
		cmd_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void cmdlist_keep(struct cmdlist *l, const unsigned char *keep)
{
	ix_free(l);
	size_t w = 0;
	for (size_t r = 0; r < l->n; r++) {
		if (keep[r])
			l->v[w++] = l->v[r];
		else
			cmd_free(&l->v[r]);
	}
	l->n = w;
}

const struct cmd *cmdlist_find(const struct cmdlist *cl, const char *abs_file)
{
	struct cmdlist *l = (struct cmdlist *)cl; /* the index is a cache of the list */
	const struct strmap_ent *en = strmap_find(&ix_get(l)->bypath, abs_file);
	if (en)
		return &l->v[en->val];
	/* The same file by another path (a symbolic link on the way): device and inode. */
	struct stat want;
	return stat(abs_file, &want) ? NULL : find_id(l, &want);
}

char *cmd_find_db(const char *abs_file)
{
	char *dir = fs_dirname(abs_file);
	for (;;) {
		char *cand = xasprintf("%s/compile_commands.json", dir);
		int found = fs_exists(cand);
		free(cand);
		if (found)
			return dir;
		if (!strcmp(dir, "/") || !strcmp(dir, "."))
			break;
		char *up = fs_dirname(dir);
		free(dir);
		dir = up;
	}
	free(dir);
	return NULL;
}

/* One entry of a database: "directory" and "file" strings, and "arguments" (strings) or
 * "command"; NULL when valid, else what is wrong. */
static const char *db_entry_error(const cJSON *it)
{
	if (!cJSON_IsObject(it))
		return "is not an object";
	if (!cJSON_IsString(cJSON_GetObjectItemCaseSensitive(it, "directory")))
		return "has no \"directory\" string";
	if (!cJSON_IsString(cJSON_GetObjectItemCaseSensitive(it, "file")))
		return "has no \"file\" string";
	const cJSON *args = cJSON_GetObjectItemCaseSensitive(it, "arguments");
	const cJSON *a;
	if (cJSON_IsArray(args)) {
		cJSON_ArrayForEach(a, args)
		{
			if (!cJSON_IsString(a))
				return "has an \"arguments\" entry that is not a string";
		}
		return NULL;
	}
	if (!cJSON_IsString(cJSON_GetObjectItemCaseSensitive(it, "command")))
		return "has neither an \"arguments\" array nor a \"command\" string";
	return NULL;
}

int cmd_check_db(const char *dir, struct err *e)
{
	char *path = xasprintf("%s/compile_commands.json", dir);
	struct fs_text t = {NULL, 0};
	int rc = 0;
	struct stat st;
	if (!fs_exists(path))
		goto out; /* the loader says so */
	/* libclang reads it to its end: a FIFO would hang it, a device never end. */
	if (!stat(path, &st) && !S_ISREG(st.st_mode)) {
		rc = err_set(e, ERR_INPUT, path, 0, 0, "not a regular file (%s)",
		             fs_kind(st.st_mode));
		goto out;
	}
	if (fs_read(path, &t, e)) {
		rc = -1;
		goto out;
	}
	cJSON *root = jsonx_parse(t.data, t.len, path, "compilation database", e);
	if (!root) {
		rc = -1;
		goto out;
	}
	if (!cJSON_IsArray(root))
		rc = err_set(e, ERR_INPUT, path, 0, 0, "a compilation database is a JSON array");
	int i = 0;
	const cJSON *it;
	cJSON_ArrayForEach(it, root)
	{
		const char *why = rc ? NULL : db_entry_error(it);
		if (why)
			rc = err_set(e, ERR_INPUT, path, 0, 0, "entry [%d] %s", i, why);
		i++;
	}
	cJSON_Delete(root);
out:
	fs_text_free(&t);
	free(path);
	return rc;
}
