#define _GNU_SOURCE
#include "fsio.h"
#include "err.h"
#include "mem.h"
#include "sbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <stdint.h>
#include <unistd.h>

int fs_read_fd(int fd, size_t max, const char *shown, struct fs_text *out, struct err *e)
{
	struct sbuf sb = SBUF_INIT;
	out->data = NULL;
	out->len = 0;
	for (;;) {
		sb_grow(&sb, 65536);
		ssize_t n = read(fd, sb.buf + sb.len, sb.alloc - sb.len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int en = errno;
			sb_release(&sb);
			return err_set(e, ERR_INPUT, shown, 0, 0, "cannot read: %s", strerror(en));
		}
		if (n == 0)
			break;
		sb.len += (size_t)n;
		sb.buf[sb.len] = '\0';
		if (sb.len > max) {
			sb_release(&sb);
			return err_set(e, ERR_INPUT, shown, 0, 0,
			               "cannot read: larger than %zu bytes", max);
		}
	}
	out->data = sb_detach(&sb, &out->len);
	return 0;
}

/* Inputs that are not regular files are read through a pipe or a terminal (--hotspots
 * <(jq ...), /dev/stdin): at most this much, so that `yes` behind a pipe is an error, not all
 * of memory. */
#define FS_STREAM_MAX ((size_t)256 << 20)
/* A regular input (a source, a compile database, a profile) larger than this is refused by
 * name before it is read, rather than reported as memory the allocator could not give. */
#define FS_FILE_MAX ((size_t)1 << 30)

/* only_regular: a FIFO is refused too, and opened without waiting for a writer. */
static int read_file(const char *path, int only_regular, struct fs_text *out, struct err *e)
{
	out->data = NULL;
	out->len = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC | (only_regular ? O_NONBLOCK : 0));
	if (fd < 0)
		return err_set(e, ERR_INPUT, path, 0, 0, "cannot read: %s", strerror(errno));
	struct stat st;
	const char *bad = NULL;
	if (fstat(fd, &st))
		bad = strerror(errno);
	else if (S_ISDIR(st.st_mode))
		bad = "is a directory";
	else if (only_regular && !S_ISREG(st.st_mode))
		bad = "not a regular file";
	else if (only_regular && fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK))
		bad = strerror(errno);
	else if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode) && !isatty(fd))
		bad = S_ISCHR(st.st_mode) ? "a character device, not a file (it may never end)"
		                          : "not a regular file, a pipe or a terminal";
	else if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > FS_FILE_MAX)
		bad = "larger than 1 GiB";
	if (bad) {
		close(fd);
		return err_set(e, ERR_INPUT, path, 0, 0, "cannot read: %s", bad);
	}
	fs_input_add(st.st_dev, st.st_ino);
	int rc = fs_read_fd(fd, S_ISREG(st.st_mode) ? FS_FILE_MAX : FS_STREAM_MAX, path, out, e);
	close(fd);
	return rc;
}

int fs_read(const char *path, struct fs_text *out, struct err *e)
{
	return read_file(path, 0, out, e);
}

int fs_read_regular(const char *path, struct fs_text *out, struct err *e)
{
	return read_file(path, 1, out, e);
}

/* ---- the run's inputs (fsio.h) ----------------------------------------------------------------
 */

static pthread_mutex_t inputs_lock = PTHREAD_MUTEX_INITIALIZER;
static struct input_id {
	dev_t dev;
	ino_t ino;
} * inputs; /* open addressing; ino 0 marks a free slot */
static size_t ninputs, inputs_cap;

static size_t input_slot(const struct input_id *v, size_t cap, dev_t dev, ino_t ino)
{
	size_t i = (size_t)(((uint64_t)ino * 0x9e3779b97f4a7c15ull) ^ (uint64_t)dev) & (cap - 1);
	while (v[i].ino && !(v[i].ino == ino && v[i].dev == dev))
		i = (i + 1) & (cap - 1);
	return i;
}

