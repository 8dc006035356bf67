/*
 * out: every output file a run writes besides the sources (--report, --export-summaries, and
 * any later one), resolved and written one way (docs/rewrite.md, section 9, and docs/cli.md,
 * section 4).
 *
 * The path is resolved as the user wrote it, links followed:
 *   - the file standard output or standard error goes to (/dev/stdout, a pipe, `> out.txt`):
 *     written through that stream, never replaced;
 *   - a character device or a FIFO: opened before anything changes (a FIFO nobody reads is
 *     exit 2 then) and written in place, never replaced;
 *   - a regular file, or a new name in an existing folder (a dangling link: its target):
 *     replaced all or nothing through jrnl (journal, lock, rename);
 *   - a directory, a block device, a socket: refused;
 *   - any input of the run (fsio.h: a source, a header the parse read, the hotspot list, the
 *     rules, the compile database, a summaries file read): refused, whatever its kind.
 * Every message names the path as the user wrote it.
 *
 * Ownership: struct out owns target and fd; out_free releases them.
 */
#ifndef ARW_OUT_H
#define ARW_OUT_H

#include <stddef.h>
#include <stdio.h>

struct err;
struct jrnl_file;

enum out_kind { OUT_FILE, OUT_STDOUT, OUT_STDERR, OUT_INPLACE };

struct out {
	const char *path; /* as the user wrote it */
	const char *what; /* "the report", "the summaries file": for messages */
	enum out_kind kind;
	char *target; /* OUT_FILE: the file replaced, absolute, links resolved */
	int fd;       /* OUT_INPLACE, once opened; else -1 */
};

/* Resolves path (above); refuses what may not be written. Inputs are checked by out_check. */
int out_resolve(struct out *o, const char *path, const char *what, struct err *e);
/* Refuses an output that is an input of the run; call once every input has been read. */
int out_check(const struct out *o, struct err *e);
/* OUT_INPLACE: opens it now, before any file changes. Other kinds: nothing to do. */
int out_open(struct out *o, struct err *e);
/* Writes data: OUT_FILE all or nothing (jrnl_write), the others in place (stdout and stderr
 * through `out` and stderr, flushed and checked). */
int out_write(struct out *o, const char *data, size_t len, FILE *out, FILE *msg, struct err *e);
/* OUT_FILE as one file of a larger set (jrnl.h). */
struct jrnl_file out_jrnl_file(const struct out *o, const char *data, size_t len);
void out_free(struct out *o);

#endif
