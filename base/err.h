/*
 * err: the one error value that fallible functions fill and the command reports.
 *
 * A function that can fail takes a `struct err *` and returns -1 after calling err_set (which
 * returns -1, so `return err_set(e, ...)` reads naturally). The first error set wins: later
 * calls are ignored, so a low-level failure is not masked by the generic error of its caller.
 * Only tool/main.c prints errors (err_print) and turns `code` into the exit status, which is
 * how docs/cli.md (section 5) keeps one meaning per status.
 *
 * `where` is "FILE:LINE:COL" (or "FILE", or NULL when the error has no place) and `msg` the
 * message; both are owned by the err and freed by err_clear. err_print writes them the way
 * compilers do, "FILE:LINE:COL: error: message", so editors can jump to the place.
 */
#ifndef ARW_ERR_H
#define ARW_ERR_H

#include <stddef.h>

enum err_code {
	ERR_OK = 0,
	ERR_UNSAFE = 1, /* a hotspot refused as unsafe, or lint errors */
	ERR_INPUT = 2,  /* bad usage or bad input: nothing may be written */
};

struct err {
	int code;
	char *where;
	char *msg;
};

#define ERR_INIT                                                                                   \
	{                                                                                          \
		0, NULL, NULL                                                                      \
	}

/* file may be NULL (no location); line/col 0 mean unknown. */
int err_set(struct err *e, int code, const char *file, unsigned line, unsigned col, const char *fmt,
            ...) __attribute__((format(printf, 6, 7)));
void err_clear(struct err *e);
void err_print(const struct err *e);
/*
 * Per-unit errors of a parallel run: moves the first one set, in index order (so the message
 * does not depend on -j), into e and clears them all. Returns -1 when one was set, else 0.
 */
int err_take_first(struct err *errs, size_t n, struct err *e);
/* Line and column (1-based) of position `at` in `text`, e.g. where cJSON stopped parsing. */
void err_text_pos(const char *text, const char *at, unsigned *line, unsigned *col);

#endif
