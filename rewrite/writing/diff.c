#include "diff.h"
#include "mem.h"
#include "planning.h"
#include "sbuf.h"

#include <stdlib.h>
#include <string.h>

struct line {
	const char *s;
	size_t n; /* with the '\n' if present */
	unsigned long h;
};

static size_t split(const char *t, size_t len, struct line **out)
{
	size_t n = 0, cap = 0;
	struct line *v = NULL;
	size_t i = 0;
	while (i < len) {
		const char *nl = memchr(t + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - t) + 1 : len;
		GROW(v, n, cap);
		v[n].s = t + i;
		v[n].n = end - i;
		unsigned long h = 5381;
		for (size_t k = i; k < end; k++)
			h = h * 33 + (unsigned char)t[k];
		v[n].h = h;
		n++;
		i = end;
	}
	*out = v;
	return n;
}

static int same(const struct line *a, const struct line *b)
{
	return a->h == b->h && a->n == b->n && !memcmp(a->s, b->s, a->n);
}

/* Edit script entry: op '=' (both), '-' (a only), '+' (b only). */
struct op {
	char op;
	size_t ai, bi;
};

/*
 * Myers' greedy forward algorithm, keeping row d of V (its 2d+1 diagonals -d..d) so the path
 * can be traced back: O(D^2) memory for D edited lines, whatever the file's length.
 */
static size_t script(const struct line *a, size_t n, const struct line *b, size_t m,
                     struct op **out)
{
	size_t max = n + m;
	long off = (long)max + 1;
	size_t width = 2 * max + 3;
	long **trace = NULL;
	size_t ntrace = 0, trace_cap = 0;
	long *v = xcalloc(width, sizeof(long));
	long d, found = -1;
	for (d = 0; d <= (long)max; d++) {
		GROW(trace, ntrace, trace_cap);
		trace[ntrace++] = NULL; /* filled below */
		for (long k = -d; k <= d; k += 2) {
			long x;
			if (k == -d || (k != d && v[off + k - 1] < v[off + k + 1]))
				x = v[off + k + 1];
			else
				x = v[off + k - 1] + 1;
			long y = x - k;
			while (x < (long)n && y < (long)m && same(&a[x], &b[y])) {
				x++;
				y++;
			}
			v[off + k] = x;
			if (x >= (long)n && y >= (long)m) {
				found = d;
				break;
			}
		}
		/* row d holds diagonals -d..d: row[k + d] */
		long *copy = xmalloc((size_t)(2 * d + 1) * sizeof(long));
		memcpy(copy, v + off - d, (size_t)(2 * d + 1) * sizeof(long));
		trace[ntrace - 1] = copy;
		if (found >= 0)
			break;
	}
	/* Trace back from (n, m). */
	size_t nops = 0, cap = 0;
	struct op *ops = NULL;
	long x = (long)n, y = (long)m;
	for (d = found; d >= 0; d--) {
		long *vv = d > 0 ? trace[d - 1] : NULL; /* diagonal k of row d-1 is vv[k + d - 1] */
		long k = x - y;
		long pk, px, py;
		if (d == 0) {
			pk = 0;
			px = 0;
			py = 0;
		} else {
			if (k == -d || (k != d && vv[k - 1 + d - 1] < vv[k + 1 + d - 1]))
				pk = k + 1;
			else
				pk = k - 1;
			px = vv[pk + d - 1];
			py = px - pk;
		}
		while (x > px && y > py && (d > 0 || (x > 0 && y > 0))) {
			GROW(ops, nops, cap);
			ops[nops++] = (struct op){'=', (size_t)x - 1, (size_t)y - 1};
			x--;
			y--;
		}
		if (d > 0) {
			GROW(ops, nops, cap);
			if (x == px)
				ops[nops++] = (struct op){'+', (size_t)x, (size_t)y - 1};
			else
				ops[nops++] = (struct op){'-', (size_t)x - 1, (size_t)y};
			x = px;
			y = py;
		}
	}
	for (size_t i = 0; i < ntrace; i++)
		free(trace[i]);
	free(trace);
	free(v);
	/* Reverse into forward order. */
	for (size_t i = 0; i < nops / 2; i++) {
		struct op t = ops[i];
		ops[i] = ops[nops - 1 - i];
		ops[nops - 1 - i] = t;
	}
	*out = ops;
	return nops;
}

