/*
 * jrnl: writes a set of files all or nothing, across a crash, with a journal.
 *
 * Protocol (docs/rewrite.md, "How files are written"). A set has an id (pid and time) and,
 * for its k-th file TARGET in folder D, the names D/.arena-rewrite.ID.K.new (the new text) and
 * D/.arena-rewrite.ID.K.old (a hard link to the original, the backup). A journal copy
 * D/.arena-rewrite.ID.journal sits in every folder D that holds a target, so recovery that is
 * pointed at any one of them finds the whole set. Each copy is written to a temporary name,
 * fsynced and renamed into place: a journal is never torn. Its state says what recovery does:
 *
 *   staging   written before the first temporary file; nothing renamed yet -> roll back
 *   commit    every .new and .old exists and is fsynced; renames may have begun -> roll forward
 *   rollback  a rename failed; some targets may be new -> put every .old back
 *
 * Steps: journal(staging), stage every .new and link every .old, check that each target still
 * holds what was read, journal(commit), rename each .new over its target (checking again just
 * before each rename), fsync the folders, remove the .old files, remove the journals. Every
 * recovery step is idempotent (a .new that is gone was renamed; an .old that is gone was put
 * back or is no longer needed), so a kill during recovery is recovered by running it again.
 * After recovery every target of the set is entirely old or entirely new and no temporary file
 * of the set remains.
 *
 * One run at a time per folder: recovery removes every ".arena-rewrite.*" file it finds.
 *
 * Test hooks (environment variables, for tests/reliability only):
 *   ARENA_REWRITE_TEST_PAUSE_BEFORE_COMMIT=FILE  create FILE before the first rename and wait
 *                                                (at most 60 s) until it is removed
 *   ARENA_REWRITE_TEST_PAUSE_BEFORE_READ=FILE    the same after the parse, before wset reads
 *                                                the files to edit
 *   ARENA_REWRITE_TEST_STEP_DELAY_MS=N           sleep N ms before each staging, rename and
 *                                                clean-up step, so a kill can land there
 *   ARENA_REWRITE_TEST_FAIL_RENAME=K             the K-th rename (1-based) fails with EBUSY
 */
#ifndef ARW_JRNL_H
#define ARW_JRNL_H

#include <stddef.h>

struct err;
struct fs_stamp;

struct jrnl_file {
	const char *target; /* absolute, symbolic links resolved */
	const char *data;
	size_t len;
	const struct fs_stamp *was; /* what target held when read; NULL: not checked */
};

/* Writes every file or none; on failure e says why and whether anything had to be undone. */
int jrnl_write(const struct jrnl_file *f, size_t n, struct err *e);
/*
 * Finishes or rolls back every interrupted set whose journal is in dir, then removes every
 * remaining ".arena-rewrite.*" file there. *sets counts the journals found. Returns -1 with e
 * set when a step fails (the journal then stays, for another try).
 */
int jrnl_recover(const char *dir, int *sets, struct err *e);
/* The test hooks' pause: when the variable env names a FILE, create it and wait (at most 60 s)
 * until it is removed. */
void jrnl_test_pause(const char *env);

#endif
