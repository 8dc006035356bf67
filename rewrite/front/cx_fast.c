#define _GNU_SOURCE
#include "cx_fast.h"
#include "ast.h"
#include "mem.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define MACRO_BIT 0x80000000u

struct fbase {
	unsigned base, len; /* FileID start in clang's location space; file length */
	int idx;            /* ast file index */
};

struct cxfast {
	const struct ast *a;
	int ok;
	unsigned long nseen;
	struct fbase *fb;
	size_t nfb, fbcap, last;
	unsigned **lines; /* per ast file: offsets of line starts, lazily built */
	size_t *nlines;
	size_t nlcap;
	int hint_file; /* line_col's last answer: file index and line (0-based) */
	size_t hint_line;
};

static int enabled;
static pthread_once_t enabled_once = PTHREAD_ONCE_INIT;

static void read_switch(void)
{
	const char *v = getenv("ARENA_REWRITE_NO_FASTLOC");
	enabled = !v || !*v || !strcmp(v, "0");
}

int cxfast_enabled(void)
{
	pthread_once(&enabled_once, read_switch);
	return enabled;
}

struct cxfast *cxfast_new(const struct ast *a)
{
	struct cxfast *fs = xcalloc(1, sizeof(*fs));
	fs->a = a;
	fs->ok = cxfast_enabled();
	fs->hint_file = -1;
	return fs;
}

void cxfast_free(struct cxfast *fs)
{
	if (!fs)
		return;
	for (size_t i = 0; i < fs->nlcap; i++)
		free(fs->lines[i]);
	free(fs->lines);
	free(fs->nlines);
	free(fs->fb);
	free(fs);
}

void cxfast_disable(struct cxfast *fs)
{
	fs->ok = 0;
}

int cxfast_verify_due(struct cxfast *fs)
{
	unsigned long n = fs->nseen++;
	return n < CXFAST_VERIFY_FIRST || n % CXFAST_VERIFY_EVERY == 0;
}

/* File index and offset of a raw file location, when its FileID start is known. */
static int raw_off(struct cxfast *fs, unsigned raw, int *file, unsigned *off)
{
	if (!fs->ok || !raw || (raw & MACRO_BIT) || !fs->nfb)
		return 0;
	for (size_t k = 0; k < fs->nfb; k++) {
		size_t i = (fs->last + k) % fs->nfb;
		const struct fbase *b = &fs->fb[i];
		if (raw >= b->base && raw - b->base <= b->len) {
			fs->last = i;
			*file = b->idx;
			*off = raw - b->base;
			return 1;
		}
	}
	return 0;
}

void cxfast_learn(struct cxfast *fs, CXSourceLocation loc, int fi, unsigned off)
{
	unsigned raw = loc.int_data;
	if (!fs->ok || !raw || (raw & MACRO_BIT) || fi < 0 || raw < off)
		return;
	unsigned base = raw - off;
	for (size_t i = 0; i < fs->nfb; i++)
		if (fs->fb[i].base == base)
			return;
	GROW(fs->fb, fs->nfb, fs->fbcap);
	fs->fb[fs->nfb++] = (struct fbase){base, (unsigned)fs->a->files[fi].len, fi};
}

static const unsigned *line_table(struct cxfast *fs, int fi, size_t *n)
{
	const struct ast_file *fl = &fs->a->files[fi];
	if ((size_t)fi >= fs->nlcap) {
		size_t ncap = (size_t)fi + 16;
		fs->lines = xrealloc(fs->lines, ncap * sizeof(*fs->lines));
		fs->nlines = xrealloc(fs->nlines, ncap * sizeof(*fs->nlines));
		for (size_t i = fs->nlcap; i < ncap; i++) {
			fs->lines[i] = NULL;
			fs->nlines[i] = 0;
		}
		fs->nlcap = ncap;
	}
	if (!fs->lines[fi]) {
		size_t nl = 1, cap = 1024;
		unsigned *ls = xmalloc(cap * sizeof(*ls));
		ls[0] = 0;
		for (size_t i = 0; i < fl->len; i++) {
			char ch = fl->text[i];
			if (ch != '\n' && ch != '\r')
				continue;
			if (ch == '\r' && i + 1 < fl->len && fl->text[i + 1] == '\n')
				i++;
			GROW(ls, nl, cap);
			ls[nl++] = (unsigned)(i + 1);
		}
		fs->lines[fi] = ls;
		fs->nlines[fi] = nl;
	}
	*n = fs->nlines[fi];
	return fs->lines[fi];
}