static void emit_line(struct sbuf *out, char mark, const struct line *l)
{
	sb_addc(out, mark);
	sb_add(out, l->s, l->n);
	if (!l->n || l->s[l->n - 1] != '\n')
		sb_adds(out, "\n\\ No newline at end of file\n");
}

/*
 * A header path as git writes it: as is, or, when it holds a control character, '"', '\\' or a
 * byte >= 0x80 (git's core.quotePath default), in double quotes with C escapes and octal for
 * the other bytes; git apply and patch read both. A newline in a name can then never split
 * the header.
 */
static void add_path(struct sbuf *out, const char *path)
{
	const unsigned char *p = (const unsigned char *)path;
	int quote = 0;
	for (const unsigned char *q = p; *q; q++)
		quote |= *q < 0x20 || *q >= 0x7f || *q == '"' || *q == '\\';
	if (!quote) {
		sb_adds(out, path);
		return;
	}
	static const char from[] = "\a\b\t\n\v\f\r\"\\", to[] = "abtnvfr\"\\";
	sb_addc(out, '"');
	for (; *p; p++) {
		const char *at = strchr(from, *p);
		if (at)
			sb_addf(out, "\\%c", to[at - from]);
		else if (*p < 0x20 || *p >= 0x7f)
			sb_addf(out, "\\%03o", *p);
		else
			sb_addc(out, (char)*p);
	}
	sb_addc(out, '"');
}

static void emit_header(struct sbuf *out, const char *path_a, const char *path_b)
{
	sb_adds(out, "--- ");
	add_path(out, path_a);
	sb_adds(out, "\n+++ ");
	add_path(out, path_b);
	sb_addc(out, '\n');
}

/*
 * The hunks of one stretch of the texts: lines la (old) and lb (new), the first of which are
 * lines abase and bbase of the files, and their edit script. The header goes first, once:
 * *need_header is cleared when it is written.
 */
struct stretch {
	const struct line *la, *lb;
	size_t abase, bbase;
	const struct op *ops;
	size_t nops;
};

static void emit_hunks(struct sbuf *out, const struct stretch *st, int context, const char *path_a,
                       const char *path_b, int *need_header)
{
	const struct op *ops = st->ops;
	size_t nops = st->nops, i = 0;
	while (i < nops) {
		while (i < nops && ops[i].op == '=')
			i++;
		if (i >= nops)
			break;
		if (*need_header) {
			emit_header(out, path_a, path_b);
			*need_header = 0;
		}
		/* A hunk: from `context` equal ops before i to the change run end plus context,
		 * merging change runs separated by at most 2*context equal lines. */
		size_t start = i >= (size_t)context ? i - (size_t)context : 0;
		while (start < i && ops[start].op != '=')
			start++;
		size_t end = i;
		for (;;) {
			while (end < nops && ops[end].op != '=')
				end++;
			size_t eq = end;
			while (eq < nops && ops[eq].op == '=')
				eq++;
			if (eq < nops && eq - end <= 2 * (size_t)context) {
				end = eq;
				continue;
			}
			end = end + (size_t)context < eq ? end + (size_t)context : eq;
			break;
		}
		size_t a0 = 0, b0 = 0, ac = 0, bc = 0;
		int have_a = 0, have_b = 0;
		for (size_t k = start; k < end; k++) {
			if (ops[k].op != '+') {
				if (!have_a++)
					a0 = ops[k].ai;
				ac++;
			}
			if (ops[k].op != '-') {
				if (!have_b++)
					b0 = ops[k].bi;
				bc++;
			}
		}
		/* For an empty side, unified diff names the line before the hunk. */
		if (!have_a)
			a0 = ops[start].ai;
		if (!have_b)
			b0 = ops[start].bi;
		a0 += st->abase;
		b0 += st->bbase;
		sb_addf(out, "@@ -%zu", ac ? a0 + 1 : a0);
		if (ac != 1)
			sb_addf(out, ",%zu", ac);
		sb_addf(out, " +%zu", bc ? b0 + 1 : b0);
		if (bc != 1)
			sb_addf(out, ",%zu", bc);
		sb_adds(out, " @@\n");
		/* Within each run of changes, removals go before additions, as diff(1) does. */
		for (size_t k = start; k < end;) {
			if (ops[k].op == '=') {
				emit_line(out, ' ', &st->la[ops[k].ai]);
				k++;
				continue;
			}
			size_t r = k;
			while (r < end && ops[r].op != '=')
				r++;
			for (size_t q = k; q < r; q++)
				if (ops[q].op == '-')
					emit_line(out, '-', &st->la[ops[q].ai]);
			for (size_t q = k; q < r; q++)
				if (ops[q].op == '+')
					emit_line(out, '+', &st->lb[ops[q].bi]);
			k = r;
		}
		i = end;
	}
}

