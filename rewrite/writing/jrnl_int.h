/*
 * jrnl_int: what jrnl.c (writing and recovering a set), jrnl_fmt.c (the journal file) and
 * jrnl_lock.c (one run per folder) share; nothing else includes it.
 *
 * A set in memory: its folders (each open as a directory fd, so that every step names a file
 * relative to its folder and never follows a path through other folders), and its files, each
 * a plain name in one of those folders. A journal copy in folder D lists the set's folders and
 * the files of D only: recovery acts in D only on names D's own copy gives.
 */
#ifndef ARW_JRNL_INT_H
#define ARW_JRNL_INT_H

#include "fsio.h"
#include "strmap.h"

#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

struct err;
struct sbuf;

#define JRNL_PREFIX   ".arena-rewrite."
#define JRNL_LOCKNAME ".arena-rewrite.lock"
#define JRNL_ID_MAX   48
/* Bounds a journal must keep (docs/rewrite.md, "What a journal may contain"). */
#define JRNL_MAX_BYTES ((size_t)64 << 20)
#define JRNL_MAX_FILES 1000000

enum jstate { J_STAGING, J_COMMIT, J_ROLLBACK };

/* A file's identity; ino 0: none (not there, or not known yet). */
struct jid {
	dev_t dev;
	ino_t ino;
};

struct jdir {
	char *path; /* absolute, links resolved */
	int fd;     /* the folder, open; -1 when it is gone */
	int copy;   /* holds a journal copy of the set */
};

struct jent {
	size_t k;            /* index in the set: the temporary names are ID.K.new and ID.K.old */
	size_t dir;          /* index into dirs */
	char *name;          /* a plain name in that folder */
	char *shown;         /* for messages: what the user wrote, or DIR/NAME */
	int created;         /* the target did not exist: rolling back removes it */
	struct jid old;      /* the original, the .old backup's identity */
	struct jid nw;       /* the .new file's identity, once staged */
	struct fs_stamp nws; /* and its stamp: a target is the set's new file only when it holds
	                      * that (an inode alone is reused once freed) */
	int check;           /* was holds the original's stamp */
	struct fs_stamp was;
};

struct jset {
	char id[JRNL_ID_MAX];
	enum jstate state;
	size_t total; /* files in the whole set (each copy lists those of its folder) */
	struct jdir *dirs;
	size_t ndirs, dcap;
	struct strmap dix; /* path -> dirs[] index (keys are dirs[i].path): a planted journal of
	                    * a million folders is read in linear time */
	struct jent *v;
	size_t n, cap;
	unsigned char *seen; /* loading: seen[k], one "file" line per index */
	struct strmap names; /* loading: "DIR/NAME" keys, one line per file */
};

void jset_free(struct jset *s);
/* open(path, O_DIRECTORY), raising the soft limit of descriptors when it is reached. */
int jrnl_open_dir(const char *path);
/* The folder's index in s, or -1. */
long jset_find(const struct jset *s, const char *path);
/* The folder's index in s, added when new (opened: fd -1 when that fails, errno says why). */
size_t jset_dir(struct jset *s, const char *path);
/* D/.arena-rewrite.ID.K.KIND and D/.arena-rewrite.ID.KIND, as names in their folder. */
void jrnl_temp_name(char *buf, size_t n, const char *id, size_t k, const char *kind);
void jrnl_set_name(char *buf, size_t n, const char *id, const char *kind);
/* Whether id is one this tool makes (digits, '-', digits) and name is ".arena-rewrite.ID.KIND"
 * of a kind recovery removes (.journal, .jtmp, K.new, K.old): 1 and *id filled, else 0. */
int jrnl_parse_name(const char *name, char id[JRNL_ID_MAX], int *is_journal);
/* Blocks the termination signals (SIGINT, SIGTERM, SIGHUP, SIGQUIT) while a set is written or
 * recovered; *old is the mask to restore, which delivers one that came meanwhile. */
void jrnl_block_signals(sigset_t *old);
/* The test hooks ARENA_REWRITE_TEST_STEP_DELAY_MS and _KILL_AT_STEP (jrnl.h): a pause, or a
 * kill, before a step. */
void jrnl_hook_delay(void);
/* fsync of a folder; errors are not reported (a folder fsync is advice on most systems). */
void jrnl_sync_dir(int fd);
/* The file's identity, links not followed; ino 0 when absent; -1 on another error, and for
 * anything but a regular file (EINVAL). */
int jrnl_ident(int dfd, const char *name, struct jid *out);
int jrnl_same(const struct jid *a, const struct jid *b);
/* Whether name in dfd is f's new file: its identity and the stamp of what the run wrote. */
int jrnl_is_new(int dfd, const char *name, const struct jent *f);
/* For messages: what became of the file the journal recorded as `want` under name ("removed",
 * "replaced by a FIFO", "replaced by another file", ...), in buf or a constant string. */
const char *jrnl_what_became(int dfd, const char *name, const struct jid *want, char *buf,
                             size_t n);

/*
 * Puts back every target the set renamed (it is the .new file, by identity), then removes the
 * set's temporary files; *restored counts the targets put back. A target that is not the set's
 * file is never touched. On a failure the temporary files stay (the backups are needed) and -1
 * says why.
 */
int jrnl_roll_back(const struct jset *s, int *restored, struct err *e);

/* ---- jrnl_fmt.c ---------------------------------------------------------------------------- */

/* Writes the copy of every folder that is open (temporary name, fsync, rename). */
int jfmt_store(struct jset *s, enum jstate st, struct err *e);
/* Removes the copies: the folder `last` (SIZE_MAX: none) last but one, the set's first folder
 * last of all (it was written first: it holds a copy while any other does). */
void jfmt_remove(struct jset *s, size_t last);
/*
 * Loads the copy of set `id` in the folder open as dfd (shown as `dir` in messages) into s,
 * checking everything (docs/rewrite.md): the first copy loaded gives s its folders and total,
 * later ones must agree. -1 with e set when the copy is not one this tool may act on.
 */
int jfmt_load(struct jset *s, const char *dir, int dfd, const char *id, struct err *e);

/* Hex of a string, and back: a string without NUL of at most max bytes, malloc'd, or NULL. */
void jfmt_put_hex(struct sbuf *sb, const char *s);
char *jfmt_get_hex(const char *t, size_t max);

/* ---- jrnl_reg.c ---------------------------------------------------------------------------- */

/* A set recorded in the user's registry of pending sets: its id and folders. */
struct jreg_set {
	char id[JRNL_ID_MAX];
	char **dirs; /* absolute, normalised */
	size_t ndirs;
};
/* Records a set of several folders before its first journal copy; a failure is a warning on
 * msg (the set is still written: recovery from its first folder finds it). */
void jreg_add(const struct jset *s, FILE *msg);
/* Removes the record of set id, once no journal copy of it is left. */
void jreg_remove(const char *id);
/* Whether set id is still recorded. */
int jreg_has(const char *id);
/* The recorded sets that list folder real (absolute, links resolved), in *out; a record that
 * is not one this tool writes is a warning on msg and left alone. */
size_t jreg_find(const char *real, struct jreg_set **out, FILE *msg);
void jreg_free(struct jreg_set *v, size_t n);

/* ---- jrnl_lock.c --------------------------------------------------------------------------- */

/* Tries the lock of one folder: 0 held (now or before), 1 held by another run, -1 error. */
int jlock_try(const char *dir, struct err *e);

#endif
