#include "diff.h"
#include "mem.h"
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

void diff_unified(struct sbuf *out, const char *path_a, const char *path_b, const char *a,
                  size_t alen, const char *b, size_t blen, int context)
{
	if (alen == blen && !memcmp(a, b, alen))
		return;
	struct line *la, *lb;
	size_t n = split(a, alen, &la), m = split(b, blen, &lb);
	struct op *ops;
	size_t nops = script(la, n, lb, m, &ops);
	sb_adds(out, "--- ");
	add_path(out, path_a);
	sb_adds(out, "\n+++ ");
	add_path(out, path_b);
	sb_addc(out, '\n');
	size_t i = 0;
	while (i < nops) {
		while (i < nops && ops[i].op == '=')
			i++;
		if (i >= nops)
			break;
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
				emit_line(out, ' ', &la[ops[k].ai]);
				k++;
				continue;
			}
			size_t r = k;
			while (r < end && ops[r].op != '=')
				r++;
			for (size_t q = k; q < r; q++)
				if (ops[q].op == '-')
					emit_line(out, '-', &la[ops[q].ai]);
			for (size_t q = k; q < r; q++)
				if (ops[q].op == '+')
					emit_line(out, '+', &lb[ops[q].bi]);
			k = r;
		}
		i = end;
	}
	free(ops);
	free(la);
	free(lb);
}
