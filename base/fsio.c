#define _GNU_SOURCE
#include "fsio.h"
#include "err.h"
#include "mem.h"
#include "sbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int fs_read(const char *path, struct fs_text *out, struct err *e)
{
	out->data = NULL;
	out->len = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return err_set(e, ERR_INPUT, path, 0, 0, "cannot read: %s", strerror(errno));
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return err_set(e, ERR_INPUT, path, 0, 0, "cannot read: is a directory");
	}
	struct sbuf sb = SBUF_INIT;
	for (;;) {
		sb_grow(&sb, 65536);
		ssize_t n = read(fd, sb.buf + sb.len, sb.alloc - sb.len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int en = errno;
			close(fd);
			sb_release(&sb);
			return err_set(e, ERR_INPUT, path, 0, 0, "cannot read: %s", strerror(en));
		}
		if (n == 0)
			break;
		sb.len += (size_t)n;
		sb.buf[sb.len] = '\0';
	}
	close(fd);
	out->data = sb_detach(&sb, &out->len);
	return 0;
}

void fs_text_free(struct fs_text *t)
{
	free(t->data);
	t->data = NULL;
	t->len = 0;
}

char *fs_stage(const char *path, const char *data, size_t len, struct err *e)
{
	struct stat st;
	mode_t mode = 0644;
	if (stat(path, &st) == 0)
		mode = st.st_mode & 07777;
	char *dir = fs_dirname(path);
	char *tmp = xasprintf("%s/.arena-rewrite.XXXXXX", dir);
	free(dir);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		int en = errno;
		free(tmp);
		err_set(e, ERR_INPUT, path, 0, 0, "cannot write: %s", strerror(en));
		return NULL;
	}
	size_t off = 0;
	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			goto fail;
		off += (size_t)n;
	}
	if (fchmod(fd, mode) || fsync(fd))
		goto fail;
	if (close(fd)) {
		fd = -1;
		goto fail;
	}
	return tmp;
fail:;
	int en = errno ? errno : EIO;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	err_set(e, ERR_INPUT, path, 0, 0, "cannot write: %s", strerror(en));
	return NULL;
}

int fs_commit(const char *tmp, const char *path, struct err *e)
{
	if (rename(tmp, path)) {
		int en = errno;
		unlink(tmp);
		return err_set(e, ERR_INPUT, path, 0, 0, "cannot write: %s", strerror(en));
	}
	return 0;
}

void fs_discard(const char *tmp)
{
	unlink(tmp);
}

int fs_write_atomic(const char *path, const char *data, size_t len, struct err *e)
{
	char *tmp = fs_stage(path, data, len, e);
	if (!tmp)
		return -1;
	int rc = fs_commit(tmp, path, e);
	free(tmp);
	return rc;
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
	if (!cwd || abs[0] != '/') {
		free(cwd);
		return xstrdup(abs);
	}
	/* Longest common folder prefix, then one ".." per remaining folder of cwd. */
	size_t common = 0, i = 0;
	for (; cwd[i] && abs[i] == cwd[i]; i++)
		if (cwd[i] == '/')
			common = i;
	if (!cwd[i] && (abs[i] == '/' || !abs[i]))
		common = i;
	struct sbuf sb = SBUF_INIT;
	for (const char *p = cwd + common; *p; p++)
		if (*p == '/' && p[1])
			sb_adds(&sb, "../");
	const char *rest = abs + common;
	while (*rest == '/')
		rest++;
	sb_adds(&sb, rest);
	free(cwd);
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

int fs_exists(const char *path)
{
	return access(path, F_OK) == 0;
}