/* Diffs old bytes [a, a + alen) against new [b, b + blen), lines abase and bbase on. */
static void diff_stretch(struct sbuf *out, const char *a, size_t alen, size_t abase, const char *b,
                         size_t blen, size_t bbase, int context, const char *path_a,
                         const char *path_b, int *need_header)
{
	struct line *la, *lb;
	size_t n = split(a, alen, &la), m = split(b, blen, &lb);
	struct op *ops;
	size_t nops = script(la, n, lb, m, &ops);
	struct stretch st = {la, lb, abase, bbase, ops, nops};
	emit_hunks(out, &st, context, path_a, path_b, need_header);
	free(ops);
	free(la);
	free(lb);
}

void diff_unified(struct sbuf *out, const char *path_a, const char *path_b, const char *a,
                  size_t alen, const char *b, size_t blen, int context)
{
	if (alen == blen && !memcmp(a, b, alen))
		return;
	int need_header = 1;
	diff_stretch(out, a, alen, 0, b, blen, 0, context, path_a, path_b, &need_header);
}

/* ---- from the edits ------------------------------------------------------------------------ */

/*
 * How far a stretch reaches past its edits' context, both ways. Myers' greedy search slides a
 * change over equal lines as far as the text repeats (an inserted "}" next to "}" lines, a
 * deleted block next to a copy of itself), and paths that took a change earlier run along
 * repeated lines too. So a stretch covers the lines that repeat the line DIFF_SLACK or fewer
 * lines away, then DIFF_MARGIN lines more: over the whole file Myers makes the same choices
 * there. A change sliding over a copy of itself longer than DIFF_SLACK lines may be placed
 * differently from diff_unified. Stretches that touch are diffed as one: when a file's edits
 * are dense (every function a hotspot), that is one large stretch, and its Myers memory
 * grows with the square of its changes again.
 */
#define DIFF_SLACK  16
#define DIFF_MARGIN 4
_Static_assert(DIFF_MARGIN > 0, "stretch_end counts DIFF_MARGIN - 1 lines past a line");

static size_t line_start(const char *t, size_t p)
{
	while (p > 0 && t[p - 1] != '\n')
		p--;
	return p;
}

/* The end of the line holding p (after its '\n'), then `more` lines further; at most len. */
static size_t lines_after(const char *t, size_t len, size_t p, size_t more)
{
	for (size_t k = 0; k <= more && p < len; k++) {
		const char *nl = memchr(t + p, '\n', len - p);
		p = nl ? (size_t)(nl - t) + 1 : len;
	}
	return p;
}

static size_t lines_before(const char *t, size_t p, size_t more)
{
	p = line_start(t, p);
	for (size_t k = 0; k < more && p > 0; k++)
		p = line_start(t, p - 1);
	return p;
}

/* The length of the line starting at p, with its '\n'. */
static size_t line_len(const char *t, size_t len, size_t p)
{
	const char *nl = memchr(t + p, '\n', len - p);
	return nl ? (size_t)(nl - t) + 1 - p : len - p;
}

/* From line start e, past the lines that repeat the line q lines before, for some q up to
 * DIFF_SLACK (runs of one line, of two alternating lines, ...). The first pair compared is
 * known from the line starts already found, so a q that fails at once costs no scan. */
