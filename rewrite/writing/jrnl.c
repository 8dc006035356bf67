/*
 * jrnl: writing a set and recovering one (jrnl.h). The journal's text is jrnl_fmt.c's, the
 * locks jrnl_lock.c's. Every file operation names a plain name relative to its folder's open
 * descriptor, never follows a link, and creates with O_EXCL.
 */
#define _GNU_SOURCE
#include "jrnl.h"
#include "err.h"
#include "fsio.h"
#include "jrnl_int.h"
#include "mem.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- sets, names, identities --------------------------------------------------------------- */

void jset_free(struct jset *s)
{
	for (size_t i = 0; i < s->ndirs; i++) {
		free(s->dirs[i].path);
		if (s->dirs[i].fd >= 0)
			close(s->dirs[i].fd);
	}
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].name);
		free(s->v[i].shown);
	}
	free(s->dirs);
	free(s->v);
	free(s->seen);
	strmap_free_keys(&s->names);
	strmap_free(&s->dix);
	memset(s, 0, sizeof(*s));
}

long jset_find(const struct jset *s, const char *path)
{
	const struct strmap_ent *en = strmap_find(&s->dix, path);
	return en ? (long)en->val : -1;
}

int jrnl_open_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct rlimit rl;
	/* A set over many folders holds one descriptor per folder (two while locked): past the
	 * soft limit (1,024 on many systems), take what the hard one allows. */
	if (fd < 0 && errno == EMFILE && !getrlimit(RLIMIT_NOFILE, &rl) &&
	    rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		if (!setrlimit(RLIMIT_NOFILE, &rl))
			fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		else
			errno = EMFILE;
	}
	return fd;
}

size_t jset_dir(struct jset *s, const char *path)
{
	long i = jset_find(s, path);
	if (i >= 0)
		return (size_t)i;
	GROW(s->dirs, s->ndirs, s->dcap);
	struct jdir *d = &s->dirs[s->ndirs];
	d->path = xstrdup(path);
	d->fd = jrnl_open_dir(path);
	d->copy = 0;
	strmap_put(&s->dix, d->path, (int)s->ndirs);
	return s->ndirs++;
}

void jrnl_temp_name(char *buf, size_t n, const char *id, size_t k, const char *kind)
{
	snprintf(buf, n, JRNL_PREFIX "%s.%zu.%s", id, k, kind);
}

void jrnl_set_name(char *buf, size_t n, const char *id, const char *kind)
{
	snprintf(buf, n, JRNL_PREFIX "%s.%s", id, kind);
}

static size_t digits(const char *p)
{
	return strspn(p, "0123456789");
}

int jrnl_reserved_name(const char *path)
{
	const char *base = strrchr(path, '/');
	char id[JRNL_ID_MAX];
	int is_journal;
	return jrnl_parse_name(base ? base + 1 : path, id, &is_journal);
}

int jrnl_parse_name(const char *name, char id[JRNL_ID_MAX], int *is_journal)
{
	size_t pl = strlen(JRNL_PREFIX);
	if (strncmp(name, JRNL_PREFIX, pl))
		return 0;
	const char *p = name + pl, *q = p + digits(p);
	if (q == p || *q != '-' || !digits(q + 1))
		return 0;
	q += 1 + digits(q + 1);
	if ((size_t)(q - p) >= JRNL_ID_MAX || *q != '.')
		return 0;
	memcpy(id, p, (size_t)(q - p));
	id[q - p] = '\0';
	q++;
	*is_journal = !strcmp(q, "journal");
	if (*is_journal || !strcmp(q, "jtmp"))
		return 1;
	const char *r = q + digits(q);
	return r > q && (!strcmp(r, ".new") || !strcmp(r, ".old"));
}

void jrnl_sync_dir(int fd)
{
	fsync(fd);
}

int jrnl_ident(int dfd, const char *name, struct jid *out)
{
	struct stat st;
	out->dev = 0;
	out->ino = 0;
	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW))
		return errno == ENOENT ? 0 : -1;
	/* Only a regular file is one the journal wrote: a symlink or FIFO planted under its
	 * name, even one with the recorded identity, is never renamed over a source. */
	if (!S_ISREG(st.st_mode)) {
		errno = EINVAL;
		return -1;
	}
	out->dev = st.st_dev;
	out->ino = st.st_ino;
	return 0;
}

int jrnl_same(const struct jid *a, const struct jid *b)
{
	return a->ino && a->ino == b->ino && a->dev == b->dev;
}

int jrnl_is_new(int dfd, const char *name, const struct jent *f)
{
	return f->nw.ino && fs_stamp_same_at(dfd, name, &f->nws);
}

