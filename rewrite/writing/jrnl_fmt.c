/*
 * jrnl_fmt: the journal file (docs/rewrite.md, "What a journal may contain"), written and read
 * back. A journal is input like any other: a copy is acted on only when every line of it, and
 * of every other copy of its set, is what this tool writes. Text, one field per token:
 *
 *   arena-rewrite journal 3
 *   id ID
 *   state staging|commit|rollback
 *   total N
 *   dir HEX                   every folder of the set (absolute), the same list in each copy
 *   file K C HEX OLD NEW S SIZE MTS MTNS HASH NSIZE NMTS NMTNS NHASH
 *                             a file of this copy's folder only: K < N, C 1 when it is created,
 *                             HEX its plain name, OLD and NEW "DEV:INO" of the original and of
 *                             the .new file ("0:0" none), S 1 when SIZE MTS MTNS HASH stamp the
 *                             original (its contents when read); NSIZE NMTS NMTNS NHASH stamp
 *                             the .new file (zeros before it exists)
 *   end
 */
#define _GNU_SOURCE
#include "err.h"
#include "jrnl_int.h"
#include "mem.h"
#include "sbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const state_names[] = {"staging", "commit", "rollback"};

/* ---- writing -------------------------------------------------------------------------------- */

void jfmt_put_hex(struct sbuf *sb, const char *s)
{
	for (; *s; s++)
		sb_addf(sb, "%02x", (unsigned char)*s);
}

static void put_id(struct sbuf *sb, const struct jid *id)
{
	sb_addf(sb, " %ju:%ju", (uintmax_t)id->dev, (uintmax_t)id->ino);
}

static void copy_text(const struct jset *s, size_t d, struct sbuf *sb)
{
	sb_addf(sb, "arena-rewrite journal 3\nid %s\nstate %s\ntotal %zu\n", s->id,
	        state_names[s->state], s->total);
	for (size_t i = 0; i < s->ndirs; i++) {
		sb_adds(sb, "dir ");
		jfmt_put_hex(sb, s->dirs[i].path);
		sb_addc(sb, '\n');
	}
	for (size_t i = 0; i < s->n; i++) {
		const struct jent *f = &s->v[i];
		if (f->dir != d)
			continue;
		sb_addf(sb, "file %zu %d ", f->k, f->created);
		jfmt_put_hex(sb, f->name);
		put_id(sb, &f->old);
		put_id(sb, &f->nw);
		sb_addf(sb, " %d %jd %lld %lld %016" PRIx64, f->check, (intmax_t)f->was.size,
		        f->was.mtime_s, f->was.mtime_ns, f->was.hash);
		sb_addf(sb, " %jd %lld %lld %016" PRIx64 "\n", (intmax_t)f->nws.size,
		        f->nws.mtime_s, f->nws.mtime_ns, f->nws.hash);
	}
	sb_adds(sb, "end\n");
}

/* One copy: a fresh temporary name (O_EXCL, links not followed), fsync, rename. */
static int store_one(const struct jset *s, size_t d, const char *text, size_t len)
{
	char tmp[96], fin[96];
	jrnl_set_name(tmp, sizeof(tmp), s->id, "jtmp");
	jrnl_set_name(fin, sizeof(fin), s->id, "journal");
	int dfd = s->dirs[d].fd;
	unlinkat(dfd, tmp, 0); /* a leftover of this set's own earlier try */
	int fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	int bad = fs_write_all(fd, text, len) || fsync(fd);
	int en = errno;
	if (close(fd))
		bad = 1, en = errno;
	if (!bad && renameat(dfd, tmp, dfd, fin))
		bad = 1, en = errno;
	if (bad) {
		unlinkat(dfd, tmp, 0);
		errno = en;
		return -1;
	}
	jrnl_sync_dir(dfd);
	return 0;
}

/* The first file of folder d, to name in a message about d. */
static const char *first_in(const struct jset *s, size_t d)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].dir == d)
			return s->v[i].shown;
	return s->dirs[d].path;
}

int jfmt_store(struct jset *s, enum jstate st, struct err *e)
{
	s->state = st;
	for (size_t d = 0; d < s->ndirs; d++) {
		if (s->dirs[d].fd < 0)
			continue;
		jrnl_hook_delay();
		struct sbuf sb = SBUF_INIT;
		copy_text(s, d, &sb);
		int rc = store_one(s, d, sb.buf, sb.len);
		sb_release(&sb);
		if (rc)
			return err_set(e, ERR_INPUT, first_in(s, d), 0, 0,
			               "cannot write: %s (writing the journal in its folder)",
			               strerror(errno));
		s->dirs[d].copy = 1;
	}
	return 0;
}

