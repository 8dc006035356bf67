/*
 * jsonx: the strictness every JSON reader shares, and UTF-8-safe output for every writer.
 *
 * jsonx_parse is cJSON_Parse plus what cJSON lets through: a UTF-8 byte order mark is skipped
 * (a file saved by an editor that writes one is still JSON), anything after the document but
 * white space is an error, and so is a NUL byte or a "\u0000" escape anywhere (cJSON would
 * cut the string there and read "f\u0000x" as "f"). Errors name the file, line and column and
 * say what was wrong; `what` names the kind of file ("hotspot file", "rules file").
 *
 * jsonx_utf8 repairs a printed document in place of cJSON's output: cJSON copies string bytes
 * as they are, so a file name that is not UTF-8 would make the whole document invalid JSON.
 * Each byte that does not start a well-formed UTF-8 sequence becomes "\ufffd" (U+FFFD, the
 * replacement character); bytes >= 0x80 only occur inside strings, where the escape is valid.
 */
#ifndef ARW_JSONX_H
#define ARW_JSONX_H

#include <stddef.h>

struct err;
struct cJSON;

/* `text` has `len` bytes (a NUL after them is not required). Returns the tree or NULL with e
 * set; the caller frees the tree with cJSON_Delete. */
struct cJSON *jsonx_parse(const char *text, size_t len, const char *path, const char *what,
                          struct err *e);
/* The checks after a successful cJSON parse that stopped at `stop`: no "\u0000" escape, and
 * nothing but white space after it. For readers that call cJSON themselves. */
int jsonx_check(const char *text, size_t len, const char *stop, const char *path, const char *what,
                struct err *e);
/* Field k of object o as a whole number in [lo, hi], or as a boolean: 0, or -1 when absent
 * or of another type (the caller says which file is malformed). */
int jsonx_get_int(const struct cJSON *o, const char *k, double lo, double hi, long long *out);
int jsonx_get_bool(const struct cJSON *o, const char *k, int *out);
/* Length of a UTF-8 byte order mark at the start of text (0 or 3). */
size_t jsonx_bom(const char *text, size_t len);
/* Takes a malloc'd NUL-terminated document, returns it (or a malloc'd repaired copy, freeing
 * the original) holding only well-formed UTF-8. */
char *jsonx_utf8(char *doc);

#endif
