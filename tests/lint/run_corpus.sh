#!/usr/bin/env bash
# Lint corpus test: runs `arena-rewrite --lint` over the labelled corpus and scores its findings
# against the marks in the sources. A mark is a comment on the line where the finding belongs:
#   /* expect: RULE-ID[, RULE-ID...] */          any severity
#   /* expect warning: RULE-ID */                 must be a warning (an escape on some paths only)
# Lines without a mark expect nothing: every other finding is a false positive. Fails below
# 95% precision or 90% recall, on a wrong exit status, or on an unrecognised output line.
#
# usage: run_corpus.sh TOOL RUNTIME_DIR CORPUS_DIR
set -u
tool=$1 runtime=$2 corpus=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$corpus" || exit 1
fail=0

# Group 1: hand-written runtime users, linted together (a helper in another file counts).
"$tool" --lint hand/*.c -- -I"$runtime" > "$work/hand.txt" 2> "$work/hand.err"
rc=$?
[ "$rc" = 1 ] || { echo "FAIL: hand-written group: exit $rc, want 1"; cat "$work/hand.err"; fail=1; }
# Group 2: plain heap code linted as if the hotspots were rewritten (--hotspots).
"$tool" --lint --hotspots hot/hot.json hot/*.c -- > "$work/hot.txt" 2> "$work/hot.err"
rc=$?
[ "$rc" = 1 ] || { echo "FAIL: hotspot group: exit $rc, want 1"; cat "$work/hot.err"; fail=1; }
# Group 3: hand-written runtime users that hand arena memory to what the analysis must not
# trust (default deny: libc outside the old lists, hidden pointers, calls not followed,
# non-local exits).
groups="hand/*.c hot/*.c deny/*.c"
"$tool" --lint deny/*.c -- -I"$runtime" > "$work/deny.txt" 2> "$work/deny.err"
rc=$?
[ "$rc" = 1 ] || { echo "FAIL: deny group: exit $rc, want 1"; cat "$work/deny.err"; fail=1; }
# -j must not change anything.
"$tool" --lint -j 2 hand/*.c -- -I"$runtime" > "$work/hand.j2.txt" 2> /dev/null
cmp -s "$work/hand.txt" "$work/hand.j2.txt" || { echo "FAIL: output differs with -j 2"; fail=1; }

# Predicted: "FILE:LINE RULE SEVERITY"; every line must be a finding or its note.
cat "$work/hand.txt" "$work/hot.txt" "$work/deny.txt" > "$work/all.txt"
if grep -Ev '^[^:]+:[0-9]+:[0-9]+: ((error|warning): .* \[arena-[a-z-]+\]|note: allocated here)$' \
	"$work/all.txt" > "$work/odd.txt"; then
	echo "FAIL: unexpected output lines:"; cat "$work/odd.txt"; fail=1
fi
grep -v ': note: ' "$work/all.txt" |
	sed -E 's/^([^:]+):([0-9]+):[0-9]+: (error|warning): .*\[(arena-[a-z-]+)\]$/\1:\2 \4 \3/' \
	> "$work/pred.txt"
# Notes must follow their finding.
awk '/: note: /{ if (!prev) bad=1 } { prev = ($0 !~ /: note: /) } END { exit bad }' "$work/all.txt" ||
	{ echo "FAIL: a note without its finding"; fail=1; }

# Expected: "FILE:LINE RULE any|warning".
# shellcheck disable=SC2086
for f in $groups; do
	grep -n 'expect\( warning\)\?: ' "$f" | while IFS= read -r l; do
		line=${l%%:*}
		rest=${l#*expect}
		sev=any
		case $rest in " warning:"*) sev=warning ;; esac
		rules=${rest#*: }
		rules=${rules%%\*/*}
		for r in $(echo "$rules" | tr ',' ' '); do
			echo "$f:$line $r $sev"
		done
	done
done > "$work/exp.txt"

# shellcheck disable=SC2086
nfunc=$(cat $groups | grep -c '^{$')
# shellcheck disable=SC2086
nfiles=$(ls $groups | wc -l)
awk -v nfunc="$nfunc" -v nfiles="$nfiles" '
	FNR == NR { key = $1 " " $2; want[key] = $3; next }
	{ key = $1 " " $2; pred[key] = $3 }
	END {
		for (k in pred) {
			if ((k in want) && (want[k] == "any" || want[k] == pred[k])) tp++
			else { fp++; printf "  false positive: %s (%s)%s\n", k, pred[k], (k in want) ? " wanted " want[k] : "" }
		}
		for (k in want)
			if (!(k in pred) || (want[k] != "any" && want[k] != pred[k])) { fn++; printf "  missed: %s (%s)\n", k, want[k] }
		p = tp + fp ? tp / (tp + fp) : 1
		r = tp + fn ? tp / (tp + fn) : 1
		printf "lint corpus: %d functions in %d files, %d expected findings\n", nfunc, nfiles, tp + fn
		printf "true positives %d, false positives %d, missed %d\n", tp, fp, fn
		printf "precision %.1f%%, recall %.1f%%\n", 100 * p, 100 * r
		if (nfunc < 80) { print "FAIL: the corpus needs at least 80 functions"; exit 1 }
		if (p < 0.95 || r < 0.90) { print "FAIL: below 95% precision or 90% recall"; exit 1 }
	}' "$work/exp.txt" "$work/pred.txt" || fail=1

# Bad input: a hotspot defined nowhere is exit 2 with the hotspot file named.
echo '{"hotspots": [{"function": "no_such_function"}]}' > "$work/bad.json"
"$tool" --lint --hotspots "$work/bad.json" hot/parse.c -- > /dev/null 2> "$work/bad.err"
rc=$?
if [ "$rc" != 2 ] || ! grep -q "no_such_function" "$work/bad.err"; then
	echo "FAIL: unknown hotspot: exit $rc, want 2"; cat "$work/bad.err"; fail=1
fi
# A source that does not parse is exit 2, nothing on stdout.
printf 'int f(void) { return }\n' > "$work/broken.c"
"$tool" --lint "$work/broken.c" -- > "$work/broken.out" 2> /dev/null
rc=$?
if [ "$rc" != 2 ] || [ -s "$work/broken.out" ]; then echo "FAIL: broken source: exit $rc, want 2"; fail=1; fi
# Clean code: exit 0 and no output.
"$tool" --lint hot/server.c -- > "$work/clean.out" 2>&1
rc=$?
if [ "$rc" != 0 ] || [ -s "$work/clean.out" ]; then echo "FAIL: clean file: exit $rc, want 0"; cat "$work/clean.out"; fail=1; fi
# One file alone: a function whose address only a file-scope initializer takes (keep_it in
# `{keep_it, NULL}`) is still converted, so a call through a pointer reaches its body, not
# "whose effect on it is unknown".
"$tool" --lint deny/calls.c -- -I"$runtime" > "$work/one.txt" 2>&1
if grep -q "'keep_it' (argument 2), whose effect on it is unknown" "$work/one.txt" ||
	! grep -q "'keep_it' (argument 2), whose body keeps it" "$work/one.txt"; then
	echo "FAIL: one file: keep_it's body not read"; grep keep_it "$work/one.txt"; fail=1
fi

[ "$fail" = 0 ] && echo "PASS"
exit "$fail"
