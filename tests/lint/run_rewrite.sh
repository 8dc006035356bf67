#!/usr/bin/env bash
# The rewriter refuses what the lint finds, with summaries over every unit of the run: each case
# checks the exit status, the refusal message and rule, and that nothing is written (stdout
# empty, files untouched with -i). usage: run_rewrite.sh TOOL
set -u
tool=$1
pass=0 failn=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1

sums() { md5sum ./*.c; }
# refused NAME PATTERN RULE -- ARGS...: exit 1, PATTERN and [RULE] on stderr, nothing written
refused() {
	local name=$1 pattern=$2 rule=$3
	shift 4
	local before rc
	before=$(sums)
	"$tool" "$@" > out.txt 2> err.txt
	rc=$?
	if [ "$rc" != 1 ]; then
		echo "FAIL $name: exit $rc, want 1"; cat err.txt; failn=$((failn + 1)); return
	fi
	if ! grep -qE -- "$pattern" err.txt || ! grep -qF -- "[$rule]" err.txt; then
		echo "FAIL $name: stderr lacks /$pattern/ or [$rule]"; cat err.txt; failn=$((failn + 1)); return
	fi
	if [ -s out.txt ] || [ "$before" != "$(sums)" ]; then
		echo "FAIL $name: something was written"; cat out.txt; failn=$((failn + 1)); return
	fi
	echo "ok $name"; pass=$((pass + 1))
}
# accepted NAME -- ARGS...: exit 0 and a diff
accepted() {
	local name=$1
	shift 2
	"$tool" "$@" > out.txt 2> err.txt
	local rc=$?
	if [ "$rc" != 0 ] || ! grep -q '^+++ ' out.txt; then
		echo "FAIL $name: exit $rc, want 0 and a diff"; cat err.txt; failn=$((failn + 1)); return
	fi
	echo "ok $name"; pass=$((pass + 1))
}

# 1. Scope memory handed back through an out-parameter, then stored in the caller's slot.
cat > outp.c <<'C'
#include <stdlib.h>
#include <string.h>
static void word_new(const char *t, char **out) { *out = strdup(t); }
static void handle(const char *t, char **longest) { char *w; word_new(t, &w); *longest = w; }
int main(void) { char *l = NULL; handle("x", &l); free(l); return 0; }
C
echo '{"hotspots":[{"function":"word_new","scope":"handle"}]}' > outp.json
refused scope-out-param "outp.c:4: error: scope 'handle' refused" arena-escape-param \
	-- --hotspots outp.json outp.c --
refused scope-out-param-in-place "scope 'handle' refused" arena-escape-param \
	-- --hotspots outp.json -i outp.c --
# Under --force it is written, with the finding as a warning.
"$tool" --force --hotspots outp.json outp.c -- > out.txt 2> err.txt
if [ $? = 0 ] && grep -q "rewritten under --force" err.txt && grep -q '^+++ ' out.txt; then
	echo "ok scope-out-param-force"; pass=$((pass + 1))
else
	echo "FAIL scope-out-param-force"; cat err.txt; failn=$((failn + 1))
fi

# 2. A safe look-alike: the scope copies the word out; nothing to refuse.
cat > outq.c <<'C'
#include <stdlib.h>
#include <string.h>
static void word_new(const char *t, char **out) { *out = strdup(t); }
static size_t handle(const char *t, char *buf, size_t cap) { char *w; word_new(t, &w); strncpy(buf, w, cap); return strlen(w); }
int main(void) { char b[4]; return (int)handle("x", b, sizeof b) - 1; }
C
accepted scope-out-param-copied -- --hotspots outp.json outq.c --

# 3. A project function that keeps its argument, in the same file and in another unit.
cat > keep.c <<'C'
#include <stdlib.h>
static char *kept;
static void stash(char *p) { kept = p; }
int f(int n) { char *p = malloc(n); stash(p); return 0; }
C
echo '{"hotspots":[{"function":"f"}]}' > keep.json
# In the same file the store into the static is followed to f's exit, where it still holds it.
refused keeper-same-file "keep.c:4: error: hotspot 'f' refused" arena-escape-global \
	-- --hotspots keep.json keep.c --
cat > user.c <<'C'
#include <stdlib.h>
void remember(char *p);
int g(int n) { char *p = malloc(n); remember(p); return 0; }
int h(int n) { char *p = malloc(n); p[0] = 0; free(p); return n; }
C
cat > keeper.c <<'C'
static char *kept;
void remember(char *p) { kept = p; }
C
echo '{"hotspots":[{"function":"g"}]}' > user.json
refused keeper-other-unit "user.c:3: error: hotspot 'g' refused" arena-escape-call \
	-- --hotspots user.json user.c keeper.c --
# h is accepted in the same run as the refused g, and -j does not change a byte.
echo '{"hotspots":[{"function":"g"},{"function":"h"}]}' > user2.json
"$tool" --hotspots user2.json user.c keeper.c -- > j1.txt 2> j1.err
"$tool" -j 3 --hotspots user2.json user.c keeper.c -- > j3.txt 2> j3.err
if grep -q '^+int h' j1.txt && ! grep -q '^+int g' j1.txt && grep -q "hotspot 'g' refused" j1.err &&
	cmp -s j1.txt j3.txt && cmp -s j1.err j3.err; then
	echo "ok keeper-other-unit-deterministic"; pass=$((pass + 1))
else
	echo "FAIL keeper-other-unit-deterministic"; diff j1.txt j3.txt; diff j1.err j3.err; failn=$((failn + 1))
fi

echo "rewrite refusals: $pass passed, $failn failed"
[ "$failn" = 0 ]
