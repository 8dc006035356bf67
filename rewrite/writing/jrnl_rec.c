/*
 * jrnl_rec: recovery of the sets a killed run left (jrnl.h: jrnl_recover). Every copy of a set
 * is loaded and checked (jrnl_fmt.c) under the locks of all its folders before anything is
 * done; then the set is rolled forward or back, its temporary files are removed from every one
 * of its folders, and its journal copies last, the folder recovery was pointed at last of all,
 * so that a recovery killed half way is finished by running it again there.
 */
#define _GNU_SOURCE
#include "err.h"
#include "fsio.h"
#include "jrnl.h"
#include "jrnl_int.h"
#include "mem.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The names of this tool's files in the folder open as dfd: journals (ids), and the others. */
struct listing {
	char **journals; /* ids */
	size_t nj, jcap;
	char **temps; /* names */
	size_t nt, tcap;
	char *bad; /* a name like a journal's that is not one */
};

static void listing_free(struct listing *l)
{
	for (size_t i = 0; i < l->nj; i++)
		free(l->journals[i]);
	for (size_t i = 0; i < l->nt; i++)
		free(l->temps[i]);
	free(l->journals);
	free(l->temps);
	free(l->bad);
	memset(l, 0, sizeof(*l));
}

static int has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);
	return n >= m && !strcmp(s + n - m, suf);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lists dfd; with only_id, only that set's files (never its journal). */
static void list_ours(int dfd, const char *only_id, struct listing *l)
{
	memset(l, 0, sizeof(*l));
	int fd = dup(dfd);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (!d) {
		if (fd >= 0)
			close(fd);
		return;
	}
	rewinddir(d); /* the descriptor is a dup: it shares the offset of earlier listings */
	struct dirent *de;
	while ((de = readdir(d))) {
		char id[JRNL_ID_MAX];
		int journal = 0;
		int ours = jrnl_parse_name(de->d_name, id, &journal);
		if (only_id && (!ours || journal || strcmp(id, only_id)))
			continue;
		if (ours && journal) {
			GROW(l->journals, l->nj, l->jcap);
			l->journals[l->nj++] = xstrdup(id);
		} else if (ours) {
			GROW(l->temps, l->nt, l->tcap);
			l->temps[l->nt++] = xstrdup(de->d_name);
		} else if (!strncmp(de->d_name, JRNL_PREFIX, strlen(JRNL_PREFIX)) &&
		           has_suffix(de->d_name, ".journal") && !l->bad) {
			l->bad = xstrdup(de->d_name);
		}
	}
	closedir(d);
	if (l->nj) /* oldest first: the order runs were made in */
		qsort(l->journals, l->nj, sizeof(*l->journals), cmp_str);
}

/* Removes the listed names that are regular files or links (never a folder or a device);
 * 0, or the errno of the first that could not be removed (a read-only folder). */
static int remove_temps(int dfd, const struct listing *l)
{
	int en = 0;
	for (size_t i = 0; i < l->nt; i++) {
		struct stat st;
		if (!fstatat(dfd, l->temps[i], &st, AT_SYMLINK_NOFOLLOW) &&
		    (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)) && unlinkat(dfd, l->temps[i], 0) &&
		    errno != ENOENT && !en)
			en = errno;
	}
	return en;
}

/* ---- one set ----------------------------------------------------------------------------------
 */

enum { LOADED = 0, BUSY = 1 };

/*
 * The copies loaded against the set's total. Every folder has its copy: they must list every
 * file. One is missing (a cleanup job, a copy renamed) after the renames may have begun: what
 * the set wrote in that folder cannot be known, so nothing is done while the set's temporary
 * files are still there (a roll back would delete its backups, a roll forward leave it mixed);
 * without them every file of that folder got its rename and its backup was dropped, and the
 * set is finished as usual.
 */
