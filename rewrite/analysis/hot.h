/*
 * hot: the hotspot list (docs/hotspots.md), JSON through cJSON or the plain-text form.
 *
 * The format is told from the content: a first non-blank character of '{' or '[' means JSON
 * (an object with a "hotspots" array, or a bare array of entries), anything else the plain form
 * (one FUNCTION or FILE:FUNCTION a line, '#' starts a comment). Unknown JSON keys are ignored.
 *
 * Every entry names a C identifier; `scope` defaults to NULL, meaning the function itself.
 * `where` is "PATH:LINE" (plain) or "PATH: hotspots[I]" (JSON), for messages about the entry.
 * The list owns all strings; hot_free releases them.
 *
 * An entry may be switched off (`off`, hot_set_off): refused in an earlier round of a rewrite
 * (rewrite.c), it keeps its index, so tags and reports still name it, but the lookups
 * (hot_first, hot_next, hot_is_scope) no longer find it: the model and the plan then see its
 * function as an ordinary one.
 */
#ifndef ARW_HOT_H
#define ARW_HOT_H

#include "strmap.h"

#include <stddef.h>

struct err;

struct hotspot {
	char *function;
	char *file;  /* NULL: any definition */
	char *scope; /* NULL: the function itself */
	char *where;
	int off; /* refused in an earlier round: the lookups skip it */
};

struct hotlist {
	struct hotspot *v;
	size_t n, cap;
	/* Index by function name: the first entry naming it, then next[h] (-1 ends), in list
	 * order. Kept by hot_parse; read with hot_first and hot_next. */
	struct strmap byname;
	int *next;
	/* The scope names of the entries (a scope other than the entry's own function). */
	struct strmap byscope;
};

int hot_load(struct hotlist *hl, const char *path, struct err *e);
/* Parses text already in memory; `path` only names it in messages. */
int hot_parse(struct hotlist *hl, const char *text, const char *path, struct err *e);
void hot_free(struct hotlist *hl);

/* Whether a definition in `path` (as the tool sees it) is the one the entry's `file` names:
 * equal, or `file` is a trailing component sequence of path ("src/a.c" matches "/x/src/a.c"). */
int hot_file_matches(const char *want, const char *path);

/* The entries naming function `name`, in list order: hot_first, then hot_next until -1. A
 * lookup, so matching definitions against the list costs no scan of it. */
int hot_first(const struct hotlist *hl, const char *name);
int hot_next(const struct hotlist *hl, int h);
/* Whether some entry that is on names `name` as its scope (a caller's arena, not its own). */
int hot_is_scope(const struct hotlist *hl, const char *name);
/* The first entry that is on naming the same definition (function and file) as entry h: the
 * plan records a definition's sites under it. h itself when none comes before. */
int hot_first_entry(const struct hotlist *hl, int h);
/* Switches entry h off (see above). */
void hot_set_off(struct hotlist *hl, int h);

#endif
