/*
 * out: one resolver and one writer for every output file (out.h).
 */
#define _GNU_SOURCE
#include "out.h"
#include "err.h"
#include "fsio.h"
#include "jrnl.h"
#include "mem.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

static int refuse(const struct out *o, const char *why, struct err *e)
{
	return err_set(e, ERR_INPUT, o->path, 0, 0, "cannot write %s: %s", o->what, why);
}

/* A file's target (links followed) in the registry of pending sets: refused. */
static int outside_registry(const struct out *o, struct err *e)
{
	if (o->kind == OUT_FILE && jrnl_in_registry(o->target))
		return refuse(
		    o, "it is in the registry of pending sets, which only this tool writes", e);
	return 0;
}

/* A name that does not exist yet (or a dangling link): the file a write creates. */
static int resolve_new(struct out *o, struct err *e)
{
	o->target = fs_follow(o->path, e);
	if (!o->target)
		return -1;
	char *dir = fs_dirname(o->target);
	struct stat ds, st;
	int ok = stat(dir, &ds) == 0 && S_ISDIR(ds.st_mode);
	free(dir);
	if (!ok)
		return refuse(o, strerror(ENOENT), e);
	if (lstat(o->target, &st) == 0 && !S_ISREG(st.st_mode))
		return refuse(o, "its path does not end in a file that can be created", e);
	o->kind = OUT_FILE;
	return outside_registry(o, e);
}

int out_resolve(struct out *o, const char *path, const char *what, struct err *e)
{
	memset(o, 0, sizeof(*o));
	o->path = path;
	o->what = what;
	o->fd = -1;
	if (jrnl_reserved_name(path))
		return refuse(o, "its name is one the journal uses for its own files", e);
	struct stat st, fd1, fd2;
	if (stat(path, &st))
		return errno == ENOENT ? resolve_new(o, e) : refuse(o, strerror(errno), e);
	if (fstat(1, &fd1) == 0 && same_file(&st, &fd1))
		o->kind = OUT_STDOUT;
	else if (fstat(2, &fd2) == 0 && same_file(&st, &fd2))
		o->kind = OUT_STDERR;
	else if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))
		o->kind = OUT_INPLACE;
	else if (S_ISDIR(st.st_mode))
		return refuse(o, "is a directory", e);
	else if (!S_ISREG(st.st_mode))
		return refuse(o, "not a regular file, a character device or a FIFO", e);
	else if (!(o->target = realpath(path, NULL)))
		return refuse(o, strerror(errno), e);
	else
		o->kind = OUT_FILE;
	return outside_registry(o, e);
}

int out_check(const struct out *o, struct err *e)
{
	struct stat st;
	/* /dev/stdout (or a name of the same file) is written through the tool's own stream:
	 * what that stream is open on is the file written (`1<>good.c`). */
	if (o->kind == OUT_STDOUT || o->kind == OUT_STDERR) {
		if (fstat(o->kind == OUT_STDOUT ? 1 : 2, &st) || !S_ISREG(st.st_mode))
			return 0;
	} else if (stat(o->path, &st)) {
		return 0;
	}
	if (fs_is_input(st.st_dev, st.st_ino))
		return refuse(o,
		              "it is an input of this run (a source, a header it includes, the "
		              "hotspot list, the rules, the compile database or a summaries file)",
		              e);
	return 0;
}

int out_open(struct out *o, struct err *e)
{
	if (o->kind != OUT_INPLACE || o->fd >= 0)
		return 0;
	o->fd = open(o->path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
	if (o->fd < 0)
		return refuse(o, errno == ENXIO ? "a FIFO with no reader" : strerror(errno), e);
	fcntl(o->fd, F_SETFL, fcntl(o->fd, F_GETFL) & ~O_NONBLOCK);
	struct stat st;
	if (fstat(o->fd, &st) || !(S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)))
		return refuse(o, "it was replaced while arena-rewrite ran", e);
	return 0;
}

struct jrnl_file out_jrnl_file(const struct out *o, const char *data, size_t len)
{
	return (struct jrnl_file){o->target, o->path, data, len, NULL};
}

int out_write(struct out *o, const char *data, size_t len, FILE *out, FILE *msg, struct err *e)
{
	if (o->kind == OUT_FILE) {
		struct jrnl_file f = out_jrnl_file(o, data, len);
		return jrnl_write(&f, 1, msg, e);
	}
	if (o->kind == OUT_INPLACE) {
		if (out_open(o, e))
			return -1;
		return fs_write_all(o->fd, data, len) ? refuse(o, strerror(errno), e) : 0;
	}
	FILE *f = o->kind == OUT_STDOUT ? out : stderr;
	if (fwrite(data, 1, len, f) != len || fflush(f))
		return refuse(o, strerror(errno), e);
	return 0;
}

void out_free(struct out *o)
{
	if (o->fd >= 0)
		close(o->fd);
	free(o->target);
	memset(o, 0, sizeof(*o));
	o->fd = -1;
}
