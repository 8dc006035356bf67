#define _GNU_SOURCE
#include "jrnl.h"
#include "err.h"
#include "fsio.h"
#include "mem.h"
#include "sbuf.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PREFIX ".arena-rewrite."

enum jstate { J_STAGING, J_COMMIT, J_ROLLBACK };
static const char *const state_names[] = {"staging", "commit", "rollback"};

struct jset {
	char id[64];
	enum jstate state;
	char **dirs;
	size_t ndirs, dcap;
	char **targets;
	int *created; /* the target did not exist: rolling back removes it */
	size_t n, cap;
};

static void jset_free(struct jset *s)
{
	for (size_t i = 0; i < s->ndirs; i++)
		free(s->dirs[i]);
	for (size_t i = 0; i < s->n; i++)
		free(s->targets[i]);
	free(s->dirs);
	free(s->targets);
	free(s->created);
	memset(s, 0, sizeof(*s));
}

static void jset_add(struct jset *s, const char *target, int created)
{
	if (s->n >= s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->targets = xrealloc(s->targets, s->cap * sizeof(*s->targets));
		s->created = xrealloc(s->created, s->cap * sizeof(*s->created));
	}
	s->targets[s->n] = xstrdup(target);
	s->created[s->n++] = created;
	char *d = fs_dirname(target);
	for (size_t i = 0; i < s->ndirs; i++)
		if (!strcmp(s->dirs[i], d)) {
			free(d);
			return;
		}
	GROW(s->dirs, s->ndirs, s->dcap);
	s->dirs[s->ndirs++] = d;
}

/* D/.arena-rewrite.ID.K.new or .old for the k-th target; malloc'd. */
static char *temp_name(const struct jset *s, size_t k, const char *kind)
{
	char *d = fs_dirname(s->targets[k]);
	char *r = xasprintf("%s/" PREFIX "%s.%zu.%s", d, s->id, k, kind);
	free(d);
	return r;
}

static char *journal_name(const char *dir, const char *id, const char *kind)
{
	return xasprintf("%s/" PREFIX "%s.%s", dir, id, kind);
}

/* ---- test hooks (jrnl.h) -------------------------------------------------------------------- */

static long hook_num(const char *name)
{
	const char *v = getenv(name);
	return v ? strtol(v, NULL, 10) : 0;
}

