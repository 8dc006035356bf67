#define _GNU_SOURCE
#include "wset.h"
#include "diff.h"
#include "err.h"
#include "front.h"
#include "fsio.h"
#include "jrnl.h"
#include "mem.h"
#include "out.h"
#include "planning.h"
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

/* Reads and edits each file; without -i (or with --diff) appends its diff to `diffs`. */
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
		if (!bad && (!o->in_place || o->diff)) {
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

/* The folders an -i run writes in: its targets' and the report's. */
static int lock_folders(const struct wfile *w, size_t nw, const struct out *rep, FILE *msg,
                        struct err *e)
{
	char **dirs = xcalloc(nw + 2, sizeof(*dirs));
	size_t n = 0;
	for (size_t k = 0; k < nw; k++)
		dirs[n++] = fs_dirname(w[k].target);
	if (rep && rep->kind == OUT_FILE)
		dirs[n++] = fs_dirname(rep->target);
	int rc = jrnl_lock((const char *const *)dirs, n, msg, e);
	for (size_t k = 0; k < n; k++)
		free(dirs[k]);
	free(dirs);
	return rc;
}

/* Recovers the target folders of an -i run (wset.h); exit 2 when that changed a file. */
static int recover_first(const struct wfile *w, size_t nw, const struct out *rep, FILE *msg,
                         struct err *e)
{
	for (size_t k = 0; k <= nw; k++) {
		if (k == nw && (!rep || rep->kind != OUT_FILE))
			break;
		char *dir = fs_dirname(k < nw ? w[k].target : rep->target);
		char *prev = k ? fs_dirname(w[k - 1].target) : NULL;
		int again =
		    prev && !strcmp(prev, dir); /* sorted by path: a folder's files adjoin */
		free(prev);
		struct jrnl_outcome got = {0, 0};
		int rc = again ? 0 : jrnl_recover(dir, &got, msg, e);
		if (!rc && got.changed)
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

/* The diff on o->out; a failed write (a full disk, a closed pipe) is an error, which says
 * whether the sources were written before it (with -i they were). */
static int print_diff(const struct sbuf *diffs, const struct wset_opts *o, struct err *e)
{
	if (fwrite(diffs->buf, 1, diffs->len, o->out) != diffs->len || fflush(o->out))
		return err_set(e, ERR_INPUT, NULL, 0, 0, "cannot write the diff: %s%s",
		               strerror(errno),
		               o->in_place ? " (the sources were written before it)" : "");
	return 0;
}

/*
 * The writes, in this order (docs/rewrite.md, section 10): with -i, a report written in place
 * first (when it fails, nothing else is written), then the sources and a report file as one
 * set; without -i, the diff, then the report.
 */
static int write_all(struct wfile *w, size_t nw, struct out *rep, const struct sbuf *diffs,
                     const struct wset_opts *o, struct err *e)
{
	struct jrnl_file *jf = xcalloc(nw + 2, sizeof(*jf));
	char **shown = xcalloc(nw + 1, sizeof(*shown));
	size_t nj = 0, rlen = rep ? strlen(o->report_json) : 0;
	int rc = 0;
	if (o->in_place) {
		if (rep && rep->kind != OUT_FILE)
			rc = out_write(rep, o->report_json, rlen, o->out, o->msg, e);
		for (size_t k = 0; k < nw; k++) { /* named in messages as the notes name it */
			shown[k] = fs_relpath_cwd(w[k].set->path);
			jf[nj++] = (struct jrnl_file){w[k].target, shown[k], w[k].text.buf,
			                              w[k].text.len, &w[k].was};
		}
		if (rep && rep->kind == OUT_FILE)
			jf[nj++] = out_jrnl_file(rep, o->report_json, rlen);
		if (!rc)
			rc = jrnl_write(jf, nj, o->msg, e);
		if (!rc && o->diff) /* only once the files are written */
			rc = print_diff(diffs, o, e);
	} else {
		rc = print_diff(diffs, o, e);
		if (!rc && rep)
			rc = out_write(rep, o->report_json, rlen, o->out, o->msg, e);
	}
	for (size_t k = 0; k < nw; k++)
		free(shown[k]);
	free(shown);
	free(jf);
	return rc;
}

int wset_run(struct edit_set *sets, size_t n, const struct wset_opts *o, struct err *e)
{
	struct wfile *w = xcalloc(n + 1, sizeof(*w));
	size_t nw = resolve_files(sets, n, w);
	struct sbuf diffs = SBUF_INIT;
	struct out rep;
	int rc = -1;
	size_t mark = jrnl_lock_mark();
	rep.fd = -1;
	rep.target = NULL;
	if (o->report && out_resolve(&rep, o->report, "the report", e))
		goto out;
	if (o->in_place && lock_folders(w, nw, o->report ? &rep : NULL, o->msg, e))
		goto out;
	/* A run killed in these folders is recovered before the files are read: its renames are
	 * not an edit made after the parse, and its set is never left half written. */
	if (o->in_place && recover_first(w, nw, o->report ? &rep : NULL, o->msg, e))
		goto out;
	jrnl_test_pause("ARENA_REWRITE_TEST_PAUSE_BEFORE_READ");
	if (edit_files(w, nw, o, &diffs, e))
		goto out;
	if (o->report && (out_check(&rep, e) || out_open(&rep, e)))
		goto out;
	rc = write_all(w, nw, o->report ? &rep : NULL, &diffs, o, e);
out:
	jrnl_unlock_to(mark);
	out_free(&rep);
	for (size_t k = 0; k < nw; k++) {
		free(w[k].target);
		sb_release(&w[k].text);
	}
	free(w);
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
		struct jrnl_outcome got;
		if (jrnl_recover(dirs[i], &got, msg, e))
			return -1;
	}
	return 0;
}