static int check_whole(const struct jset *s, const char *shown, struct err *e)
{
	char name[96];
	size_t d = 0;
	while (d < s->ndirs && s->dirs[d].copy)
		d++;
	jrnl_set_name(name, sizeof(name), s->id, "journal");
	if (d == s->ndirs && s->n != s->total) {
		char *p = xasprintf("%s/%s", shown, name);
		err_set(e, ERR_INPUT, p, 0, 0,
		        "not a journal this tool may act on (its copies list %zu of the set's %zu "
		        "files); nothing was done: check the files it names, then remove it",
		        s->n, s->total);
		free(p);
		return -1;
	}
	if (s->state == J_STAGING)
		return 0;
	size_t temps = 0;
	for (; d < s->ndirs && !temps; d++) {
		if (s->dirs[d].copy || s->dirs[d].fd < 0)
			continue;
		struct listing l;
		list_ours(s->dirs[d].fd, s->id, &l);
		temps = l.nt;
		listing_free(&l);
	}
	if (!temps)
		return 0;
	return err_set(e, ERR_INPUT, s->dirs[d - 1].path, 0, 0,
	               "the journal copy %s of an interrupted write is missing here, but its "
	               "temporary files are not: what it wrote here cannot be known; nothing was "
	               "done: put the copy back (it may have been renamed or removed), then run "
	               "arena-rewrite --recover again",
	               name);
}

/*
 * Loads set `id` from its copy in the folder (path real, open as dfd), takes the locks of its
 * other folders (BUSY when one is held by another run) and loads their copies.
 */
static int load_set(struct jset *s, const char *shown, const char *real, int dfd, const char *id,
                    struct err *e)
{
	memset(s, 0, sizeof(*s));
	snprintf(s->id, sizeof(s->id), "%s", id);
	if (jfmt_load(s, shown, dfd, id, e))
		return -1;
	for (size_t d = 0; d < s->ndirs; d++) {
		if (s->dirs[d].fd < 0 || s->dirs[d].copy || !strcmp(s->dirs[d].path, real))
			continue;
		int r = jlock_try(s->dirs[d].path, e);
		if (r)
			return r < 0 ? -1 : BUSY;
		char name[96];
		struct stat st;
		jrnl_set_name(name, sizeof(name), id, "journal");
		if (!fstatat(s->dirs[d].fd, name, &st, AT_SYMLINK_NOFOLLOW) &&
		    jfmt_load(s, s->dirs[d].path, s->dirs[d].fd, id, e))
			return -1;
	}
	return check_whole(s, shown, e);
}

/* Whether f's .new file is still there, waiting for its rename. */
static int waiting(const struct jset *s, const struct jent *f)
{
	char nw[96];
	struct jid pending;
	jrnl_temp_name(nw, sizeof(nw), s->id, f->k, "new");
	return s->dirs[f->dir].fd >= 0 && !jrnl_ident(s->dirs[f->dir].fd, nw, &pending) &&
	       jrnl_same(&pending, &f->nw);
}

/* Whether f's target is still the file the run read (a created one: still absent). By
 * identity only while its backup holds the original's inode: once the backup is gone, a new
 * file (an editor's save) may get the same inode number. */
static int original(const struct jset *s, const struct jent *f)
{
	struct jid cur, bak;
	char old[96];
	int dfd = s->dirs[f->dir].fd;
	if (dfd < 0 || jrnl_ident(dfd, f->name, &cur))
		return 0;
	if (f->created)
		return !cur.ino;
	jrnl_temp_name(old, sizeof(old), s->id, f->k, "old");
	return !jrnl_ident(dfd, old, &bak) && jrnl_same(&bak, &f->old) && jrnl_same(&cur, &f->old);
}

/*
 * Commit state: 1 when every file still waiting for its rename may get it (its target is what
 * was read), else 0 with *conflict the first that may not and why[] what happened to it (the
 * set is then rolled back). A file whose .new is gone was renamed unless its target still is
 * the original: then its .new was removed or replaced behind the run's back, and finishing
 * would leave the set mixed. One that is neither the original nor the new file was renamed and
 * changed since (an editor's save, a checkout): the user's, left as it is, and no reason to
 * roll the others back (its backup may be gone already, if the run was killed while it
 * removed them).
 */
