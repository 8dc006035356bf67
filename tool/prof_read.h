/*
 * prof_read: the profile readers (internal to tool/prof*.c), each turning one format into
 * prof_data (prof_model.h). prof.c picks the reader from the content; readers never decide
 * what is a hotspot.
 */
#ifndef ARW_PROF_READ_H
#define ARW_PROF_READ_H

#include "prof_model.h"

#include <stddef.h>

struct err;

/* The readers: `text` is NUL-terminated, `len` bytes; `path` names the file in messages. */
int prof_read_dhat(struct prof_data *d, const char *text, size_t len, const char *path,
                   struct err *e);
int prof_read_folded(struct prof_data *d, const char *text, size_t len, const char *path,
                     struct err *e);
/* Whether the first content line of `text` has the shape of a folded stack line: 1 yes, 0 no,
 * -1 when there is no content line at all (only blanks and '#' comments). */
int prof_looks_folded(const char *text, size_t len);

#endif