const char *jrnl_what_became(int dfd, const char *name, const struct jid *want, char *buf, size_t n)
{
	struct stat st;
	if (dfd < 0 || fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW))
		return dfd >= 0 && errno != ENOENT ? strerror(errno) : "removed";
	if (!S_ISREG(st.st_mode))
		snprintf(buf, n, "replaced by %s", fs_kind(st.st_mode));
	else if (st.st_dev != want->dev || st.st_ino != want->ino)
		snprintf(buf, n, "replaced by another file");
	else
		snprintf(buf, n, "still there");
	return buf;
}

static void sync_all(const struct jset *s)
{
	for (size_t d = 0; d < s->ndirs; d++)
		if (s->dirs[d].fd >= 0)
			jrnl_sync_dir(s->dirs[d].fd);
}

/* ---- test hooks (jrnl.h) -------------------------------------------------------------------- */

static long hook_num(const char *name)
{
	const char *v = getenv(name);
	return v ? strtol(v, NULL, 10) : 0;
}

void jrnl_hook_delay(void)
{
	static long steps;
	long kill_at = hook_num("ARENA_REWRITE_TEST_KILL_AT_STEP");
	if (kill_at > 0 && ++steps == kill_at)
		raise(SIGKILL);
	long ms = hook_num("ARENA_REWRITE_TEST_STEP_DELAY_MS");
	if (ms > 0) {
		struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
		nanosleep(&ts, NULL);
	}
}

