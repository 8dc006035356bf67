#define _GNU_SOURCE
#include "wset.h"
#include "cmd.h"
#include "diff.h"
#include "edit.h"
#include "err.h"
#include "fsio.h"
#include "jrnl.h"
#include "mem.h"
#include "sbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* One file the run writes: the set(s) naming it, what it held, what it gets. */
struct wfile {
	struct edit_set *set; /* the first set naming the file; later ones merged into it */
	const char *alias;    /* the path of a merged set, for messages */
	char *target;         /* symbolic links resolved */
	struct stat st;
	int exists;
	struct fs_stamp was;
	struct sbuf text;
};

/* How the report is written. */
enum rkind { R_NONE, R_REPLACE, R_STDOUT, R_STDERR, R_DEVICE };

static int same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* Resolves every set's file; a set naming a file already seen has its edits moved there. */
static size_t resolve_files(struct edit_set *sets, size_t n, struct wfile *w)
{
	size_t nw = 0;
	for (size_t k = 0; k < n; k++) {
		struct wfile f;
		memset(&f, 0, sizeof(f));
		f.set = &sets[k];
		f.target = fs_resolve(sets[k].path);
		f.exists = stat(f.target, &f.st) == 0;
		size_t j = 0;
		while (j < nw && !(f.exists && w[j].exists && same_file(&w[j].st, &f.st)))
			j++;
		if (j == nw) {
			sb_init(&f.text);
			w[nw++] = f;
			continue;
		}
		if (sets[k].have_parsed && w[j].set->parsed_hash != sets[k].parsed_hash)
			w[j].set->parsed_hash =
			    0; /* the two names were parsed with different texts */
		for (size_t i = 0; i < sets[k].n; i++)
			edit_add(w[j].set, sets[k].v[i].begin, sets[k].v[i].end, sets[k].v[i].text,
			         sets[k].v[i].seq);
		w[j].alias = sets[k].path;
		free(f.target);
	}
	return nw;
}

/* Reads and edits each file; without -i appends its diff to `diffs`. */
static int edit_files(struct wfile *w, size_t nw, const struct wset_opts *o, struct sbuf *diffs,
                      struct err *e)
{
	for (size_t k = 0; k < nw; k++) {
		struct fs_text t;
		if (fs_read_stamp(w[k].target, &t, &w[k].was, e))
			return -1;
		if (w[k].set->have_parsed && w[k].set->parsed_hash != w[k].was.hash) {
			fs_text_free(&t);
			return err_set(e, ERR_INPUT, w[k].set->path, 0, 0,
			               "changed while arena-rewrite ran (after it was parsed); "
			               "nothing written: run again");
		}
		struct err why = ERR_INIT;
		int bad = edit_apply(w[k].set, t.data, t.len, &w[k].text, &why);
		if (bad && w[k].alias)
			err_set(e, ERR_INPUT, w[k].set->path, 0, 0,
			        "is the same file as %s (one is a link to the other); the edits "
			        "planned through the two names overlap: name it one way only",
			        w[k].alias);
		else if (bad)
			err_set(e, why.code, why.where, 0, 0, "%s", why.msg);
		err_clear(&why);
		if (!bad && !o->in_place) {
			char *rel = fs_relpath_cwd(w[k].set->path);
			if (!strncmp(rel, "../", 3))
				fprintf(
				    o->msg,
				    "%s: note: outside the current folder; run from a folder above "
				    "every rewritten file for a diff git apply takes\n",
				    rel);
			char *pa = xasprintf("a/%s", rel), *pb = xasprintf("b/%s", rel);
			diff_edits(diffs, pa, pb, t.data, t.len, w[k].text.buf, w[k].text.len,
			           w[k].set, 3);
			free(pa);
			free(pb);
			free(rel);
		}
		fs_text_free(&t);
		if (bad)
			return -1;
	}
	return 0;
}

static int is_source(const struct stat *st, const struct wset_opts *o, const struct wfile *w,
                     size_t nw)
{
	struct stat s;
	for (size_t k = 0; o->units && k < o->units->n; k++)
		if (stat(o->units->v[k].file, &s) == 0 && same_file(&s, st))
			return 1;
	for (size_t k = 0; k < nw; k++)
		if (w[k].exists && same_file(&w[k].st, st))
			return 1;
	return 0;
}

/* Decides how the report is written (wset.h) and resolves its path into *target. */
static enum rkind report_kind(const struct wset_opts *o, const struct wfile *w, size_t nw,
                              char **target, struct err *e)
{
	const char *path = o->report;
	*target = fs_follow(path, e);
	if (!*target)
		return R_NONE;
	struct stat st, fd1, fd2;
	if (stat(*target, &st)) {
		char *dir = fs_dirname(*target);
		struct stat ds;
		int ok = stat(dir, &ds) == 0 && S_ISDIR(ds.st_mode);
		free(dir);
		if (!ok) {
			err_set(e, ERR_INPUT, path, 0, 0, "cannot write: %s", strerror(ENOENT));
			return R_NONE;
		}
		return R_REPLACE;
	}
	if (fstat(1, &fd1) == 0 && same_file(&st, &fd1))
		return R_STDOUT;
	if (fstat(2, &fd2) == 0 && same_file(&st, &fd2))
		return R_STDERR;
	if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))
		return R_DEVICE;
	if (S_ISDIR(st.st_mode))
		err_set(e, ERR_INPUT, path, 0, 0, "cannot write the report: is a directory");
	else if (!S_ISREG(st.st_mode))
		err_set(e, ERR_INPUT, path, 0, 0,
		        "cannot write the report: not a regular file, a character device or a "
		        "FIFO");
	else if (is_source(&st, o, w, nw))
		err_set(e, ERR_INPUT, path, 0, 0,
		        "cannot write the report over a source file of this run");
	else
		return R_REPLACE;
	return R_NONE;
}