static int may_finish(const struct jset *s, const struct jent **conflict, char *why, size_t n)
{
	char nw[96], what[64];
	for (size_t i = 0; i < s->n; i++) {
		const struct jent *f = &s->v[i];
		int dfd = s->dirs[f->dir].fd;
		if (!waiting(s, f)) {
			if (dfd >= 0 && original(s, f)) {
				jrnl_temp_name(nw, sizeof(nw), s->id, f->k, "new");
				snprintf(
				    why, n,
				    "the new text the interrupted run wrote for it (%s) was %s "
				    "before it was renamed into place",
				    nw, jrnl_what_became(dfd, nw, &f->nw, what, sizeof(what)));
				*conflict = f;
				return 0;
			}
			continue;
		}
		struct jid cur;
		int ok = jrnl_ident(dfd, f->name, &cur) == 0 &&
		         (f->created ? !cur.ino
		          : f->check ? fs_stamp_same_at(dfd, f->name, &f->was)
		                     : jrnl_same(&cur, &f->old));
		if (!ok) {
			const char *how = f->created                  ? "created by someone else"
			                  : !cur.ino                  ? "removed"
			                  : !jrnl_same(&cur, &f->old) ? "replaced"
			                                              : "edited";
			snprintf(why, n, "%s after the interrupted run read it", how);
			*conflict = f;
			return 0;
		}
	}
	return 1;
}

/* A target renamed (its .new is gone) and since changed by someone: it is left as it is,
 * whichever way the set goes, and the user is told. */
static void warn_changed(const struct jset *s, const struct jent *f, FILE *msg)
{
	int dfd = s->dirs[f->dir].fd;
	struct jid cur;
	if (dfd >= 0 && !waiting(s, f) && !original(s, f) && !jrnl_ident(dfd, f->name, &cur) &&
	    cur.ino && !jrnl_is_new(dfd, f->name, f))
		fprintf(msg,
		        "%s: warning: changed by someone else after the interrupted run wrote it; "
		        "left as it is\n",
		        f->shown);
}

/* Renames every .new still there over its target; warns of a target that is neither. */
static int roll_forward(const struct jset *s, int *changed, FILE *msg, struct err *e)
{
	char nw[96], old[96];
	for (size_t i = 0; i < s->n; i++) {
		const struct jent *f = &s->v[i];
		int dfd = s->dirs[f->dir].fd;
		if (!waiting(s, f)) {
			warn_changed(s, f, msg);
			continue;
		}
		jrnl_hook_delay();
		jrnl_temp_name(nw, sizeof(nw), s->id, f->k, "new");
		if (renameat(dfd, nw, dfd, f->name))
			return err_set(e, ERR_INPUT, f->shown, 0, 0,
			               "cannot finish the interrupted write: %s; the set is "
			               "unfinished: make the folder writable and run arena-rewrite "
			               "--recover there again",
			               strerror(errno));
		(*changed)++;
	}
	for (size_t d = 0; d < s->ndirs; d++)
		if (s->dirs[d].fd >= 0)
			jrnl_sync_dir(s->dirs[d].fd);
	for (size_t i = 0; i < s->n; i++) {
		jrnl_temp_name(old, sizeof(old), s->id, s->v[i].k, "old");
		if (s->dirs[s->v[i].dir].fd >= 0)
			unlinkat(s->dirs[s->v[i].dir].fd, old, 0);
	}
	return 0;
}

/* Removes the set's temporary files from every folder, then its journal copies; when one
 * cannot be removed (a read-only folder), the copies stay for the next try, and -1 says so. */
static int clean_set(struct jset *s, const char *real, struct err *e)
{
	int en = 0;
	size_t d = 0;
	for (; d < s->ndirs && !en; d++) {
		if (s->dirs[d].fd < 0)
			continue;
		struct listing l;
		list_ours(s->dirs[d].fd, s->id, &l);
		en = remove_temps(s->dirs[d].fd, &l);
		listing_free(&l);
	}
	if (en)
		return err_set(e, ERR_INPUT, s->dirs[d - 1].path, 0, 0,
		               "cannot finish the interrupted write: cannot remove its temporary "
		               "files: %s; the set is unfinished: make the folder writable and run "
		               "arena-rewrite --recover there again",
		               strerror(en));
	long last = jset_find(s, real);
	jfmt_remove(s, last < 0 ? SIZE_MAX : (size_t)last);
	return 0;
}