void jfmt_remove(struct jset *s, size_t last)
{
	char fin[96];
	jrnl_set_name(fin, sizeof(fin), s->id, "journal");
	/* The set's first folder got the first copy and loses the last one: while anything of
	 * the set is left anywhere, that folder names it (docs/rewrite.md, "Recovery"). */
	for (int pass = 0; pass < 3; pass++)
		for (size_t d = 0; d < s->ndirs; d++) {
			int when = d == 0 ? 2 : d == last ? 1 : 0;
			if (s->dirs[d].fd < 0 || !s->dirs[d].copy || when != pass)
				continue;
			jrnl_hook_delay();
			unlinkat(s->dirs[d].fd, fin, 0);
			jrnl_sync_dir(s->dirs[d].fd);
			s->dirs[d].copy = 0;
		}
	if (s->ndirs > 1) { /* the record goes last (jrnl_reg.c) */
		jrnl_hook_delay();
		jreg_remove(s->id);
	}
}

/* ---- reading ---------------------------------------------------------------------------------
 */

/* The copy's text split in lines and tokens; every check says what is wrong. */
struct reader {
	char *p;       /* the next line */
	char *tok[16]; /* the current line's tokens */
	int ntok;
	const char *why;
};

static int next_line(struct reader *r)
{
	char *nl = strchr(r->p, '\n');
	if (!nl) {
		r->why = "it does not end with \"end\" and a newline";
		return -1;
	}
	*nl = '\0';
	char *line = r->p;
	r->p = nl + 1;
	r->ntok = 0;
	for (char *t = line;;) {
		char *sp = strchr(t, ' ');
		if (r->ntok == 16 || (sp && sp == t) || !*t) {
			r->why = "a line is not fields separated by single spaces";
			return -1;
		}
		r->tok[r->ntok++] = t;
		if (!sp)
			break;
		*sp = '\0';
		t = sp + 1;
	}
	return 0;
}

static int get_u(const char *t, uintmax_t max, uintmax_t *out)
{
	char *end;
	if (!*t || !strchr("0123456789", *t) || (t[0] == '0' && t[1]))
		return -1;
	errno = 0;
	*out = strtoumax(t, &end, 10);
	return errno || *end || *out > max ? -1 : 0;
}

char *jfmt_get_hex(const char *t, size_t max)
{
	size_t n = strlen(t);
	if (!n || n % 2 || n / 2 > max || strspn(t, "0123456789abcdef") != n)
		return NULL;
	char *out = xmalloc(n / 2 + 1);
	for (size_t i = 0; i < n / 2; i++) {
		unsigned v;
		sscanf(t + 2 * i, "%2x", &v);
		if (!v) {
			free(out);
			return NULL;
		}
		out[i] = (char)v;
	}
	out[n / 2] = '\0';
	return out;
}

static int get_id(const char *t, struct jid *out)
{
	const char *colon = strchr(t, ':');
	uintmax_t dev, ino;
	char buf[64];
	if (!colon || (size_t)(colon - t) >= sizeof(buf))
		return -1;
	memcpy(buf, t, (size_t)(colon - t));
	buf[colon - t] = '\0';
	if (get_u(buf, UINTMAX_MAX, &dev) || get_u(colon + 1, UINTMAX_MAX, &ino) ||
	    (dev != (dev_t)dev || ino != (ino_t)ino))
		return -1;
	out->dev = (dev_t)dev;
	out->ino = (ino_t)ino;
	return 0;
}

/* A name recovery may act on: a plain name in the folder, never one of this tool's own. */
static int name_ok(const char *n)
{
	char id[JRNL_ID_MAX];
	int journal;
	return strcmp(n, ".") && strcmp(n, "..") && !strchr(n, '/') &&
	       !jrnl_parse_name(n, id, &journal) && strcmp(n, JRNL_LOCKNAME);
}

