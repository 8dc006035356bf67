/*
 * jrnl_lock: one run at a time in a folder. The lock is an flock(2) on the folder itself,
 * taken by every run that writes in D (-i, a report or summaries file, --recover) before it
 * reads what it will replace, and held until its writes are done; a run killed while holding
 * it loses it with its descriptors, and leaves nothing behind.
 *
 * Where the file system cannot lock a folder (NFS emulates flock with byte-range locks, which
 * need a descriptor open for writing), the lock is an flock on the file D/.arena-rewrite.lock
 * instead. Its holder removes it before releasing it; a run that gets the lock checks that the
 * name still is the file it locked, else it locks the new one (so two runs never hold two
 * different files). A run killed while holding it leaves the file behind, unlocked: the next
 * run takes it (and removes it when done).
 *
 * Locks held by this process are kept in a stack (jrnl.h: jrnl_lock_mark, jrnl_unlock_to),
 * by folder identity, so a folder is never locked twice by one process (an flock on a second
 * descriptor would wait for the first). Folders are locked in the order of their paths, so two
 * runs that each need several folders never wait for each other in a circle; recovery, which
 * learns the folders of a set only from a journal, only tries those (jlock_try) and starts
 * over in that order when one is busy.
 */
#define _GNU_SOURCE
#include "err.h"
#include "jrnl.h"
#include "jrnl_int.h"
#include "mem.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

struct held {
	dev_t dev;
	ino_t ino;
	int dfd; /* the folder */
	int fd;  /* the lock file; -1: none (the folder is locked, or cannot be written by us) */
};

static struct held *held;
static size_t nheld, heldcap;

size_t jrnl_lock_mark(void)
{
	return nheld;
}

void jrnl_unlock_to(size_t mark)
{
	while (nheld > mark) {
		struct held *h = &held[--nheld];
		if (h->fd >= 0) {
			unlinkat(h->dfd, JRNL_LOCKNAME, 0); /* ours: no one else may remove it */
			close(h->fd);
		}
		close(h->dfd);
	}
}

static int is_held(const struct stat *st)
{
	for (size_t i = 0; i < nheld; i++)
		if (held[i].dev == st->st_dev && held[i].ino == st->st_ino)
			return 1;
	return 0;
}

static void push(const struct stat *st, int dfd, int fd)
{
	GROW(held, nheld, heldcap);
	held[nheld++] = (struct held){st->st_dev, st->st_ino, dfd, fd};
}

static int lock_error(const char *dir, const char *why, struct err *e)
{
	char *p = xasprintf("%s/%s", dir, JRNL_LOCKNAME);
	err_set(e, ERR_INPUT, p, 0, 0, "cannot take the lock of this folder: %s", why);
	free(p);
	return -1;
}

/* Opens and flocks the lock file of dfd: 0 locked (*out the fd), 1 busy (without block),
 * 2 the folder is not writable by us, -1 error. */
static int lock_file(const char *dir, int dfd, int block, FILE *msg, int *out, struct err *e)
{
	for (;;) {
		int fd = openat(dfd, JRNL_LOCKNAME,
		                O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0600);
		if (fd < 0 &&
		    (errno == EROFS || (errno == EACCES && faccessat(dfd, ".", W_OK, AT_EACCESS))))
			return 2;
		if (fd < 0)
			return lock_error(
			    dir, errno == ELOOP ? "it is a symbolic link" : strerror(errno), e);
		struct stat a, b;
		if (fstat(fd, &a) || !S_ISREG(a.st_mode)) {
			close(fd);
			return lock_error(dir, "it is not a regular file", e);
		}
		if (flock(fd, LOCK_EX | LOCK_NB)) {
			if (errno != EWOULDBLOCK || !block) {
				int en = errno;
				close(fd);
				return en == EWOULDBLOCK ? 1 : lock_error(dir, strerror(en), e);
			}
			if (msg)
				fprintf(
				    msg,
				    "%s: note: waiting for another arena-rewrite run writing in "
				    "this folder\n",
				    dir);
			while (flock(fd, LOCK_EX) && errno == EINTR)
				;
		}
		if (!fstatat(dfd, JRNL_LOCKNAME, &b, AT_SYMLINK_NOFOLLOW) && a.st_dev == b.st_dev &&
		    a.st_ino == b.st_ino) {
			*out = fd;
			return 0;
		}
		close(fd); /* its holder removed it: lock the file that has the name now */
	}
}

/* flock on the folder: 0 locked, 1 busy (without block), 2 the file system cannot, -1 error. */
static int lock_folder(const char *dir, int dfd, int block, FILE *msg, struct err *e)
{
	if (!flock(dfd, LOCK_EX | LOCK_NB))
		return 0;
	if (errno == EBADF || errno == ENOLCK || errno == EOPNOTSUPP || errno == EINVAL)
		return 2;
	if (errno != EWOULDBLOCK)
		return err_set(e, ERR_INPUT, dir, 0, 0, "cannot lock the folder: %s",
		               strerror(errno));
	if (!block)
		return 1;
	if (msg)
		fprintf(msg,
		        "%s: note: waiting for another arena-rewrite run writing in this folder\n",
		        dir);
	while (flock(dfd, LOCK_EX))
		if (errno != EINTR)
			return err_set(e, ERR_INPUT, dir, 0, 0, "cannot lock the folder: %s",
			               strerror(errno));
	return 0;
}

/* 0 held (now or before), 1 busy (without block), -1 error. */
static int take(const char *dir, int block, FILE *msg, struct err *e)
{
	int dfd = jrnl_open_dir(dir);
	struct stat st;
	if (dfd < 0 || fstat(dfd, &st)) {
		int en = errno;
		if (dfd >= 0)
			close(dfd);
		return err_set(e, ERR_INPUT, dir, 0, 0, "cannot open the folder: %s", strerror(en));
	}
	if (is_held(&st)) {
		close(dfd);
		return 0;
	}
	int fd = -1;
	int rc = lock_folder(dir, dfd, block, msg, e);
	if (rc == 2)
		rc = lock_file(dir, dfd, block, msg, &fd, e);
	if (rc == 0 || rc == 2) {
		push(&st, dfd, fd);
		return 0;
	}
	close(dfd);
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int jrnl_lock(const char *const *dirs, size_t n, FILE *msg, struct err *e)
{
	const char **v = xcalloc(n + 1, sizeof(*v));
	memcpy(v, dirs, n * sizeof(*v));
	if (n)
		qsort(v, n, sizeof(*v), cmp_str);
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++)
		if (!i || strcmp(v[i], v[i - 1]))
			rc = take(v[i], 1, msg, e);
	free(v);
	return rc;
}

int jlock_try(const char *dir, struct err *e)
{
	return take(dir, 0, NULL, e);
}
