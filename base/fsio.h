/*
 * fsio: whole-file reads, atomic writes and path helpers.
 *
 * fs_write_atomic writes to a temporary file in the target's own folder (so rename(2) cannot
 * cross file systems), copies the target's permission bits, fsyncs, then renames over the
 * target: a reader sees the old file or the new one, never a torn mix. Callers plan every edit
 * of every file before the first write (plan.h), so a failure here can only be the system's.
 *
 * fs_text owns `data` (NUL-terminated, `len` bytes without the NUL).
 */
#ifndef ARW_FSIO_H
#define ARW_FSIO_H

#include <stddef.h>

struct err;

struct fs_text {
	char *data;
	size_t len;
};

int fs_read(const char *path, struct fs_text *out, struct err *e);
void fs_text_free(struct fs_text *t);
int fs_write_atomic(const char *path, const char *data, size_t len, struct err *e);
/*
 * Two phases for several files: fs_stage writes the new contents next to each target and
 * returns the temporary's path (malloc'd); fs_commit renames it over the target; fs_discard
 * removes it. Staging every file before committing any means a full disk or a read-only
 * folder is found before the first file changes.
 */
char *fs_stage(const char *path, const char *data, size_t len, struct err *e);
int fs_commit(const char *tmp, const char *path, struct err *e);
void fs_discard(const char *tmp);

/* Absolute, normalised path (no "." or ".." components, symlinks kept); malloc'd. */
char *fs_abspath(const char *path, const char *base);
/* `abs` relative to the current folder ("../" where it lies elsewhere); malloc'd. */
char *fs_relpath_cwd(const char *abs);
/* Folder part of path ("." for a bare name); malloc'd. */
char *fs_dirname(const char *path);
int fs_exists(const char *path);
/* The file a path finally names, symbolic links followed; the path itself when it cannot be
 * resolved. malloc'd. Writes go there so that a link stays a link. */
char *fs_resolve(const char *path);

#endif
