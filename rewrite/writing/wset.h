/*
 * wset: the write phase of a rewrite, from planned edit sets to files, diff and report.
 *
 * Everything that can be checked is checked before the first file changes:
 *   - every output path is resolved first: a source by device and inode, so two paths to one
 *     file (a symbolic link and its target) are one file whose edits are merged (exit 2 when
 *     they overlap); the report with its links followed (a dangling link gets its target
 *     created). A report that is a directory, a source of the run, a block device or a socket
 *     is refused. One that is the file stdout or stderr goes to, a character device or a FIFO
 *     is written in place (opened before anything changes, written after), never replaced;
 *   - each file is read once, with a stamp (fsio.h) checked again before its rename: a file
 *     edited by someone else during the run is exit 2 with nothing written;
 *   - with -i, a journal left in a target's folder by an interrupted run is first recovered
 *     (jrnl.h), then the run stops with exit 2: it planned on what the files held before.
 * The files themselves are written all or nothing by jrnl_write; the diff is printed after.
 */
#ifndef ARW_WSET_H
#define ARW_WSET_H

#include <stddef.h>
#include <stdio.h>

struct cmdlist;
struct edit_set;
struct err;

struct wset_opts {
	int in_place;
	const char *report;          /* --report path, or NULL */
	const char *report_json;     /* its text */
	const struct cmdlist *units; /* the run's sources: never replaced by the report */
	FILE *out;                   /* the diff */
	FILE *msg;                   /* notes */
	int diff;                    /* with in_place: print the diff too, after the writes */
};

/* Applies sets[0..n) (merging sets that name one file) and writes or prints the result. */
int wset_run(struct edit_set *sets, size_t n, const struct wset_opts *o, struct err *e);

/* --recover: jrnl_recover on each folder (none: the current one); a note on msg for each
 * folder where an interrupted write was finished or rolled back. */
int wset_recover(const char *const *dirs, size_t n, FILE *msg, struct err *e);

#endif
