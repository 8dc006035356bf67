/*
 * diff: unified diffs of two texts, the format `git apply` and `patch -p1` take.
 *
 * Lines are compared exactly (bytes up to and including '\n'); the edit script is Myers'
 * O((N+M)D) greedy algorithm, cheap here because a rewrite changes few lines of a large file.
 * A last line without '\n' gets the "\ No newline at end of file" marker. Output is appended to
 * `out`; nothing is appended when the texts are equal.
 */
#ifndef ARW_DIFF_H
#define ARW_DIFF_H

#include <stddef.h>

struct sbuf;

void diff_unified(struct sbuf *out, const char *path_a, const char *path_b, const char *a,
                  size_t alen, const char *b, size_t blen, int context);

#endif