static void hook_delay(void)
{
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

static int do_rename(const char *from, const char *to)
{
	static long count;
	long fail = hook_num("ARENA_REWRITE_TEST_FAIL_RENAME");
	if (fail > 0 && ++count == fail) {
		errno = EBUSY;
		return -1;
	}
	return rename(from, to);
}

/* ---- the journal file ------------------------------------------------------------------------ */

static void put_hex(struct sbuf *sb, const char *s)
{
	for (; *s; s++)
		sb_addf(sb, "%02x", (unsigned char)*s);
	sb_addc(sb, '\n');
}

static void fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

/* The first target in dir, to name in a message about dir. */
static const char *first_in(const struct jset *s, const char *dir)
{
	size_t n = strlen(dir);
	for (size_t k = 0; k < s->n; k++)
		if (!strncmp(s->targets[k], dir, n) && s->targets[k][n] == '/' &&
		    !strchr(s->targets[k] + n + 1, '/'))
			return s->targets[k];
	return dir;
}

/* Every copy written to a temporary name, fsynced, then renamed: a journal is never torn. */
static int journal_store(struct jset *s, enum jstate st, struct err *e)
{
	s->state = st;
	struct sbuf sb = SBUF_INIT;
	sb_addf(&sb, "arena-rewrite journal 1\n%s\n%zu\n", state_names[st], s->n);
	for (size_t k = 0; k < s->n; k++) {
		sb_addf(&sb, "%d ", s->created[k]);
		put_hex(&sb, s->targets[k]);
	}
	sb_adds(&sb, "end\n");
	int rc = 0;
	for (size_t i = 0; i < s->ndirs && !rc; i++) {
		char *tmp = journal_name(s->dirs[i], s->id, "jtmp");
		char *fin = journal_name(s->dirs[i], s->id, "journal");
		int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		if (fd < 0 || fs_write_all(fd, sb.buf, sb.len) || fsync(fd) || close(fd) ||
		    rename(tmp, fin)) {
			rc = err_set(e, ERR_INPUT, first_in(s, s->dirs[i]), 0, 0,
			             "cannot write: %s (writing the journal in its folder)",
			             strerror(errno));
			unlink(tmp);
		} else {
			fsync_dir(s->dirs[i]);
		}
		free(tmp);
		free(fin);
	}
	sb_release(&sb);
	return rc;
}

static void journal_remove(const struct jset *s)
{
	for (size_t i = 0; i < s->ndirs; i++) {
		char *fin = journal_name(s->dirs[i], s->id, "journal");
		unlink(fin);
		free(fin);
		fsync_dir(s->dirs[i]);
	}
}

static char *get_hex(const char *p, size_t n)
{
	char *out = xmalloc(n / 2 + 1);
	size_t k = 0;
	for (size_t i = 0; i + 1 < n; i += 2) {
		unsigned v;
		if (sscanf(p + i, "%2x", &v) != 1 || !v) {
			free(out);
			return NULL;
		}
		out[k++] = (char)v;
	}
	out[k] = '\0';
	return out;
}

static int journal_load(const char *path, const char *id, struct jset *s)
{
	struct fs_text t;
	struct err ignore = ERR_INIT;
	memset(s, 0, sizeof(*s));
	snprintf(s->id, sizeof(s->id), "%s", id);
	if (fs_read(path, &t, &ignore)) {
		err_clear(&ignore);
		return -1;
	}
	char state[16];
	size_t n = 0;
	int off = 0, rc = -1;
	const char *p = t.data;
	if (sscanf(p, "arena-rewrite journal 1\n%15s\n%zu\n%n", state, &n, &off) < 2 || !off)
		goto out;
	p += off;
	s->state = !strcmp(state, "commit")     ? J_COMMIT
	           : !strcmp(state, "rollback") ? J_ROLLBACK
	                                        : J_STAGING;
	for (size_t k = 0; k < n; k++) {
		const char *nl = strchr(p, '\n');
		if (!nl || (p[0] != '0' && p[0] != '1') || p[1] != ' ')
			goto out;
		char *target = get_hex(p + 2, (size_t)(nl - p - 2));
		if (!target)
			goto out;
		jset_add(s, target, p[0] == '1');
		free(target);
		p = nl + 1;
	}
	rc = strcmp(p, "end\n") ? -1 : 0;
out:
	fs_text_free(&t);
	return rc;
}

/* ---- the two directions ------------------------------------------------------------------------
 */

static int exists(const char *p)
{
	struct stat st;
	return lstat(p, &st) == 0;
}

/* Puts every original back; with renamed == 0 (staging) no target was touched yet. */
static void roll_back(const struct jset *s, int renamed)
{
	for (size_t k = 0; k < s->n; k++) {
		char *nw = temp_name(s, k, "new"), *old = temp_name(s, k, "old");
		if (renamed && exists(old))
			rename(old,
			       s->targets[k]); /* same inode: a no-op, the unlink below ends it */
		else if (renamed && s->created[k] && !exists(nw))
			unlink(s->targets[k]);
		unlink(old);
		unlink(nw);
		free(nw);
		free(old);
	}
	for (size_t i = 0; i < s->ndirs; i++)
		fsync_dir(s->dirs[i]);
}

/* Renames every remaining .new over its target; -1 with errno at the first that fails. */
static int roll_forward(const struct jset *s, size_t *failed)
{
	for (size_t k = 0; k < s->n; k++) {
		char *nw = temp_name(s, k, "new");
		int rc = exists(nw) ? do_rename(nw, s->targets[k]) : 0;
		free(nw);
		if (rc) {
			*failed = k;
			return -1;
		}
	}
	for (size_t i = 0; i < s->ndirs; i++)
		fsync_dir(s->dirs[i]);
	for (size_t k = 0; k < s->n; k++) {
		char *old = temp_name(s, k, "old");
		unlink(old);
		free(old);
	}
	return 0;
}

/* ---- writing a set --------------------------------------------------------------------------- */

static int stage_one(const struct jset *s, size_t k, const struct jrnl_file *f, struct err *e)
{
	struct stat st;
	mode_t mode = stat(f->target, &st) == 0 ? st.st_mode & 07777 : 0644;
	char *nw = temp_name(s, k, "new"), *old = temp_name(s, k, "old");
	int rc = 0;
	int fd = open(nw, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 || fs_write_all(fd, f->data, f->len) || fchmod(fd, mode) || fsync(fd)) {
		rc = err_set(e, ERR_INPUT, f->target, 0, 0, "cannot write: %s", strerror(errno));
		if (fd >= 0)
			close(fd);
	} else if (close(fd)) {
		rc = err_set(e, ERR_INPUT, f->target, 0, 0, "cannot write: %s", strerror(errno));
	} else if (!s->created[k] && link(f->target, old)) {
		rc = err_set(e, ERR_INPUT, f->target, 0, 0,
		             "cannot keep a backup (hard link) of it: %s", strerror(errno));
	}
	free(nw);
	free(old);
	return rc;
}

static int check_all(const struct jrnl_file *f, size_t n, struct err *e)
{
	for (size_t k = 0; k < n; k++)
		if (f[k].was && fs_stamp_check(f[k].target, f[k].was, e))
			return -1;
	return 0;
}

/* The renames, each after checking its target once more; on failure every target is put back. */
static int commit_all(struct jset *s, const struct jrnl_file *f, struct err *e)
{
	jrnl_test_pause("ARENA_REWRITE_TEST_PAUSE_BEFORE_COMMIT");
	size_t k = 0;
	int rc = 0, en = 0;
	for (; k < s->n && !rc; k++) {
		hook_delay();
		char *nw = temp_name(s, k, "new");
		if (f[k].was && fs_stamp_check(f[k].target, f[k].was, e))
			rc = -1;
		else if (do_rename(nw, s->targets[k]))
			rc = -1, en = errno;
		free(nw);
	}
	if (!rc)
		return 0;
	size_t done = k - 1;
	struct err ignore = ERR_INIT;
	journal_store(s, J_ROLLBACK, &ignore);
	err_clear(&ignore);
	roll_back(s, 1);
	journal_remove(s);
	if (en)
		err_set(e, ERR_INPUT, f[done].target, 0, 0,
		        "cannot write: %s; nothing written (the %zu file(s) already renamed into "
		        "place were restored)",
		        strerror(en), done);
	return -1;
}

int jrnl_write(const struct jrnl_file *f, size_t n, struct err *e)
{
	if (!n)
		return 0;
	struct jset s;
	memset(&s, 0, sizeof(s));
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	snprintf(s.id, sizeof(s.id), "%ld-%lld%09ld", (long)getpid(), (long long)now.tv_sec,
	         now.tv_nsec);
	for (size_t k = 0; k < n; k++)
		jset_add(&s, f[k].target, !exists(f[k].target));
	int rc = journal_store(&s, J_STAGING, e);
	for (size_t k = 0; k < n && !rc; k++) {
		hook_delay();
		rc = stage_one(&s, k, &f[k], e);
	}
	if (!rc)
		rc = check_all(f, n, e);
	if (!rc)
		rc = journal_store(&s, J_COMMIT, e);
	if (rc) {
		roll_back(&s, 0);
		journal_remove(&s);
	} else if (!(rc = commit_all(&s, f, e))) {
		for (size_t i = 0; i < s.ndirs; i++)
			fsync_dir(s.dirs[i]);
		for (size_t k = 0; k < n; k++) {
			hook_delay();
			char *old = temp_name(&s, k, "old");
			unlink(old);
			free(old);
		}
		journal_remove(&s);
	}
	jset_free(&s);
	return rc;
}

/* ---- recovery ----------------------------------------------------------------------------------
 */

static int recover_one(const char *dir, const char *id, struct err *e)
{
	struct jset s;
	char *path = journal_name(dir, id, "journal");
	int rc = journal_load(path, id, &s);
	if (rc) {
		err_set(e, ERR_INPUT, path, 0, 0,
		        "unreadable journal: remove it by hand after checking "
		        "the files it names");
		free(path);
		jset_free(&s);
		return -1;
	}
	size_t failed = 0;
	if (s.state == J_COMMIT && roll_forward(&s, &failed)) {
		struct err ignore = ERR_INIT;
		journal_store(&s, J_ROLLBACK, &ignore);
		err_clear(&ignore);
	}
	if (s.state != J_COMMIT)
		roll_back(&s, s.state == J_ROLLBACK);
	journal_remove(&s);
	free(path);
	jset_free(&s);
	return 0;
}

static int has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);
	return n > m && !strcmp(s + n - m, suf);
}

