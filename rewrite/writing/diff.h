/*
 * diff: unified diffs of two texts, the format `git apply` and `patch -p1` take.
 *
 * Lines are compared exactly (bytes up to and including '\n'); the edit script is Myers'
 * O((N+M)D) greedy algorithm. A last line without '\n' gets the "\ No newline at end of file"
 * marker. Output is appended to `out`; nothing is appended when the texts are equal.
 *
 * diff_edits is what a rewrite uses: it knows which byte ranges its edits changed, so it runs
 * Myers only over stretches of the files around the edits (their whole lines, 3 lines of
 * context and a few more for changes that slide over repeated lines), and counts lines in
 * between. Time and memory follow the edited lines, not the files' size, and the output is the
 * same as diff_unified's over the whole texts whenever the stretches are far enough apart for
 * Myers to find the same lines equal there, which the stretches' margins see to.
 */
#ifndef ARW_DIFF_H
#define ARW_DIFF_H

#include <stddef.h>

struct sbuf;
struct edit_set;

void diff_unified(struct sbuf *out, const char *path_a, const char *path_b, const char *a,
                  size_t alen, const char *b, size_t blen, int context);
/* b (blen bytes) is a with the edits of es applied by edit_apply (sorted, outlen set). */
void diff_edits(struct sbuf *out, const char *path_a, const char *path_b, const char *a,
                size_t alen, const char *b, size_t blen, const struct edit_set *es, int context);

#endif
