/*
 * jrnl_reg: the user's registry of pending sets, so that `--recover` in any folder of a set
 * finds it (docs/rewrite.md, "Recovery"). A set's first write is in one folder: a kill right
 * after it leaves nothing in the others. So before its first journal copy, a set of several
 * folders is recorded outside them all, in $XDG_STATE_HOME/arena-rewrite (else
 * ~/.local/state/arena-rewrite), a folder of the user's own, mode 0700, as the file ID.set:
 *
 *   arena-rewrite pending set 1
 *   id ID
 *   dir HEX        every folder of the set (absolute, normalised), as in its journal
 *   end
 *
 * written to ID.tmp (O_EXCL, links not followed), fsynced and renamed; removed once the set's
 * last journal copy is gone. A record is input like a journal: it is read only when it is a
 * regular file of the user in a registry that is a folder of the user's, not a link, that no
 * one else may write; every line must be one this file writes. It only ever points recovery at
 * folders: what is done there is decided by the journal copies found in them (jrnl_rec.c).
 * A set of one folder is never recorded (its first write is its only folder's).
 */
#define _GNU_SOURCE
#include "err.h"
#include "fsio.h"
#include "jrnl.h"
#include "jrnl_int.h"
#include "mem.h"
#include "sbuf.h"
#include "strmap.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define REG_HEAD "arena-rewrite pending set 1\n"

/* The registry's path, malloc'd; NULL when neither XDG_STATE_HOME nor HOME is absolute. */
static char *reg_path(void)
{
	const char *x = getenv("XDG_STATE_HOME"), *h = getenv("HOME");
	if (x && x[0] == '/')
		return xasprintf("%s/arena-rewrite", x);
	return h && h[0] == '/' ? xasprintf("%s/.local/state/arena-rewrite", h) : NULL;
}

/* Opens the registry (creating it, and its missing parents, 0700, when create): -1 with errno
 * when it cannot, EPERM when it is not the user's own private folder. */