void fs_input_add(dev_t dev, ino_t ino)
{
	if (!ino)
		return;
	pthread_mutex_lock(&inputs_lock);
	if (2 * (ninputs + 1) > inputs_cap) {
		size_t cap = inputs_cap ? inputs_cap * 2 : 256;
		struct input_id *v = xcalloc(cap, sizeof(*v));
		for (size_t i = 0; i < inputs_cap; i++)
			if (inputs[i].ino)
				v[input_slot(v, cap, inputs[i].dev, inputs[i].ino)] = inputs[i];
		free(inputs);
		inputs = v;
		inputs_cap = cap;
	}
	size_t i = input_slot(inputs, inputs_cap, dev, ino);
	if (!inputs[i].ino) {
		inputs[i] = (struct input_id){dev, ino};
		ninputs++;
	}
	pthread_mutex_unlock(&inputs_lock);
}

int fs_is_input(dev_t dev, ino_t ino)
{
	pthread_mutex_lock(&inputs_lock);
	int r = inputs_cap && ino && inputs[input_slot(inputs, inputs_cap, dev, ino)].ino == ino;
	pthread_mutex_unlock(&inputs_lock);
	return r;
}

const char *fs_kind(unsigned mode)
{
	return S_ISREG(mode)    ? "a regular file"
	       : S_ISDIR(mode)  ? "a directory"
	       : S_ISFIFO(mode) ? "a FIFO"
	       : S_ISCHR(mode)  ? "a character device"
	       : S_ISBLK(mode)  ? "a block device"
	       : S_ISSOCK(mode) ? "a socket"
	       : S_ISLNK(mode)  ? "a symbolic link"
	                        : "a special file";
}

int fs_write_all(int fd, const char *data, size_t len)
{
	size_t off = 0;
	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			return -1;
		}
		off += (size_t)n;
	}
	return 0;
}

/* FNV-1a, 64 bits: not cryptographic, only "did these bytes change". */
uint64_t fs_hash(const char *data, size_t len)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)data[i];
		h *= 1099511628211ull;
	}
	return h;
}

static void stamp_of(const struct stat *st, const struct fs_text *t, struct fs_stamp *out)
{
	out->dev = st->st_dev;
	out->ino = st->st_ino;
	out->size = st->st_size;
	out->mtime_s = (long long)st->st_mtim.tv_sec;
	out->mtime_ns = (long long)st->st_mtim.tv_nsec;
	out->hash = fs_hash(t->data, t->len);
}

int fs_read_stamp(const char *path, struct fs_text *out, struct fs_stamp *st, struct err *e)
{
	struct stat before;
	if (stat(path, &before))
		return err_set(e, ERR_INPUT, path, 0, 0, "cannot read: %s", strerror(errno));
	if (fs_read(path, out, e))
		return -1;
	stamp_of(&before, out, st);
	return 0;
}

static int stamp_differs(const struct fs_stamp *now, const struct fs_text *t,
                         const struct fs_stamp *st)
{
	return now->dev != st->dev || now->ino != st->ino || now->size != st->size ||
	       now->mtime_s != st->mtime_s || now->mtime_ns != st->mtime_ns ||
	       now->hash != st->hash || (off_t)t->len != st->size;
}

int fs_stamp_check(const char *path, const struct fs_stamp *st, struct err *e)
{
	struct fs_text t = {NULL, 0}; /* fs_read_stamp leaves it alone when stat fails */
	struct fs_stamp now;
	struct err ignore = ERR_INIT;
	int rc = fs_read_stamp(path, &t, &now, &ignore);
	err_clear(&ignore);
	if (!rc && stamp_differs(&now, &t, st))
		rc = -1;
	fs_text_free(&t);
	if (rc)
		return err_set(e, ERR_INPUT, path, 0, 0,
		               "changed while arena-rewrite ran (edited, replaced or removed); "
		               "nothing written: run again");
	return 0;
}

int fs_stamp_same_at(int dfd, const char *name, const struct fs_stamp *st)
{
	struct stat before;
	if (fstatat(dfd, name, &before, AT_SYMLINK_NOFOLLOW) || !S_ISREG(before.st_mode) ||
	    before.st_dev != st->dev || before.st_ino != st->ino)
		return 0;
	int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return 0;
	struct fs_text t = {NULL, 0};
	struct fs_stamp now;
	struct err ignore = ERR_INIT;
	int same = !fstat(fd, &before) && S_ISREG(before.st_mode) &&
	           !fs_read_fd(fd, (size_t)st->size, name, &t, &ignore);
	close(fd);
	err_clear(&ignore);
	if (same) {
		stamp_of(&before, &t, &now);
		same = !stamp_differs(&now, &t, st);
	}
	fs_text_free(&t);
	return same;
}

