#!/usr/bin/env bash
# The progress line: nothing on stderr when it is not a terminal (a pipe, a CI log) unless
# --progress is given, then one "[K/N] FILE" line per unit; --no-progress wins when last.
# usage: progress.sh TOOL
set -u
tool=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
fail() { echo "FAIL: $*"; cat err.txt; exit 1; }
for f in a b; do
	printf '#include <stdlib.h>\nint %s_work(void)\n{\n\tchar *p = malloc(4);\n\tif (!p)\n\t\treturn 1;\n\tp[0] = 0;\n\tfree(p);\n\treturn 0;\n}\n' "$f" > "$f.c"
done
printf 'a_work\nb_work\n' > hot.txt

"$tool" --hotspots hot.txt a.c b.c -- > out.diff 2> err.txt || fail "rewrite exited $?"
grep -q '^\[' err.txt && fail "progress printed to a pipe without --progress"
"$tool" --lint --hotspots hot.txt a.c b.c -- 2>&1 > /dev/null | cat > err.txt
grep -q '\[1/2\]' err.txt && fail "lint printed progress to a pipe without --progress"

"$tool" --progress -j1 --hotspots hot.txt a.c b.c -- > out2.diff 2> err.txt || fail "rewrite --progress exited $?"
grep -qx '\[1/2\] a.c' err.txt || fail "no [1/2] a.c line with --progress"
grep -qx '\[2/2\] b.c' err.txt || fail "no [2/2] b.c line with --progress"
cmp -s out.diff out2.diff || fail "--progress changed the diff"
"$tool" --progress --lint --hotspots hot.txt a.c b.c -- > /dev/null 2> err.txt
grep -q '^\[2/2\] ' err.txt || fail "no progress lines from --lint --progress"
"$tool" --progress --no-progress --hotspots hot.txt a.c b.c -- > /dev/null 2> err.txt
grep -q '^\[' err.txt && fail "--no-progress after --progress still printed progress"
"$tool" --help | grep -q -- '--progress' || fail "--help does not list --progress"
echo "ok"