static int parse_file(struct reader *r, struct jset *s, size_t d)
{
	uintmax_t k, c, chk, size, mts, mtns, nsize, nmts, nmtns;
	struct jent f;
	memset(&f, 0, sizeof(f));
	if (r->ntok != 15 || strcmp(r->tok[0], "file") || get_u(r->tok[1], s->total - 1, &k) ||
	    get_u(r->tok[2], 1, &c) || get_id(r->tok[4], &f.old) || get_id(r->tok[5], &f.nw) ||
	    get_u(r->tok[6], 1, &chk) || get_u(r->tok[7], INTMAX_MAX, &size) ||
	    get_u(r->tok[8], LLONG_MAX, &mts) || get_u(r->tok[9], 999999999, &mtns) ||
	    strlen(r->tok[10]) != 16 || strspn(r->tok[10], "0123456789abcdef") != 16 ||
	    get_u(r->tok[11], INTMAX_MAX, &nsize) || get_u(r->tok[12], LLONG_MAX, &nmts) ||
	    get_u(r->tok[13], 999999999, &nmtns) || strlen(r->tok[14]) != 16 ||
	    strspn(r->tok[14], "0123456789abcdef") != 16) {
		r->why = "a \"file\" line is malformed";
		return -1;
	}
	f.name = jfmt_get_hex(r->tok[3], NAME_MAX);
	if (!f.name || !name_ok(f.name)) {
		free(f.name);
		r->why = "a file name is not a plain name in its folder";
		return -1;
	}
	f.k = (size_t)k;
	f.dir = d;
	f.created = (int)c;
	f.check = (int)chk;
	f.was = (struct fs_stamp){f.old.dev,      f.old.ino,       (off_t)size,
	                          (long long)mts, (long long)mtns, strtoull(r->tok[10], NULL, 16)};
	f.nws =
	    (struct fs_stamp){f.nw.dev,        f.nw.ino,         (off_t)nsize,
	                      (long long)nmts, (long long)nmtns, strtoull(r->tok[14], NULL, 16)};
	if (!s->seen)
		s->seen = xcalloc(s->total, 1);
	char *key = xasprintf("%zu/%s", d, f.name);
	int fresh = 0;
	strmap_putb_dup(&s->names, key, strlen(key), 0, &fresh);
	if (s->seen[f.k]++ || !fresh)
		r->why = "two \"file\" lines name one file or one index";
	free(key);
	if (f.created ? (f.old.ino || f.check) : !f.old.ino)
		r->why = "a file's \"created\" flag and its backup disagree";
	if (r->why) {
		free(f.name);
		return -1;
	}
	char *abs = xasprintf("%s/%s", s->dirs[d].path, f.name);
	f.shown = fs_relpath_cwd(abs); /* as messages name files elsewhere */
	free(abs);
	GROW(s->v, s->n, s->cap);
	s->v[s->n++] = f;
	return 0;
}

/* Why a copy whose folders do not include its own is refused: most often the folder was moved
 * or renamed after the run was killed, and the message says where it was. */
static const char not_listed[] = "it does not list its own folder";

/* The "dir" lines: the first copy sets them, the others must repeat them. *self: dfd's index. */
static int parse_dirs(struct reader *r, struct jset *s, int first, int dfd, long *self)
{
	struct stat me, st;
	size_t i = 0;
	*self = -1;
	fstat(dfd, &me);
	while (!next_line(r) && r->ntok == 2 && !strcmp(r->tok[0], "dir")) {
		char *p = jfmt_get_hex(r->tok[1], PATH_MAX);
		char *norm = p && p[0] == '/' ? fs_abspath(p, NULL) : NULL;
		/* links resolved, as the writer wrote it: a link to the folder is another name */
		char *real = norm ? realpath(norm, NULL) : NULL;
		int ok = norm && !strcmp(norm, p) && (!real || !strcmp(real, p)) &&
		         (first || (i < s->ndirs && !strcmp(p, s->dirs[i].path)));
		free(norm);
		free(real);
		if (!ok) {
			free(p);
			r->why = first
			             ? "a folder is not an absolute, normalised path without links"
			             : "its folders differ from another copy's";
			return -1;
		}
		if (first && i >= s->total) { /* each folder of a set holds one of its files */
			free(p);
			r->why = "it lists more folders than files";
			return -1;
		}
		if (first && (jset_find(s, p) >= 0 || jset_dir(s, p) != i)) {
			free(p);
			r->why = "a folder is listed twice";
			return -1;
		}
		if (!stat(p, &st) && st.st_dev == me.st_dev && st.st_ino == me.st_ino)
			*self = (long)i;
		free(p);
		i++;
	}
	if (!r->why && (i != s->ndirs || *self < 0))
		r->why = i != s->ndirs ? "its folders differ from another copy's" : not_listed;
	return r->why ? -1 : 0;
}

