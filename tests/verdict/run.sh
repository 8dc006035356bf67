#!/usr/bin/env bash
# usage: run.sh TOOL HERE. shared.h's measure() lets its copy escape only where b.c defines
# KEEP_IT: every order of the sources must refuse it (exit 1) and write nothing.
set -u
tool=$1 here=$2
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
cp "$here"/shared.h "$here"/a.c "$here"/b.c "$here"/hot.json "$w/"
cd "$w" || exit 1
printf '[{"directory": "%s", "file": "a.c", "arguments": ["cc", "-c", "a.c"]},\n {"directory": "%s", "file": "b.c", "arguments": ["cc", "-c", "b.c"]}]\n' "$w" "$w" > compile_commands.json
fail=0
for order in "a.c b.c" "b.c a.c"; do
	for j in 1 2; do
		# shellcheck disable=SC2086
		"$tool" --hotspots hot.json -p . -j $j $order > out.diff 2> err.txt
		rc=$?
		[ $rc = 1 ] || { echo "FAIL [$order, -j $j]: exit $rc, want 1"; fail=1; }
		[ -s out.diff ] && { echo "FAIL [$order, -j $j]: a diff for a refused hotspot"; fail=1; }
		grep -q "arena-escape-global" err.txt || { echo "FAIL [$order, -j $j]: no reason: $(cat err.txt)"; fail=1; }
	done
done
[ $fail = 0 ] && echo "verdict: refused in every order"
exit $fail
