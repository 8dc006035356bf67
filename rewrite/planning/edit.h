/*
 * edit: the planned changes to one file, applied in one pass.
 *
 * An edit replaces bytes [begin, end) of the original text with `text` (begin == end inserts).
 * Edits are collected in any order, then edit_apply sorts them by position; insertions at the
 * same offset keep the order of their `seq` (lower first), which lets the planner put
 * "release the arena" before "return" at one spot. Identical edits are merged, because two
 * translation units that include one header plan the same change to it. Overlapping
 * replacements are a planning bug or a genuine conflict: edit_apply refuses them rather than
 * produce a mangled file.
 *
 * Inserted texts use '\n'; edit_apply writes "\r\n" instead in a file whose first line ends
 * in CR LF, and "\r" in one whose first line ends in CR alone, so an edited file keeps one
 * line-ending style.
 *
 * The set owns its edit texts and `path`.
 */
#ifndef ARW_EDIT_H
#define ARW_EDIT_H

#include <stddef.h>
#include <stdint.h>

struct err;
struct sbuf;

struct edit {
	size_t begin, end;
	char *text;
	int seq;
	size_t outlen; /* set by edit_apply: the bytes written for text (CR LF counted) */
};

struct edit_set {
	char *path; /* absolute */
	struct edit *v;
	size_t n, cap;
	uint64_t parsed_hash; /* fs_hash of the text the offsets refer to, if have_parsed */
	int have_parsed;
};

void edit_init(struct edit_set *es, const char *path);
void edit_add(struct edit_set *es, size_t begin, size_t end, const char *text, int seq);
/* Applies to `orig` (length len) into out. Returns -1 with e set on overlapping edits. Leaves
 * the set sorted and without duplicates, each edit's outlen set: what diff_edits reads. */
int edit_apply(struct edit_set *es, const char *orig, size_t len, struct sbuf *out, struct err *e);
void edit_free(struct edit_set *es);

#endif