/* The names in dir that start with PREFIX (and, with suffix, end with it); malloc'd. */
static char **list_ours(const char *dir, const char *suffix, size_t *n)
{
	char **v = NULL;
	size_t cap = 0;
	*n = 0;
	DIR *d = opendir(dir);
	if (!d)
		return NULL;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (strncmp(de->d_name, PREFIX, strlen(PREFIX)) ||
		    (suffix && !has_suffix(de->d_name, suffix)))
			continue;
		GROW(v, *n, cap);
		v[(*n)++] = xstrdup(de->d_name);
	}
	closedir(d);
	return v;
}

int jrnl_recover(const char *dir, int *sets, struct err *e)
{
	size_t n;
	*sets = 0;
	char **names = list_ours(dir, ".journal", &n);
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		size_t pl = strlen(PREFIX), len = strlen(names[i]) - pl - strlen(".journal");
		char *id = xstrndup(names[i] + pl, len);
		if (!rc && !(rc = recover_one(dir, id, e)))
			(*sets)++;
		free(id);
		free(names[i]);
	}
	free(names);
	if (rc)
		return rc;
	/* What no journal names is a leftover of a run killed before its first journal. */
	names = list_ours(dir, NULL, &n);
	for (size_t i = 0; i < n; i++) {
		char *p = xasprintf("%s/%s", dir, names[i]);
		struct stat st;
		if (lstat(p, &st) == 0 && S_ISREG(st.st_mode))
			unlink(p);
		free(p);
		free(names[i]);
	}
	free(names);
	return 0;
}