static size_t repeats_end(const char *t, size_t len, size_t e)
{
	size_t back[DIFF_SLACK], nb = 0; /* starts of the lines before e, nearest first */
	for (size_t p = e; nb < DIFF_SLACK && p > 0; nb++)
		back[nb] = p = line_start(t, p - 1);
	if (e >= len)
		return e;
	size_t n0 = line_len(t, len, e), best = e;
	for (size_t q = 1; q <= nb; q++) {
		size_t y = back[q - 1], ny = (q == 1 ? e : back[q - 2]) - y;
		if (ny != n0 || memcmp(t + e, t + y, n0))
			continue;
		size_t x = e + n0;
		y += ny;
		while (x < len) {
			size_t n = line_len(t, len, x);
			if (n != line_len(t, len, y) || memcmp(t + x, t + y, n))
				break;
			x += n;
			y += line_len(t, len, y);
		}
		best = x > best ? x : best;
	}
	return best;
}

/* Back from line start s, past the lines that the line q lines after repeats, for some q up
 * to DIFF_SLACK: the same runs, seen from their end (and the same first step). */
static size_t repeats_start(const char *t, size_t len, size_t s)
{
	size_t fwd[DIFF_SLACK + 1], nf = 0; /* fwd[q]: the end of the line q lines after s's */
	for (size_t p = s; nf <= DIFF_SLACK; p += line_len(t, len, p)) {
		fwd[nf++] = p;
		if (p == len)
			break;
	}
	if (s == 0)
		return s;
	size_t xs0 = line_start(t, s - 1), best = s;
	for (size_t q = 1; q < nf; q++) {
		/* The line before fwd[q] starts at fwd[q - 1]. */
		if (s - xs0 != fwd[q] - fwd[q - 1] || memcmp(t + xs0, t + fwd[q - 1], s - xs0))
			continue;
		size_t x = xs0, y = fwd[q - 1];
		while (x > 0) {
			size_t xs = line_start(t, x - 1), ys = line_start(t, y - 1);
			if (x - xs != y - ys || memcmp(t + xs, t + ys, x - xs))
				break;
			x = xs;
			y = ys;
		}
		best = x < best ? x : best;
	}
	return best;
}

static size_t count_lines(const char *t, size_t from, size_t to)
{
	size_t n = 0;
	for (const char *p = t + from, *e = t + to; (p = memchr(p, '\n', (size_t)(e - p))); p++)
		n++;
	return n;
}

/* Where the stretch of an edit at old bytes [begin, end) starts and ends (see DIFF_SLACK). */
static size_t stretch_begin(const char *a, size_t alen, size_t begin, int context)
{
	size_t s = repeats_start(a, alen, lines_before(a, begin, (size_t)context));
	return lines_before(a, s, DIFF_MARGIN);
}

static size_t stretch_end(const char *a, size_t alen, size_t end, int context)
{
	size_t e = repeats_end(a, alen, lines_after(a, alen, end, (size_t)context));
	return e < alen ? lines_after(a, alen, e, DIFF_MARGIN - 1) : e;
}

void diff_edits(struct sbuf *out, const char *path_a, const char *path_b, const char *a,
                size_t alen, const char *b, size_t blen, const struct edit_set *es, int context)
{
	int need_header = 1;
	size_t i = 0, aline = 0, bline = 0, apos = 0, bpos = 0;
	long delta = 0; /* new offset minus old offset, past the edits seen */
	(void)blen;
	while (i < es->n) {
		/* A stretch: the lines of edits i..j-1 with their margins, merged while the next
		 * edit's margin reaches into it. */
		size_t s = stretch_begin(a, alen, es->v[i].begin, context), e = 0, j = i;
		long d0 = delta;
		do {
			const struct edit *ed = &es->v[j];
			size_t end = stretch_end(a, alen, ed->end, context);
			e = end > e ? end : e;
			delta += (long)ed->outlen - (long)(ed->end - ed->begin);
			j++;
		} while (j < es->n && stretch_begin(a, alen, es->v[j].begin, context) <= e);
		size_t bs = (size_t)((long)s + d0), be = (size_t)((long)e + delta);
		aline += count_lines(a, apos, s);
		bline += count_lines(b, bpos, bs);
		diff_stretch(out, a + s, e - s, aline, b + bs, be - bs, bline, context, path_a,
		             path_b, &need_header);
		aline += count_lines(a, s, e);
		bline += count_lines(b, bs, be);
		apos = e;
		bpos = be;
		i = j;
	}
}