void jrnl_test_pause(const char *env)
{
	const char *f = getenv(env);
	if (!f || !*f)
		return;
	int fd = open(f, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	if (fd >= 0)
		close(fd);
	struct timespec ts = {0, 10000000L};
	for (int i = 0; i < 6000 && access(f, F_OK) == 0; i++)
		nanosleep(&ts, NULL);
}

static int do_rename(int dfd, const char *from, const char *to)
{
	static long count;
	long fail = hook_num("ARENA_REWRITE_TEST_FAIL_RENAME");
	if (fail > 0 && ++count == fail) {
		errno = EBUSY;
		return -1;
	}
	return renameat(dfd, from, dfd, to);
}

/* ---- the two directions ------------------------------------------------------------------------
 */

/* Whether f's target still holds what was read (or is still absent, for a created one). */
static int unchanged(const struct jset *s, const struct jent *f)
{
	int dfd = s->dirs[f->dir].fd;
	struct jid cur;
	if (jrnl_ident(dfd, f->name, &cur))
		return 0;
	if (f->created)
		return !cur.ino;
	return f->check ? fs_stamp_same_at(dfd, f->name, &f->was) : jrnl_same(&cur, &f->old);
}

static int write_failed(const struct jent *f, const char *what, struct err *e)
{
	return err_set(e, ERR_INPUT, f->shown, 0, 0, "cannot %s: %s", what, strerror(errno));
}

int jrnl_roll_back(const struct jset *s, int *restored, struct err *e)
{
	char nw[96], old[96];
	int rc = 0;
	for (size_t i = 0; i < s->n && !rc; i++) {
		const struct jent *f = &s->v[i];
		int dfd = s->dirs[f->dir].fd;
		struct jid bak;
		if (dfd < 0 || !jrnl_is_new(dfd, f->name, f))
			continue;
		jrnl_hook_delay();
		jrnl_temp_name(old, sizeof(old), s->id, f->k, "old");
		if (f->created) {
			rc = unlinkat(dfd, f->name, 0) ? write_failed(f, "remove it", e) : 0;
		} else if (jrnl_ident(dfd, old, &bak) || !jrnl_same(&bak, &f->old)) {
			char why[64];
			rc = err_set(
			    e, ERR_INPUT, f->shown, 0, 0,
			    "cannot put the original back: its backup %s was %s since the "
			    "interrupted run made it; the set is unfinished and this file holds "
			    "the new text: put its original back under that name and run "
			    "arena-rewrite --recover again",
			    old, jrnl_what_became(dfd, old, &f->old, why, sizeof(why)));
		} else if (renameat(dfd, old, dfd, f->name)) {
			rc = write_failed(f, "put the original back", e);
		}
		if (!rc)
			(*restored)++;
	}
	if (rc)
		return -1;
	sync_all(s);
	for (size_t i = 0; i < s->n; i++) {
		const struct jent *f = &s->v[i];
		jrnl_temp_name(nw, sizeof(nw), s->id, f->k, "new");
		jrnl_temp_name(old, sizeof(old), s->id, f->k, "old");
		if (s->dirs[f->dir].fd >= 0) {
			unlinkat(s->dirs[f->dir].fd, nw, 0);
			unlinkat(s->dirs[f->dir].fd, old, 0);
		}
	}
	return 0;
}

/* Removes every backup of the set, once every target is new. */
static void drop_backups(const struct jset *s)
{
	char old[96];
	sync_all(s);
	for (size_t i = 0; i < s->n; i++) {
		jrnl_hook_delay();
		jrnl_temp_name(old, sizeof(old), s->id, s->v[i].k, "old");
		if (s->dirs[s->v[i].dir].fd >= 0)
			unlinkat(s->dirs[s->v[i].dir].fd, old, 0);
	}
}

/* ---- writing a set --------------------------------------------------------------------------- */

static int stage_one(struct jset *s, struct jent *f, const struct jrnl_file *in, struct err *e)
{
	char nw[96], old[96];
	int dfd = s->dirs[f->dir].fd;
	struct stat st;
	mode_t mode = fstatat(dfd, f->name, &st, 0) == 0 ? st.st_mode & 07777 : 0644;
	jrnl_temp_name(nw, sizeof(nw), s->id, f->k, "new");
	jrnl_temp_name(old, sizeof(old), s->id, f->k, "old");
	int fd = openat(dfd, nw, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0 || fs_write_all(fd, in->data, in->len) || fchmod(fd, mode) || fsync(fd) ||
	    fstat(fd, &st)) {
		int en = errno;
		if (fd >= 0)
			close(fd);
		errno = en;
		return write_failed(f, "write", e);
	}
	f->nw = (struct jid){st.st_dev, st.st_ino};
	f->nws = (struct fs_stamp){st.st_dev,
	                           st.st_ino,
	                           st.st_size,
	                           (long long)st.st_mtim.tv_sec,
	                           (long long)st.st_mtim.tv_nsec,
	                           fs_hash(in->data, in->len)};
	if (close(fd))
		return write_failed(f, "write", e);
	struct jid bak;
	if (!f->created && linkat(dfd, f->name, dfd, old, 0))
		return err_set(e, ERR_INPUT, f->shown, 0, 0,
		               "cannot keep a backup (hard link) of it: %s", strerror(errno));
	if (!f->created && (jrnl_ident(dfd, old, &bak) || !jrnl_same(&bak, &f->old)))
		return err_set(e, ERR_INPUT, f->shown, 0, 0,
		               "changed while arena-rewrite ran (replaced); nothing written: run "
		               "again");
	return 0;
}

static int changed_error(const struct jent *f, struct err *e)
{
	return err_set(e, ERR_INPUT, f->shown, 0, 0,
	               "changed while arena-rewrite ran (edited, replaced or removed); nothing "
	               "written: run again");
}

/* The renames, each after checking its target once more; on failure every renamed target is
 * put back. */
static int commit_all(struct jset *s, struct err *e)
{
	jrnl_test_pause("ARENA_REWRITE_TEST_PAUSE_BEFORE_COMMIT");
	char nw[96];
	size_t k = 0, done = 0;
	int rc = 0, en = 0;
	for (; k < s->n && !rc; k++) {
		jrnl_hook_delay();
		const struct jent *f = &s->v[k];
		jrnl_temp_name(nw, sizeof(nw), s->id, f->k, "new");
		if (!unchanged(s, f))
			rc = changed_error(f, e);
		else if (do_rename(s->dirs[f->dir].fd, nw, f->name))
			rc = -1, en = errno;
		else
			done++;
	}
	if (!rc)
		return 0;
	struct err ignore = ERR_INIT, undo = ERR_INIT;
	jfmt_store(s, J_ROLLBACK, &ignore);
	err_clear(&ignore);
	int restored = 0;
	if (jrnl_roll_back(s, &restored, &undo)) {
		err_set(e, ERR_INPUT, undo.where, 0, 0,
		        "%s; the write failed and could not be undone: run arena-rewrite --recover "
		        "in its folder",
		        undo.msg);
		err_clear(&undo);
		return -1;
	}
	jfmt_remove(s, SIZE_MAX);
	if (en)
		err_set(e, ERR_INPUT, s->v[k - 1].shown, 0, 0,
		        "cannot write: %s; nothing written (the %zu file(s) already renamed into "
		        "place were restored)",
		        strerror(en), done);
	return -1;
}

/* The set of f[0..n): folders and names; -1 when a folder cannot be opened or a file read
 * earlier is gone. */
static int make_set(struct jset *s, const struct jrnl_file *f, size_t n, struct err *e)
{
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	snprintf(s->id, sizeof(s->id), "%ld-%lld%09ld", (long)getpid(), (long long)now.tv_sec,
	         now.tv_nsec);
	s->total = n;
	/* The set's first folder, whose copy is written first and removed last (jfmt_remove): the
	 * first in path order, so that a user can tell which it is. */
	char *first = NULL;
	for (size_t k = 0; k < n; k++) {
		char *dir = fs_dirname(f[k].target);
		if (!first || strcmp(dir, first) < 0) {
			free(first);
			first = dir;
		} else {
			free(dir);
		}
	}
	jset_dir(s, first);
	free(first);
	for (size_t k = 0; k < n; k++) {
		char *dir = fs_dirname(f[k].target);
		size_t d = jset_dir(s, dir);
		free(dir);
		const char *slash = strrchr(f[k].target, '/');
		struct jent je;
		memset(&je, 0, sizeof(je));
		je.k = k;
		je.dir = d;
		je.name = xstrdup(slash ? slash + 1 : f[k].target);
		je.shown = xstrdup(f[k].shown ? f[k].shown : f[k].target);
		GROW(s->v, s->n, s->cap);
		s->v[s->n++] = je;
		struct jent *j = &s->v[s->n - 1];
		if (s->dirs[d].fd < 0)
			return write_failed(j, "write in its folder", e);
		if (jrnl_ident(s->dirs[d].fd, j->name, &j->old))
			return write_failed(j, "read", e);
		j->created = !j->old.ino;
		if (f[k].was) {
			j->check = 1;
			j->was = *f[k].was;
			if (j->created)
				return changed_error(j, e);
		}
	}
	return 0;
}

/*
 * Termination signals (Ctrl-C, a CI job's timeout) wait while a set is written: one that came
 * before the renames began rolls the set back, one that came after lets them finish; either
 * way it is delivered once the set is whole and its temporary files are gone. Only kill -9
 * leaves a journal for --recover.
 */
void jrnl_block_signals(sigset_t *old)
{
	sigset_t term;
	sigemptyset(&term);
	sigaddset(&term, SIGINT);
	sigaddset(&term, SIGTERM);
	sigaddset(&term, SIGHUP);
	sigaddset(&term, SIGQUIT);
	pthread_sigmask(SIG_BLOCK, &term, old);
}

static int signal_pending(const sigset_t *old)
{
	sigset_t p;
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
	if (sigpending(&p))
		return 0;
	for (size_t i = 0; i < sizeof(sigs) / sizeof(*sigs); i++)
		if (sigismember(&p, sigs[i]) && !sigismember(old, sigs[i]))
			return 1;
	return 0;
}

int jrnl_write(const struct jrnl_file *f, size_t n, FILE *msg, struct err *e)
{
	if (!n)
		return 0;
	struct jset s;
	memset(&s, 0, sizeof(s));
	sigset_t old;
	size_t mark = jrnl_lock_mark();
	char **dirs = xcalloc(n + 1, sizeof(*dirs));
	for (size_t k = 0; k < n; k++)
		dirs[k] = fs_dirname(f[k].target);
	int rc = jrnl_lock((const char *const *)dirs, n, msg, e); /* a wait Ctrl-C may end */
	for (size_t k = 0; k < n; k++)
		free(dirs[k]);
	free(dirs);
	jrnl_block_signals(&old);
	if (!rc)
		rc = make_set(&s, f, n, e);
	int staged = !rc; /* from here a failure removes what was written, copies included */
	if (!rc)
		jreg_add(&s, msg); /* before the first copy: every folder's --recover finds it */
	if (!rc)
		rc = jfmt_store(&s, J_STAGING, e);
	for (size_t k = 0; k < n && !rc; k++) {
		jrnl_hook_delay();
		rc = stage_one(&s, &s.v[k], &f[k], e);
	}
	for (size_t k = 0; k < n && !rc; k++)
		if (!unchanged(&s, &s.v[k]))
			rc = changed_error(&s.v[k], e);
	if (!rc && signal_pending(&old))
		rc = err_set(e, ERR_INPUT, NULL, 0, 0, "interrupted by a signal: nothing written");
	if (!rc) {
		jrnl_hook_delay();
		rc = jfmt_store(&s, J_COMMIT, e);
	}
	if (rc && staged) {
		int none = 0;
		struct err ignore = ERR_INIT;
		jrnl_roll_back(&s, &none, &ignore); /* nothing renamed: only temporary files go */
		err_clear(&ignore);
		jfmt_remove(&s, SIZE_MAX);
	} else if (!rc && !(rc = commit_all(&s, e))) {
		drop_backups(&s);
		jfmt_remove(&s, SIZE_MAX);
	}
	jrnl_unlock_to(mark);
	jset_free(&s);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return rc;
}