/* Opens a device or FIFO report before anything is written: a FIFO nobody reads is an error
 * now, not after the sources changed. */
static int open_in_place(const char *path, struct err *e)
{
	int fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		err_set(e, ERR_INPUT, path, 0, 0, "cannot write the report: %s",
		        errno == ENXIO ? "a FIFO with no reader" : strerror(errno));
		return -1;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	return fd;
}

/* Recovers the target folders of an -i run (wset.h); exit 2 when a journal was found. */
static int recover_first(const struct wfile *w, size_t nw, const char *report, struct err *e)
{
	for (size_t k = 0; k <= nw; k++) {
		if (k == nw && !report)
			break;
		char *dir = fs_dirname(k < nw ? w[k].target : report);
		char *prev = k ? fs_dirname(w[k - 1].target) : NULL;
		int again =
		    prev && !strcmp(prev, dir); /* sorted by path: a folder's files adjoin */
		free(prev);
		if (again) {
			free(dir);
			continue;
		}
		int sets = 0;
		int rc = jrnl_recover(dir, &sets, e);
		if (!rc && sets)
			rc = err_set(
			    e, ERR_INPUT, dir, 0, 0,
			    "an interrupted arena-rewrite run was recovered here; the files "
			    "may differ from what this run parsed: run it again");
		free(dir);
		if (rc)
			return -1;
	}
	return 0;
}

static int write_out(FILE *f, int fd, const char *data, size_t len, const char *path, struct err *e)
{
	if (f ? fwrite(data, 1, len, f) != len || fflush(f) : fs_write_all(fd, data, len) != 0)
		return err_set(e, ERR_INPUT, path, 0, 0, "cannot write the report: %s",
		               strerror(errno));
	return 0;
}

int wset_run(struct edit_set *sets, size_t n, const struct wset_opts *o, struct err *e)
{
	struct wfile *w = xcalloc(n + 1, sizeof(*w));
	size_t nw = resolve_files(sets, n, w);
	struct sbuf diffs = SBUF_INIT;
	char *rtarget = NULL;
	enum rkind rk = R_NONE;
	int rc = -1, fd = -1;
	struct jrnl_file *jf = xcalloc(nw + 2, sizeof(*jf));
	size_t nj = 0;
	jrnl_test_pause("ARENA_REWRITE_TEST_PAUSE_BEFORE_READ");
	if (edit_files(w, nw, o, &diffs, e))
		goto out;
	if (o->report && (rk = report_kind(o, w, nw, &rtarget, e)) == R_NONE)
		goto out;
	if (o->in_place && recover_first(w, nw, rk == R_REPLACE ? rtarget : NULL, e))
		goto out;
	if (rk == R_DEVICE && (fd = open_in_place(rtarget, e)) < 0)
		goto out;
	for (size_t k = 0; o->in_place && k < nw; k++)
		jf[nj++] = (struct jrnl_file){w[k].target, w[k].text.buf, w[k].text.len, &w[k].was};
	if (rk == R_REPLACE)
		jf[nj++] =
		    (struct jrnl_file){rtarget, o->report_json, strlen(o->report_json), NULL};
	if (jrnl_write(jf, nj, e))
		goto out;
	fwrite(diffs.buf, 1, diffs.len, o->out);
	rc = 0;
	if (rk == R_STDOUT || rk == R_STDERR || rk == R_DEVICE)
		rc = write_out(rk == R_STDOUT   ? o->out
		               : rk == R_STDERR ? stderr
		                                : NULL,
		               fd, o->report_json, strlen(o->report_json), o->report, e);
out:
	if (fd >= 0)
		close(fd);
	for (size_t k = 0; k < nw; k++) {
		free(w[k].target);
		sb_release(&w[k].text);
	}
	free(w);
	free(jf);
	free(rtarget);
	sb_release(&diffs);
	return rc;
}

int wset_recover(const char *const *dirs, size_t n, FILE *msg, struct err *e)
{
	static const char *const here[] = {"."};
	if (!n) {
		dirs = here;
		n = 1;
	}
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		int bad = stat(dirs[i], &st);
		if (bad || !S_ISDIR(st.st_mode))
			return err_set(e, ERR_INPUT, dirs[i], 0, 0, "--recover takes folders: %s",
			               bad ? strerror(errno) : "not a folder");
		int sets = 0;
		if (jrnl_recover(dirs[i], &sets, e))
			return -1;
		if (sets)
			fprintf(msg, "%s: note: %d interrupted write(s) finished or rolled back\n",
			        dirs[i], sets);
	}
	return 0;
}
