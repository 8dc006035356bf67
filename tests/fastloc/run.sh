#!/usr/bin/env bash
# The fast-location switch: with ARENA_REWRITE_NO_FASTLOC=1 the conversion uses only documented
# libclang calls (rewrite/front/cx_fast.h). Every golden case must still give its expected diff, exit
# status and messages byte for byte, and the lint's output over the labelled corpus (findings,
# notes, SARIF) must be identical with the switch on and off.
#
# usage: run.sh TOOL RUNTIME_DIR GOLDEN_DIR LINT_CORPUS
set -u
tool=$1 runtime=$2 golden=$3 corpus=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0 n=0

for case in "$golden"/cases/*/; do
	for style in cleanup explicit; do
		n=$((n + 1))
		ARENA_REWRITE_NO_FASTLOC=1 GOLDEN_DIFF_ONLY=1 \
			bash "$golden/run_case.sh" "$tool" "$runtime" "$case" "$style" > "$work/case.log" 2>&1 ||
			{ cat "$work/case.log"; fail=1; }
	done
done
echo "golden: $n case runs with the fast path off"

# lint NAME ARGS...: stdout, stderr and exit status with the switch on, then off, must agree.
lint() {
	local name=$1
	shift
	(cd "$corpus" && "$tool" "$@" > "$work/$name.on" 2>&1; echo "exit $?" >> "$work/$name.on")
	(cd "$corpus" && ARENA_REWRITE_NO_FASTLOC=1 "$tool" "$@" > "$work/$name.off" 2>&1
		echo "exit $?" >> "$work/$name.off")
	if ! cmp -s "$work/$name.on" "$work/$name.off"; then
		echo "FAIL: lint $name differs with the fast path off:"
		diff "$work/$name.on" "$work/$name.off" | head -20
		fail=1
	fi
	[ -s "$work/$name.on" ] || { echo "FAIL: lint $name printed nothing"; fail=1; }
}
lint hand --lint hand/*.c -- -I"$runtime"
lint hot --lint --hotspots hot/hot.json hot/*.c --
lint sarif --lint --format=sarif hand/*.c -- -I"$runtime"

[ "$fail" = 0 ] && echo "PASS"
exit "$fail"