static int act(struct jset *s, const char *dir, const char *real, struct jrnl_outcome *out,
               FILE *msg, struct err *e)
{
	const struct jent *conflict = NULL;
	char why[256] = "";
	int changed = 0, rc = 0;
	int forward = s->state == J_COMMIT && may_finish(s, &conflict, why, sizeof(why));
	if (forward) {
		rc = roll_forward(s, &changed, msg, e);
	} else {
		struct err ignore = ERR_INIT;
		if (s->state == J_COMMIT)
			jfmt_store(s, J_ROLLBACK, &ignore);
		err_clear(&ignore);
		for (size_t i = 0; s->state != J_STAGING && i < s->n; i++)
			warn_changed(s, &s->v[i], msg);
		rc = jrnl_roll_back(s, &changed, e);
	}
	out->changed += changed;
	if (rc || clean_set(s, real, e))
		return -1;
	if (conflict)
		return err_set(e, ERR_INPUT, conflict->shown, 0, 0,
		               "%s: its set was rolled back (%d file(s) put back), this file "
		               "left as it is",
		               why, changed);
	fprintf(msg, "%s: note: an interrupted write of %zu file(s) was %s\n", dir, s->total,
	        forward ? "finished (all new)" : "rolled back (all old)");
	return 0;
}

/* ---- a folder -------------------------------------------------------------------------------- */

/* The folders of set `id`, to lock in order when one was busy. */
static char **set_dirs(const struct jset *s, const char *real, size_t *n)
{
	char **v = xcalloc(s->ndirs + 2, sizeof(*v));
	*n = 0;
	v[(*n)++] = xstrdup(real);
	for (size_t d = 0; d < s->ndirs; d++)
		v[(*n)++] = xstrdup(s->dirs[d].path);
	return v;
}

static void free_strv(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Checks every journal of the folder before any is acted on. */
static int check_all(const char *dir, int dfd, const struct listing *l, struct err *e)
{
	if (l->bad) {
		char *p = xasprintf("%s/%s", dir, l->bad);
		err_set(e, ERR_INPUT, p, 0, 0,
		        "not a journal this tool may act on (its name is not one this tool "
		        "makes); nothing was done: check it, then remove it");
		free(p);
		return -1;
	}
	for (size_t i = 0; i < l->nj; i++) {
		struct jset s;
		memset(&s, 0, sizeof(s));
		int rc = jfmt_load(&s, dir, dfd, l->journals[i], e);
		jset_free(&s);
		if (rc)
			return -1;
	}
	return 0;
}

/* One pass over the folder (only set only_id's journal and files, when not NULL); BUSY when a
 * set's other folder is held by another run (*busy then lists the folders to lock in order). */
static int recover_pass(const char *dir, const char *real, int dfd, const char *only_id,
                        struct jrnl_outcome *out, FILE *msg, char ***busy, size_t *nbusy,
                        struct err *e)
{
	struct listing l;
	list_ours(dfd, NULL, &l);
	int rc = check_all(dir, dfd, &l, e);
	for (size_t i = 0; i < l.nj && !rc; i++) {
		struct jset s;
		if (only_id && strcmp(l.journals[i], only_id))
			continue;
		rc = load_set(&s, dir, real, dfd, l.journals[i], e);
		sigset_t old;
		jrnl_block_signals(&old); /* a set is recovered whole, then Ctrl-C takes effect */
		if (rc == BUSY)
			*busy = set_dirs(&s, real, nbusy);
		else if (!rc && !(rc = act(&s, dir, real, out, msg, e)))
			out->sets++;
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		jset_free(&s);
	}
	listing_free(&l);
	if (rc)
		return rc;
	list_ours(dfd, only_id, &l); /* what no journal names: leftovers of runs killed early */
	remove_temps(dfd, &l);
	listing_free(&l);
	return 0;
}

/*
 * A set recorded in the user's registry (jrnl_reg.c) that lists this folder: under the locks of
 * all its folders, it is recovered from the first that holds a copy of its journal; when none
 * does (a run killed before its first copy, or after its last), only a journal temporary may be
 * left, which goes, and then its record. The caller holds no lock (held_before 0), or holds this
 * folder's and may only try the others (a run waiting for ours would wait in a circle).
 */
static int recover_recorded(const struct jreg_set *r, int held_before, struct jrnl_outcome *out,
                            FILE *msg, struct err *e)
{
	size_t mark = jrnl_lock_mark(), n = 0;
	char **dirs = xcalloc(r->ndirs + 1, sizeof(*dirs));
	int rc = 0;
	for (size_t d = 0; d < r->ndirs; d++) {
		struct stat st;
		if (!stat(r->dirs[d], &st) &&
		    S_ISDIR(st.st_mode)) /* a folder removed since: none */
			dirs[n++] = r->dirs[d];
	}
	for (size_t d = 0; held_before && d < n && !rc; d++)
		if ((rc = jlock_try(dirs[d], e)) > 0)
			rc = err_set(e, ERR_INPUT, dirs[d], 0, 0,
			             "an interrupted arena-rewrite run wrote here and in a folder "
			             "another run is writing in now; run again when it ends");
	if (!held_before)
		rc = jrnl_lock((const char *const *)dirs, n, msg, e);
	char name[96];
	jrnl_set_name(name, sizeof(name), r->id, "journal");
	for (size_t d = 0; d < n && !rc && jreg_has(r->id); d++) {
		int dfd = jrnl_open_dir(dirs[d]);
		struct stat st;
		if (dfd >= 0 && !fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW)) {
			char **busy = NULL, *shown = fs_relpath_cwd(dirs[d]);
			size_t nbusy = 0;
			rc = recover_pass(shown, dirs[d], dfd, r->id, out, msg, &busy, &nbusy, e);
			if (rc == BUSY)
				rc = err_set(
				    e, ERR_INPUT, shown, 0, 0,
				    "an interrupted arena-rewrite run wrote here and in a "
				    "folder another run is writing in now; run again when it "
				    "ends");
			free_strv(busy, nbusy);
			free(shown);
		}
		if (dfd >= 0)
			close(dfd);
	}
	/* No copy anywhere: the run was killed before its first copy was in place, or after its
	 * last was removed; it can only have left a journal temporary (its .new and .old files
	 * live only while copies do: others are not the record's to remove). */
	jrnl_set_name(name, sizeof(name), r->id, "jtmp");
	for (size_t d = 0; d < n && !rc && jreg_has(r->id); d++) {
		int dfd = jrnl_open_dir(dirs[d]);
		struct stat st;
		if (dfd >= 0 && !fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) &&
		    (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)))
			unlinkat(dfd, name, 0);
		if (dfd >= 0)
			close(dfd);
	}
	if (!rc)
		jreg_remove(r->id);
	jrnl_unlock_to(mark);
	free(dirs);
	return rc ? -1 : 0;
}