/* Line and column (1-based, bytes) of an offset, from the file's line table. The walk goes
 * through a file mostly forward: the line of the last answer and the next are tried first. */
static void line_col(struct cxfast *fs, int fi, unsigned off, unsigned *line, unsigned *col)
{
	size_t n;
	const unsigned *ls = line_table(fs, fi, &n);
	size_t lo = 0, hi = n;
	if (fi == fs->hint_file) {
		size_t h = fs->hint_line;
		if (h < n && ls[h] <= off) {
			if (h + 1 == n || off < ls[h + 1])
				lo = h, hi = h + 1;
			else if (h + 2 == n || off < ls[h + 2])
				lo = h + 1, hi = h + 2;
		}
	}
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (ls[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	fs->hint_file = fi;
	fs->hint_line = lo;
	*line = (unsigned)lo + 1;
	*col = off - ls[lo] + 1;
}

int cxfast_node(struct cxfast *fs, CXSourceLocation loc, CXSourceRange r, int *file, unsigned *off,
                unsigned *begin, unsigned *end, unsigned *line, unsigned *col)
{
	int fi, fb, fe;
	unsigned o, b, e;
	if (!raw_off(fs, loc.int_data, &fi, &o) || !raw_off(fs, r.begin_int_data, &fb, &b) ||
	    !raw_off(fs, r.end_int_data, &fe, &e))
		return 0;
	*file = fi;
	*off = o;
	*begin = b;
	*end = e;
	line_col(fs, fi, o, line, col);
	return 1;
}

int cxfast_token_extent(struct cxfast *fs, CXSourceLocation loc, CXSourceRange *r)
{
	int fi;
	unsigned o;
	if (!raw_off(fs, loc.int_data, &fi, &o))
		return 0;
	const struct ast_file *fl = &fs->a->files[fi];
	size_t t = ast_tok_at(fs->a, fi, o);
	if (t >= fl->ntok || fl->tok[t].begin != o || fl->tok[t].end <= o)
		return 0;
	r->ptr_data[0] = loc.ptr_data[0];
	r->ptr_data[1] = loc.ptr_data[1];
	r->begin_int_data = loc.int_data;
	r->end_int_data = loc.int_data + (fl->tok[t].end - o);
	return 1;
}

int cxfast_is_file_loc(const struct cxfast *fs, CXSourceLocation loc)
{
	return fs->ok && loc.int_data && !(loc.int_data & MACRO_BIT);
}

int cxfast_token(const struct cxfast *fs, CXSourceLocation file_start, CXToken t, size_t len,
                 unsigned *o1, unsigned *o2)
{
	unsigned base = file_start.int_data, raw = t.int_data[1];
	if (!fs->ok || (base & MACRO_BIT) || (raw & MACRO_BIT) || raw < base ||
	    raw - base + t.int_data[2] > len)
		return 0;
	*o1 = raw - base;
	*o2 = *o1 + t.int_data[2];
	return 1;
}

int cxfast_cursor_key(const struct cxfast *fs, CXCursor c, struct cxfast_key *k)
{
	if (!fs->ok || !c.data[0])
		return 0;
	memset(k, 0, sizeof(*k)); /* padding is hashed too */
	k->ptr = c.data[0];
	k->kind = (long)c.kind;
	return 1;
}