static int reg_open(int create, char **path)
{
	*path = reg_path();
	if (!*path) {
		errno = ENOENT;
		return -1;
	}
	for (char *p = *path + 1; create && *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(*path, 0700);
			*p = '/';
		}
	if (create)
		mkdir(*path, 0700);
	int fd = open(*path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	struct stat st;
	if (fd >= 0 && (fstat(fd, &st) || st.st_uid != geteuid() || (st.st_mode & 022))) {
		close(fd);
		errno = EPERM;
		return -1;
	}
	return fd;
}

void jreg_add(const struct jset *s, FILE *msg)
{
	if (s->ndirs < 2)
		return;
	char *path, tmp[96], fin[96];
	int dfd = reg_open(1, &path), fd = -1, bad = dfd < 0;
	snprintf(tmp, sizeof(tmp), "%s.tmp", s->id);
	snprintf(fin, sizeof(fin), "%s.set", s->id);
	struct sbuf sb = SBUF_INIT;
	sb_addf(&sb, REG_HEAD "id %s\n", s->id);
	for (size_t d = 0; d < s->ndirs; d++) {
		sb_adds(&sb, "dir ");
		jfmt_put_hex(&sb, s->dirs[d].path);
		sb_addc(&sb, '\n');
	}
	sb_adds(&sb, "end\n");
	if (!bad)
		fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	bad = bad || fd < 0 || fs_write_all(fd, sb.buf, sb.len) || fsync(fd);
	int en = errno;
	if (fd >= 0 && close(fd))
		bad = 1, en = errno;
	if (!bad && renameat(dfd, tmp, dfd, fin))
		bad = 1, en = errno;
	if (bad && fd >= 0)
		unlinkat(dfd, tmp, 0);
	if (bad && msg)
		fprintf(msg,
		        "%s: warning: cannot record the write of files in %zu folders here: %s; if "
		        "the run is killed, run arena-rewrite --recover in %s\n",
		        path ? path : "$HOME", s->ndirs,
		        en == EPERM ? "not a private folder of yours" : strerror(en),
		        s->dirs[0].path);
	if (!bad)
		fsync(dfd);
	if (dfd >= 0)
		close(dfd);
	sb_release(&sb);
	free(path);
}

int jrnl_in_registry(const char *path)
{
	char *reg = reg_path(), *dir = fs_dirname(path);
	char *a = reg ? realpath(reg, NULL) : NULL, *b = realpath(dir, NULL);
	int in = a && b && !strcmp(a, b);
	free(reg);
	free(dir);
	free(a);
	free(b);
	return in;
}

/* Removes the record of set id (remove), or says whether it is there. */
static int reg_entry(const char *id, int remove)
{
	char *path, fin[96];
	int dfd = reg_open(0, &path), has = 0;
	free(path);
	if (dfd < 0)
		return 0;
	snprintf(fin, sizeof(fin), "%s.set", id);
	struct stat st;
	if (remove && !unlinkat(dfd, fin, 0))
		fsync(dfd);
	else if (!remove)
		has = !fstatat(dfd, fin, &st, AT_SYMLINK_NOFOLLOW);
	close(dfd);
	return has;
}

void jreg_remove(const char *id)
{
	reg_entry(id, 1);
}

int jreg_has(const char *id)
{
	return reg_entry(id, 0);
}

static void reg_free_one(struct jreg_set *r)
{
	for (size_t d = 0; d < r->ndirs; d++)
		free(r->dirs[d]);
	free(r->dirs);
}

void jreg_free(struct jreg_set *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		reg_free_one(&v[i]);
	free(v);
}

/* The id of a registry name ID.KIND (ID digits, '-', digits): 1 and id filled, else 0. */
static int reg_name(const char *name, const char *kind, char id[JRNL_ID_MAX])
{
	size_t a = strspn(name, "0123456789"), b, n = strlen(kind);
	if (!a || name[a] != '-' || !(b = strspn(name + a + 1, "0123456789")))
		return 0;
	size_t len = a + 1 + b;
	if (len >= JRNL_ID_MAX || strcmp(name + len, kind) || strlen(name) != len + n)
		return 0;
	memcpy(id, name, len);
	id[len] = '\0';
	return 1;
}

/* Whether p is a folder a record may list: absolute, normalised, without links (as the writer
 * wrote it), and not listed before. */
static int reg_dir_ok(const char *p, const struct strmap *seen)
{
	char *norm = p && p[0] == '/' ? fs_abspath(p, NULL) : NULL;
	char *real = norm ? realpath(norm, NULL) : NULL;
	int ok = norm && !strcmp(norm, p) && (!real || !strcmp(real, p)) && !strmap_find(seen, p);
	free(norm);
	free(real);
	return ok;
}

/* Parses a record's text (NUL-free); NULL, or why it is not one this tool writes. */
static const char *reg_parse(char *text, const char *id, struct jreg_set *out)
{
	char *line = text, *nl;
	size_t cap = 0;
	int at = 0;
	const char *why = NULL;
	struct strmap seen = STRMAP_INIT; /* a planted record of a million folders: linear */
	for (; !why && (nl = strchr(line, '\n')); line = nl + 1, at++) {
		*nl = '\0';
		if (at == 0 && strcmp(line, "arena-rewrite pending set 1"))
			why = "it is not an arena-rewrite record of a pending set";
		else if (at == 1 && (strncmp(line, "id ", 3) || strcmp(line + 3, id)))
			why = "its id is not the one in its name";
		if (why || at < 2)
			continue;
		if (!strcmp(line, "end"))
			break;
		char *p = strncmp(line, "dir ", 4) ? NULL : jfmt_get_hex(line + 4, PATH_MAX);
		if (!reg_dir_ok(p, &seen) || out->ndirs >= JRNL_MAX_FILES) {
			free(p);
			why = "a line is not an absolute, normalised folder without links, listed "
			      "once";
			break;
		}
		GROW(out->dirs, out->ndirs, cap);
		out->dirs[out->ndirs++] = p;
		strmap_put(&seen, p, 0);
	}
	strmap_free(&seen);
	if (!why && (!nl || nl[1] || out->ndirs < 2))
		why = "it does not list two folders or more and end with \"end\"";
	return why;
}

/* Loads record `name` of the registry open as dfd: 0, or -1 with *why. */
static int reg_load(int dfd, const char *name, const char *id, struct jreg_set *out,
                    const char **why)
{
	struct stat st, fst;
	struct fs_text t = {NULL, 0};
	struct err ignore = ERR_INIT;
	int fd = -1;
	memset(out, 0, sizeof(*out));
	snprintf(out->id, sizeof(out->id), "%s", id);
	*why = NULL;
	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW))
		*why = strerror(errno);
	else if (!S_ISREG(st.st_mode))
		*why = fs_kind(st.st_mode);
	else if (st.st_uid != geteuid())
		*why = "it belongs to another user";
	else if ((fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)) < 0 ||
	         fstat(fd, &fst))
		*why = strerror(errno);
	else if (fst.st_ino != st.st_ino || fst.st_dev != st.st_dev)
		*why = "it was replaced while being read";
	else if (fs_read_fd(fd, JRNL_MAX_BYTES, name, &t, &ignore))
		*why = "it is too large";
	else if (strlen(t.data) != t.len)
		*why = "it holds a NUL byte";
	else
		*why = reg_parse(t.data, id, out);
	if (fd >= 0)
		close(fd);
	err_clear(&ignore);
	fs_text_free(&t);
	return *why ? -1 : 0;
}

/* A record's temporary file whose run is gone (its id starts with its pid): a leftover. */
static void reg_sweep_tmp(int dfd, const char *name, const char *id)
{
	long pid = strtol(id, NULL, 10);
	if (pid > 0 && pid <= INT_MAX && kill((pid_t)pid, 0) && errno == ESRCH)
		unlinkat(dfd, name, 0);
}

size_t jreg_find(const char *real, struct jreg_set **out, FILE *msg)
{
	char *path;
	*out = NULL;
	int dfd = reg_open(0, &path);
	if (dfd < 0 && errno == EPERM)
		fprintf(msg, "%s: warning: not a private folder of yours; ignored\n", path);
	int fd = dfd >= 0 ? dup(dfd) : -1;
	DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
	size_t n = 0, cap = 0;
	if (!dir && fd >= 0)
		close(fd);
	struct dirent *de;
	while (dir && (de = readdir(dir))) {
		char id[JRNL_ID_MAX];
		const char *why;
		struct jreg_set r;
		if (reg_name(de->d_name, ".tmp", id))
			reg_sweep_tmp(dfd, de->d_name, id);
		if (!reg_name(de->d_name, ".set", id))
			continue;
		if (reg_load(dfd, de->d_name, id, &r, &why)) {
			fprintf(
			    msg,
			    "%s/%s: warning: not a record this tool may act on (%s); left as it "
			    "is\n",
			    path, de->d_name, why);
		} else {
			size_t d = 0;
			while (d < r.ndirs && strcmp(r.dirs[d], real))
				d++;
			if (d < r.ndirs) {
				GROW(*out, n, cap);
				(*out)[n++] = r;
				continue;
			}
		}
		reg_free_one(&r);
	}
	if (dir)
		closedir(dir);
	if (dfd >= 0)
		close(dfd);
	free(path);
	return n;
}