static int parse_copy(struct reader *rd, struct jset *s, const char *id, int dfd)
{
	struct reader r = *rd;
	uintmax_t total;
	int first = s->ndirs == 0;
	enum jstate st = J_STAGING;
	if (next_line(&r) || r.ntok != 3 || strcmp(r.tok[0], "arena-rewrite") ||
	    strcmp(r.tok[1], "journal"))
		return rd->why = "it is not an arena-rewrite journal", -1;
	if (strcmp(r.tok[2], "3"))
		return rd->why = "it was written by another version of arena-rewrite", -1;
	if (next_line(&r) || r.ntok != 2 || strcmp(r.tok[0], "id") || strcmp(r.tok[1], id))
		return rd->why = "its id is not the one in its name", -1;
	if (next_line(&r) || r.ntok != 2 || strcmp(r.tok[0], "state"))
		return rd->why = "no state", -1;
	while (st <= J_ROLLBACK && strcmp(r.tok[1], state_names[st]))
		st++;
	if (st > J_ROLLBACK)
		return rd->why = "an unknown state", -1;
	if (next_line(&r) || r.ntok != 2 || strcmp(r.tok[0], "total") ||
	    get_u(r.tok[1], JRNL_MAX_FILES, &total) || !total || (!first && total != s->total))
		return rd->why = "no total, or not that of the other copies", -1;
	s->total = (size_t)total;
	long self;
	size_t before = s->n;
	if (parse_dirs(&r, s, first, dfd, &self))
		return rd->why = r.why, -1;
	while (r.ntok && strcmp(r.tok[0], "end"))
		if (parse_file(&r, s, (size_t)self) || next_line(&r))
			return rd->why = r.why, -1;
	if (r.ntok != 1 || *r.p)
		return rd->why = "it does not end with \"end\"", -1;
	if (s->n == before) /* a copy is written only in a folder that holds a file of the set */
		return rd->why = "it lists no file of its own folder", -1;
	/* Any copy in rollback puts the set back; commit only when every copy reached it. */
	if (first || st == J_ROLLBACK || s->state == J_ROLLBACK)
		s->state = first ? st : J_ROLLBACK;
	else if (st != s->state)
		s->state = J_STAGING;
	s->dirs[self].copy = 1;
	return 0;
}

int jfmt_load(struct jset *s, const char *dir, int dfd, const char *id, struct err *e)
{
	char name[96];
	jrnl_set_name(name, sizeof(name), id, "journal");
	char *shown = xasprintf("%s/%s", dir, name);
	const char *why = NULL;
	struct stat st;
	struct fs_text t = {NULL, 0};
	struct err ignore = ERR_INIT;
	int fd = -1;
	struct stat fst;
	/* Its kind first: a special file is never opened (a FIFO would hang, a device stream). */
	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW))
		why = strerror(errno);
	else if (!S_ISREG(st.st_mode))
		why = fs_kind(st.st_mode);
	else if ((fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)) < 0 ||
	         fstat(fd, &fst))
		why = strerror(errno);
	else if (!S_ISREG(fst.st_mode) || fst.st_ino != st.st_ino || fst.st_dev != st.st_dev)
		why = "it was replaced while being read";
	else if (st.st_uid != geteuid())
		why = "it belongs to another user";
	else if (fs_read_fd(fd, JRNL_MAX_BYTES, shown, &t, &ignore))
		why = ignore.msg;
	else if (strlen(t.data) != t.len)
		why = "it holds a NUL byte";
	struct reader r = {t.data, {0}, 0, NULL};
	if (!why && parse_copy(&r, s, id, dfd))
		why = r.why;
	if (fd >= 0)
		close(fd);
	int rc = 0;
	if (why == not_listed && s->ndirs) /* never "remove it": its backups are the way back */
		rc = err_set(e, ERR_INPUT, shown, 0, 0,
		             "not a journal this tool may act on here (it was written in %s%s: "
		             "was the folder moved or renamed since?); nothing was done: move the "
		             "folder back and run arena-rewrite --recover there",
		             s->dirs[0].path, s->ndirs > 1 ? " and other folders" : "");
	else if (why)
		rc = err_set(e, ERR_INPUT, shown, 0, 0,
		             "not a journal this tool may act on (%s); nothing was done: check the "
		             "files it names, then remove it",
		             why);
	err_clear(&ignore);
	fs_text_free(&t);
	free(shown);
	return rc;
}