int fs_check_source(const char *path, struct err *e)
{
	struct stat st;
	if (stat(path, &st))
		return err_set(e, ERR_INPUT, path, 0, 0, "%s",
		               errno == ENOENT ? "no such file" : strerror(errno));
	if (!S_ISREG(st.st_mode))
		return err_set(e, ERR_INPUT, path, 0, 0, "not a regular file (%s): not parsed",
		               fs_kind(st.st_mode));
	return 0;
}

void fs_text_free(struct fs_text *t)
{
	free(t->data);
	t->data = NULL;
	t->len = 0;
}

char *fs_abspath(const char *path, const char *base)
{
	struct sbuf in = SBUF_INIT;
	if (path[0] != '/') {
		if (base) {
			sb_adds(&in, base);
		} else {
			char *cwd = getcwd(NULL, 0);
			sb_adds(&in, cwd ? cwd : ".");
			free(cwd);
		}
		sb_addc(&in, '/');
	}
	sb_adds(&in, path);
	/* Normalise component by component: "." dropped, ".." pops. */
	struct sbuf out = SBUF_INIT;
	const char *p = in.buf;
	while (*p) {
		while (*p == '/')
			p++;
		const char *q = p;
		while (*q && *q != '/')
			q++;
		size_t n = (size_t)(q - p);
		if (n == 0 || (n == 1 && p[0] == '.')) {
			/* skip */
		} else if (n == 2 && p[0] == '.' && p[1] == '.') {
			char *slash = strrchr(out.buf, '/');
			out.len = slash ? (size_t)(slash - out.buf) : 0;
			out.buf[out.len] = '\0';
		} else {
			sb_addc(&out, '/');
			sb_add(&out, p, n);
		}
		p = q;
	}
	if (!out.len)
		sb_addc(&out, '/');
	sb_release(&in);
	return sb_detach(&out, NULL);
}

char *fs_relpath_cwd(const char *abs)
{
	char *cwd = getcwd(NULL, 0);
	char *r = cwd ? fs_relpath(abs, cwd) : xstrdup(abs);
	free(cwd);
	return r;
}

char *fs_relpath(const char *abs, const char *base)
{
	if (abs[0] != '/' || base[0] != '/')
		return xstrdup(abs);
	/* Longest common folder prefix, then one ".." per remaining folder of base. */
	size_t common = 0, i = 0;
	for (; base[i] && abs[i] == base[i]; i++)
		if (base[i] == '/')
			common = i;
	if (!base[i] && (abs[i] == '/' || !abs[i]))
		common = i;
	struct sbuf sb = SBUF_INIT;
	for (const char *p = base + common; *p; p++)
		if (*p == '/' && p[1])
			sb_adds(&sb, "../");
	const char *rest = abs + common;
	while (*rest == '/')
		rest++;
	sb_adds(&sb, rest);
	return sb_detach(&sb, NULL);
}

char *fs_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

char *fs_resolve(const char *path)
{
	char *r = realpath(path, NULL);
	return r ? r : xstrdup(path);
}

char *fs_follow(const char *path, struct err *e)
{
	char *cur = xstrdup(path);
	for (int hops = 0; hops < 40; hops++) {
		char *r = realpath(cur, NULL);
		if (r) {
			free(cur);
			return r;
		}
		char buf[PATH_MAX];
		ssize_t n = readlink(cur, buf, sizeof(buf) - 1);
		if (n < 0) {
			/* Not a link: a new file, in a folder that must exist. */
			char *dir = fs_dirname(cur);
			char *rdir = realpath(dir, NULL);
			const char *base = strrchr(cur, '/') ? strrchr(cur, '/') + 1 : cur;
			char *out = rdir ? xasprintf("%s/%s", strcmp(rdir, "/") ? rdir : "", base)
			                 : xstrdup(cur);
			free(rdir);
			free(dir);
			free(cur);
			return out;
		}
		buf[n] = '\0';
		char *next;
		if (buf[0] == '/') {
			next = xstrdup(buf);
		} else {
			char *dir = fs_dirname(cur);
			next = xasprintf("%s/%s", dir, buf);
			free(dir);
		}
		free(cur);
		cur = next;
	}
	err_set(e, ERR_INPUT, path, 0, 0, "cannot write: too many levels of symbolic links");
	free(cur);
	return NULL;
}

int fs_exists(const char *path)
{
	return access(path, F_OK) == 0;
}
