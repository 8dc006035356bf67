/*
 * prof_folded: folded stacks into prof_data.
 *
 * One stack a line, root first, frames separated by ';', then blanks and a whole-number count:
 *
 *     main;build_tree;make_node;malloc 500
 *
 * as written by FlameGraph's stackcollapse-*.pl (perf, bpftrace, DTrace), Pyroscope's
 * "collapsed" export and heaptrack_print --print-flamegraph. The count is taken as a number of
 * allocations (blocks): folded stacks carry one number, so there are no bytes and no lifetimes.
 *
 * Tolerated, because real tools write them: blank lines, '#' comment lines, CRLF line ends,
 * trailing blanks, frames with blanks inside ("operator new(unsigned long)", "f (x.c:3)"), empty
 * frames (heaptrack ends every stack with ';'), and the same stack on several lines (heaptrack
 * splits by address): their counts add up. A line without a count, or with a count that is not
 * a whole number that fits 64 bits, is an error naming the line: guessing would shift the
 * ranking silently. Frame spellings are prof_frame.c's business.
 */
#include "prof_read.h"
#include "err.h"
#include "mem.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct line {
	const char *p;
	size_t n;
};

/* The next non-blank, non-comment line from *pos; 0 at the end of the text. */
static int next_line(const char **pos, const char *end, struct line *l, unsigned *lineno)
{
	while (*pos < end) {
		const char *p = *pos;
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *stop = eol ? eol : end;
		*pos = eol ? eol + 1 : end;
		(*lineno)++;
		while (p < stop && isspace((unsigned char)*p))
			p++;
		while (stop > p && isspace((unsigned char)stop[-1]))
			stop--; /* also the '\r' of CRLF */
		if (p == stop || *p == '#')
			continue;
		l->p = p;
		l->n = (size_t)(stop - p);
		return 1;
	}
	return 0;
}

/* Splits a trimmed line into stack and count token; 0 when there is no blank before a token. */
static int split_count(struct line l, struct line *stack, struct line *count)
{
	size_t j = l.n;
	while (j && !isspace((unsigned char)l.p[j - 1]))
		j--;
	if (!j)
		return 0;
	count->p = l.p + j;
	count->n = l.n - j;
	stack->p = l.p;
	stack->n = j;
	while (stack->n && isspace((unsigned char)stack->p[stack->n - 1]))
		stack->n--;
	return stack->n > 0;
}

/* Whole decimal number; -1 when not one, -2 when it does not fit 64 bits. */
static int parse_count(struct line c, uint64_t *out)
{
	uint64_t v = 0;
	if (!c.n)
		return -1;
	for (size_t i = 0; i < c.n; i++) {
		if (!isdigit((unsigned char)c.p[i]))
			return -1;
		unsigned dgt = (unsigned)(c.p[i] - '0');
		if (v > (UINT64_MAX - dgt) / 10)
			return -2;
		v = v * 10 + dgt;
	}
	*out = v;
	return 0;
}

int prof_looks_folded(const char *text, size_t len)
{
	const char *pos = text;
	struct line l, stack, count;
	unsigned lineno = 0;
	uint64_t v;
	if (!next_line(&pos, text + len, &l, &lineno))
		return -1;
	/* A count too large still says "folded": the reader then names the line. */
	return split_count(l, &stack, &count) && parse_count(count, &v) != -1;
}

int prof_read_folded(struct prof_data *d, const char *text, size_t len, const char *path,
                     struct err *e)
{
	struct strmap seen = STRMAP_INIT; /* frame text -> index into d->frames */
	size_t *idx = NULL, n, cap = 0;
	const char *pos = text, *end = text + len;
	struct line l, stack, count;
	unsigned lineno = 0;
	int rc = 0;

	d->format = "folded";
	while (next_line(&pos, end, &l, &lineno)) {
		uint64_t v;
		unsigned col;
		if (!split_count(l, &stack, &count)) {
			rc = err_set(e, ERR_INPUT, path, lineno, 1,
			             "malformed folded stacks: expected 'FRAME;...;FRAME COUNT'");
			break;
		}
		const char *ls = l.p;
		while (ls > text && ls[-1] != '\n')
			ls--;
		col = (unsigned)(count.p - ls) + 1;
		int bad = parse_count(count, &v);
		if (bad) {
			rc = err_set(e, ERR_INPUT, path, lineno, col,
			             bad == -2
			                 ? "malformed folded stacks: count '%.*s' is too large"
			                 : "malformed folded stacks: count '%.*s' is not a whole "
			                   "number",
			             (int)(count.n > 40 ? 40 : count.n), count.p);
			break;
		}
		/* Frames root first on the line, stored innermost first. */
		n = 0;
		const char *f = stack.p, *stop = stack.p + stack.n;
		while (f <= stop) {
			const char *semi = memchr(f, ';', (size_t)(stop - f));
			const char *fe = semi ? semi : stop;
			struct line fr = {f, (size_t)(fe - f)};
			while (fr.n && isspace((unsigned char)fr.p[0])) {
				fr.p++;
				fr.n--;
			}
			while (fr.n && isspace((unsigned char)fr.p[fr.n - 1]))
				fr.n--;
			if (fr.n) {
				int created;
				struct strmap_ent *s =
				    strmap_putb_dup(&seen, fr.p, fr.n, 0, &created);
				if (created)
					s->val = (int)prof_add_frame(d, fr.p, fr.n);
				GROW(idx, n, cap);
				idx[n++] = (size_t)s->val;
			}
			f = fe + 1;
		}
		for (size_t i = 0; i < n / 2; i++) {
			size_t t = idx[i];
			idx[i] = idx[n - 1 - i];
			idx[n - 1 - i] = t;
		}
		prof_add_stack(d, idx, n, v, 0, 0);
	}
	free(idx);
	strmap_free_keys(&seen);
	return rc;
}