static int recover_all_recorded(const char *real, int held_before, struct jrnl_outcome *out,
                                FILE *msg, struct err *e)
{
	struct jreg_set *v;
	size_t n = jreg_find(real, &v, msg);
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++)
		rc = recover_recorded(&v[i], held_before, out, msg, e);
	jreg_free(v, n);
	return rc;
}

int jrnl_recover(const char *dir, struct jrnl_outcome *out, FILE *msg, struct err *e)
{
	memset(out, 0, sizeof(*out));
	char *real = realpath(dir, NULL);
	if (!real)
		return err_set(e, ERR_INPUT, dir, 0, 0, "cannot open the folder: %s",
		               strerror(errno));
	size_t mark = jrnl_lock_mark();
	int rc = jrnl_lock((const char *const *)&real, 1, msg, e);
	int held_before = jrnl_lock_mark() == mark; /* the caller holds it already */
	for (int tries = 0; !rc && tries < 100; tries++) {
		int dfd = open(real, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd < 0) {
			rc = err_set(e, ERR_INPUT, dir, 0, 0, "cannot open the folder: %s",
			             strerror(errno));
			break;
		}
		char **busy = NULL;
		size_t nbusy = 0;
		rc = recover_pass(dir, real, dfd, NULL, out, msg, &busy, &nbusy, e);
		close(dfd);
		if (rc == BUSY && held_before) {
			rc = err_set(e, ERR_INPUT, dir, 0, 0,
			             "an interrupted arena-rewrite run wrote here and in a folder "
			             "another run is writing in now; run again when it ends");
		} else if (rc == BUSY) {
			jrnl_unlock_to(mark);
			rc = jrnl_lock((const char *const *)busy, nbusy, msg, e);
			if (!rc)
				rc = BUSY; /* again, holding every folder */
		}
		free_strv(busy, nbusy);
		if (rc != BUSY)
			break;
		rc = 0;
	}
	if (!rc && held_before)
		rc = recover_all_recorded(real, 1, out, msg, e);
	jrnl_unlock_to(mark);
	if (!rc && !held_before)
		rc = recover_all_recorded(real, 0, out, msg, e);
	free(real);
	return rc ? -1 : 0;
}
