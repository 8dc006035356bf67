/*
 * jrnl: writes a set of files all or nothing, across a crash, with a journal; one run at a time
 * per folder; recovery of a set a killed run left.
 *
 * Protocol (docs/rewrite.md, "How files are written"). A set has an id (pid and time) and,
 * for its k-th file NAME in folder D, the names D/.arena-rewrite.ID.K.new (the new text) and
 * D/.arena-rewrite.ID.K.old (a hard link to the original, the backup). A journal copy
 * D/.arena-rewrite.ID.journal sits in every folder D that holds a target: it lists every folder
 * of the set and the files of D, by plain name, with the identity (device, inode) of each
 * original and of each .new file, and the stamp of what was read. Each copy is written to a
 * fresh temporary name (O_EXCL, links not followed), fsynced and renamed into place: a journal
 * is never torn. Its state says what recovery does:
 *
 *   staging   written before the first temporary file; nothing renamed yet -> roll back
 *   commit    every .new and .old exists and is fsynced; renames may have begun -> roll forward
 *   rollback  a rename failed; some targets may be new -> put back every target renamed
 *
 * Steps: lock the folders, journal(staging), stage every .new and link every .old, check that
 * each target still holds what was read, journal(commit), rename each .new over its target
 * (checking again just before each rename), fsync the folders, remove the .old files, remove
 * the journals, unlock. A target counts as renamed only when it is the .new file (by identity):
 * rolling back never touches a file the set did not rename. Every recovery step is idempotent,
 * so a kill during recovery is recovered by running it again. After recovery every target of
 * the set is entirely old or entirely new (or, when someone else changed one since, the set is
 * old and that file as they left it, exit 2), and no temporary file of the set remains in any
 * of its folders.
 *
 * A journal is untrusted input (jrnl_fmt.c): a copy is acted on only when it is a regular file
 * of the user running the tool, every line is one this tool writes, its names are plain names
 * in its own folder, and every other copy of the set agrees. Anything else is exit 2, nothing
 * done.
 *
 * Locks (jrnl_lock.c): every run that writes in a folder holds its lock (flock on
 * D/.arena-rewrite.lock) from before it reads what it replaces until its writes are done; a
 * second run waits, with a note on msg. The stack of locks held is process-wide and used from
 * one thread only.
 *
 * Test hooks (environment variables, for tests/reliability only):
 *   ARENA_REWRITE_TEST_PAUSE_BEFORE_COMMIT=FILE  create FILE before the first rename and wait
 *                                                (at most 60 s) until it is removed
 *   ARENA_REWRITE_TEST_PAUSE_BEFORE_READ=FILE    the same after the parse and the locks, before
 *                                                wset reads the files to edit
 *   ARENA_REWRITE_TEST_STEP_DELAY_MS=N           sleep N ms before each journal, staging,
 *                                                rename and clean-up step, so a kill can land
 *                                                there
 *   ARENA_REWRITE_TEST_KILL_AT_STEP=N            SIGKILL itself at the N-th of those steps
 *                                                (1-based): every kill point, one by one
 *   ARENA_REWRITE_TEST_FAIL_RENAME=K             the K-th rename (1-based) fails with EBUSY
 */
#ifndef ARW_JRNL_H
#define ARW_JRNL_H

#include <stddef.h>
#include <stdio.h>

struct err;
struct fs_stamp;

struct jrnl_file {
	const char *target; /* absolute, symbolic links resolved */
	const char *shown;  /* the name for messages (what the user wrote); NULL: target */
	const char *data;
	size_t len;
	const struct fs_stamp *was; /* what target held when read; NULL: not checked */
};

/* Writes every file or none (taking the locks of their folders when not held); on failure e
 * says why and whether anything had to be undone. */
int jrnl_write(const struct jrnl_file *f, size_t n, FILE *msg, struct err *e);

struct jrnl_outcome {
	int sets;    /* interrupted sets whose journal was in the folder */
	int changed; /* files whose contents recovery changed (renamed forward or put back) */
};
/*
 * Finishes or rolls back every interrupted set whose journal is in dir (locking dir, and the
 * other folders of each set), with a note on msg for each; then removes the temporary files
 * of this tool in dir that no journal names. Returns -1 with e set when a journal may not be
 * acted on (nothing is done in dir then), or a step fails (the journal stays, for another try).
 */
int jrnl_recover(const char *dir, struct jrnl_outcome *out, FILE *msg, struct err *e);

/* Locks: the folders (absolute, links resolved) locked in path order, waiting for other runs
 * with a note on msg; held until jrnl_unlock_to(mark) with mark from before. */
size_t jrnl_lock_mark(void);
int jrnl_lock(const char *const *dirs, size_t n, FILE *msg, struct err *e);
void jrnl_unlock_to(size_t mark);

/* The test hooks' pause: when the variable env names a FILE, create it and wait (at most 60 s)
 * until it is removed. */
void jrnl_test_pause(const char *env);

/* Whether the last component of path is a name the journal uses for its own files (a
 * journal, a .new, an .old, a .jtmp): no output may take one. */
int jrnl_reserved_name(const char *path);
/* Whether path is in the user's registry of pending sets (jrnl_reg.c): no output may be. */
int jrnl_in_registry(const char *path);

#endif
