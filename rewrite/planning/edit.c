#include "edit.h"
#include "err.h"
#include "mem.h"
#include "sbuf.h"

#include <stdlib.h>
#include <string.h>

void edit_init(struct edit_set *es, const char *path)
{
	memset(es, 0, sizeof(*es));
	es->path = xstrdup(path);
}

void edit_add(struct edit_set *es, size_t begin, size_t end, const char *text, int seq)
{
	GROW(es->v, es->n, es->cap);
	es->v[es->n++] = (struct edit){begin, end, xstrdup(text), seq, 0};
}

static int cmp_edit(const void *pa, const void *pb)
{
	const struct edit *a = pa, *b = pb;
	if (a->begin != b->begin)
		return a->begin < b->begin ? -1 : 1;
	/* Insertions before replacements starting at the same place. */
	int ai = a->begin == a->end, bi = b->begin == b->end;
	if (ai != bi)
		return ai ? -1 : 1;
	if (a->seq != b->seq)
		return a->seq < b->seq ? -1 : 1;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	return strcmp(a->text, b->text);
}

int edit_apply(struct edit_set *es, const char *orig, size_t len, struct sbuf *out, struct err *e)
{
	qsort(es->v, es->n, sizeof(*es->v), cmp_edit);
	/* Merge exact duplicates. */
	size_t w = 0;
	for (size_t r = 0; r < es->n; r++) {
		if (w && es->v[w - 1].begin == es->v[r].begin && es->v[w - 1].end == es->v[r].end &&
		    !strcmp(es->v[w - 1].text, es->v[r].text)) {
			free(es->v[r].text);
			continue;
		}
		es->v[w++] = es->v[r];
	}
	es->n = w;
	/* Inserted lines end the way the file's first line does: LF, CR LF or CR. */
	size_t eol = 0;
	while (eol < len && orig[eol] != '\n' && orig[eol] != '\r')
		eol++;
	int cr = eol < len && orig[eol] == '\r';
	int crlf = cr && eol + 1 < len && orig[eol + 1] == '\n';
	size_t pos = 0;
	for (size_t i = 0; i < es->n; i++) {
		struct edit *ed = &es->v[i];
		if (ed->begin < pos || ed->end > len || ed->end < ed->begin)
			return err_set(e, ERR_INPUT, es->path, 0, 0,
			               "internal error: conflicting edits at byte %zu", ed->begin);
		sb_add(out, orig + pos, ed->begin - pos);
		size_t at = out->len;
		for (const char *t = ed->text; *t; t++) {
			if (*t == '\n' && cr && (t == ed->text || t[-1] != '\r')) {
				sb_addc(out, '\r');
				if (!crlf)
					continue;
			}
			sb_addc(out, *t);
		}
		ed->outlen = out->len - at;
		pos = ed->end;
	}
	sb_add(out, orig + pos, len - pos);
	return 0;
}

void edit_free(struct edit_set *es)
{
	for (size_t i = 0; i < es->n; i++)
		free(es->v[i].text);
	free(es->v);
	free(es->path);
	memset(es, 0, sizeof(*es));
}
