/*
 * fsio: whole-file reads, stamps of what was read, the run's inputs, and path helpers.
 *
 * Writing a set of files all or nothing is jrnl.h's job; out.h decides how an output is written
 * and wset.h what a rewrite writes.
 *
 * fs_text owns `data` (NUL-terminated, `len` bytes without the NUL).
 *
 * The run's inputs: every file fs_read reads, and every file the parse opens (cx_open.c), is
 * noted by identity (device, inode) in one process-wide set, so that an output can refuse to
 * replace any of them (out.h) whoever read it. The set only grows; it is safe across threads.
 */
#ifndef ARW_FSIO_H
#define ARW_FSIO_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct err;

struct fs_text {
	char *data;
	size_t len;
};

int fs_read(const char *path, struct fs_text *out, struct err *e);
/* fs_read of a regular file only: a FIFO (which would wait for a writer), a device or a
 * terminal is refused at once. For paths an untrusted file names. */
int fs_read_regular(const char *path, struct fs_text *out, struct err *e);
/* Reads an open fd to its end, at most `max` bytes (ERR_INPUT naming `shown` beyond that). */
int fs_read_fd(int fd, size_t max, const char *shown, struct fs_text *out, struct err *e);

/*
 * What a file held when it was read: identity (device, inode), size, modification time and a
 * hash of the bytes. fs_read_stamp fills one with the text; fs_stamp_check says whether the
 * path still names that file with those contents (the hash is recomputed, so an edit that
 * keeps size and time is still seen).
 */
struct fs_stamp {
	dev_t dev;
	ino_t ino;
	off_t size;
	long long mtime_s, mtime_ns;
	uint64_t hash;
};
int fs_read_stamp(const char *path, struct fs_text *out, struct fs_stamp *st, struct err *e);
int fs_stamp_check(const char *path, const struct fs_stamp *st, struct err *e);
/* Whether the entry `name` of the folder open as dfd still holds what `st` stamped (links not
 * followed, a special file never opened for long); 1 when it does, 0 when not or gone. */
int fs_stamp_same_at(int dfd, const char *name, const struct fs_stamp *st);
uint64_t fs_hash(const char *data, size_t len);
/* Refuses (ERR_INPUT) a SOURCE that is missing or is not a regular file: a FIFO or a device
 * would block or stream inside the parser. */
int fs_check_source(const char *path, struct err *e);
/* The run's inputs (above): note one; ask whether a file is one. */
void fs_input_add(dev_t dev, ino_t ino);
int fs_is_input(dev_t dev, ino_t ino);
/* What kind of file a mode is, for messages ("a FIFO", "a character device", ...). */
const char *fs_kind(unsigned mode);
/* Writes all of data to fd; 0 or -1 with errno set. */
int fs_write_all(int fd, const char *data, size_t len);
void fs_text_free(struct fs_text *t);
/* Absolute, normalised path (no "." or ".." components, symlinks kept); malloc'd. */
char *fs_abspath(const char *path, const char *base);
/* `abs` relative to the current folder ("../" where it lies elsewhere); malloc'd. */
char *fs_relpath_cwd(const char *abs);
/* `abs` relative to the absolute folder `base`, the same way; malloc'd. */
char *fs_relpath(const char *abs, const char *base);
/* Folder part of path ("." for a bare name); malloc'd. */
char *fs_dirname(const char *path);
int fs_exists(const char *path);
/* The file a path finally names, symbolic links followed; the path itself when it cannot be
 * resolved. malloc'd. Writes go there so that a link stays a link. */
char *fs_resolve(const char *path);
/* Like fs_resolve, but a dangling link resolves to the path it points to (which a write then
 * creates), as long as that path's folder exists. NULL with e set on a link loop. */
char *fs_follow(const char *path, struct err *e);

#endif
