/*
 * diff_edits against diff_unified: random files (lines drawn from a few, so that lines repeat
 * and changes can slide), random edit sets (replacements, insertions, whole inserted lines, at
 * line starts and ends), CR LF files and files without a last newline. The diff built from the
 * edits must be byte for byte the diff of the whole texts.
 *
 * usage: diff_test [ROUNDS] [SEED]
 */
#include "diff.h"
#include "edit.h"
#include "err.h"
#include "sbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const pool[] = {
    "}", "{", "", "\treturn 0;", "\tint x;", "\tfree(p);", "#include <stdlib.h>", "\tx++;"};
#define NPOOL (sizeof(pool) / sizeof(pool[0]))
static const char *const texts[] = {"arena_", "\n", "\n}",           "{\n\t",    "}\n",
                                    "x",      "",   "\treturn 0;\n", " /* c */", "\n\n"};
#define NTEXTS (sizeof(texts) / sizeof(texts[0]))

static unsigned long rnd_state;
static unsigned rnd(unsigned n)
{
	rnd_state = rnd_state * 6364136223846793005ul + 1442695040888963407ul;
	return (unsigned)((rnd_state >> 33) % n);
}

static void make_file(struct sbuf *f, int crlf)
{
	size_t lines = 1 + rnd(200), run = 0;
	const char *line = pool[0];
	/* Runs of one function body, so that far-apart stretches look alike, and runs of one line.
	 */
	for (size_t i = 0; i < lines; i++) {
		if (run)
			run--;
		else if (!rnd(40))
			run = rnd(60), line = pool[rnd(NPOOL)];
		else
			line = rnd(4) ? pool[i % NPOOL] : pool[rnd(NPOOL)];
		sb_adds(f, line);
		if (i + 1 < lines || rnd(4))
			sb_adds(f, crlf ? "\r\n" : "\n");
	}
}

static int one(unsigned round)
{
	struct sbuf f = SBUF_INIT, out = SBUF_INIT, whole = SBUF_INIT, fromed = SBUF_INIT;
	make_file(&f, rnd(5) == 0);
	struct edit_set es;
	edit_init(&es, "/x/f.c");
	size_t nedits = rnd(12), pos = 0;
	for (size_t k = 0; k < nedits && pos <= f.len; k++) {
		size_t b = pos + rnd((unsigned)(f.len - pos + 1) / 2 + 1);
		if (b > f.len)
			break;
		if (rnd(2)) /* at a line start */
			while (b > 0 && f.buf[b - 1] != '\n')
				b--;
		if (b < pos)
			b = pos;
		size_t e = b + (rnd(3) ? 0 : rnd(8));
		if (e > f.len)
			e = f.len;
		edit_add(&es, b, e, texts[rnd(NTEXTS)], (int)k);
		pos = e + (e == b); /* never two edits at one spot: they would need an order */
	}
	struct err er = ERR_INIT;
	int rc = 0;
	if (!edit_apply(&es, f.buf, f.len, &out, &er)) {
		diff_unified(&whole, "a/f.c", "b/f.c", f.buf, f.len, out.buf, out.len, 3);
		diff_edits(&fromed, "a/f.c", "b/f.c", f.buf, f.len, out.buf, out.len, &es, 3);
		if (whole.len != fromed.len || memcmp(whole.buf, fromed.buf, whole.len)) {
			printf(
			    "round %u: the diffs differ\n--- file\n%s\n--- whole\n%s--- from the "
			    "edits\n%s",
			    round, f.buf, whole.buf, fromed.buf);
			for (size_t k = 0; k < es.n; k++)
				printf("edit [%zu, %zu) -> \"%s\"\n", es.v[k].begin, es.v[k].end,
				       es.v[k].text);
			rc = 1;
		}
	}
	err_clear(&er);
	edit_free(&es);
	sb_release(&f);
	sb_release(&out);
	sb_release(&whole);
	sb_release(&fromed);
	return rc;
}

int main(int argc, char **argv)
{
	unsigned rounds = argc > 1 ? (unsigned)atoi(argv[1]) : 20000;
	rnd_state = argc > 2 ? strtoul(argv[2], NULL, 10) : 12345;
	unsigned bad = 0;
	for (unsigned r = 0; r < rounds && bad < 3; r++)
		bad += (unsigned)one(r);
	printf("%u of %u rounds differ\n", bad, rounds);
	return bad != 0;
}
