#!/usr/bin/env bash
# One golden + compile-and-run test: input + hotspots -> expected diff, then the rewritten
# program must behave like the original in arena mode and in malloc mode under ASan+UBSan
# with leak detection, and a second run of the tool over its own output must change nothing.
#
# usage: run_case.sh TOOL RUNTIME_DIR CASE_DIR STYLE [--update]
#
# A case folder is described in lib_run.sh (sources, hot.json or hot.txt, args, sources, cdb,
# toolargs, tsan, sources_from, orig_leaks); a golden case may also hold:
#   partial    present: with a nonzero `exit`, the accepted hotspots are still rewritten,
#              so the diff is applied, re-run and built as usual
#   exit       the expected exit status of the tool (default 0); when nonzero the diff must
#              be empty and the program is not rebuilt
#   expect.STYLE.diff   the expected diff (written by --update)
#   expect.STYLE.err    when present, lines that the tool's stderr must contain
# With GOLDEN_DIFF_ONLY=1 in the environment, only the tool's exit status, stderr and diff are
# checked (the build and run steps do not depend on how the tool computed the diff).
set -u
tool=$1 runtime=$2 case=$(cd "$3" && pwd) style=$4 update=${5:-}
name=$(basename "$case")
fail() { echo "FAIL [$name/$style]: $*"; exit 1; }
# shellcheck source=tests/golden/lib_run.sh
. "$(dirname "$0")/lib_run.sh"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
lr_prepare
want_exit=0
[ -f "$case/exit" ] && want_exit=$(cat "$case/exit")
[ -f "$case/exit.$style" ] && want_exit=$(cat "$case/exit.$style")

lr_run_tool > "$work/out.diff" 2> "$work/err.txt"
rc=$?
[ "$rc" = "$want_exit" ] || { cat "$work/err.txt"; fail "tool exited $rc, expected $want_exit"; }
if [ -f "$case/expect.$style.err" ]; then
	while IFS= read -r line; do
		grep -qF -- "$line" "$work/err.txt" || { cat "$work/err.txt"; fail "stderr lacks: $line"; }
	done < "$case/expect.$style.err"
fi
if [ "$update" = "--update" ]; then
	cp "$work/out.diff" "$case/expect.$style.diff"
fi
[ -f "$case/expect.$style.diff" ] || fail "no expect.$style.diff (run with --update)"
diff -u "$case/expect.$style.diff" "$work/out.diff" > "$work/d" || { cat "$work/d"; fail "diff differs from expect.$style.diff"; }
[ -n "${GOLDEN_DIFF_ONLY:-}" ] && { echo "ok [$name/$style] (diff only)"; exit 0; }
# partial: some hotspots are refused (the exit status says so) and the rest is rewritten.
if [ "$want_exit" != 0 ] && [ ! -f "$case/partial" ]; then
	[ -s "$work/out.diff" ] && fail "a refused run printed a diff"
	echo "ok [$name/$style] (refused as expected)"
	exit 0
fi
# Accepted with nothing to write (a scope whose hotspots move no allocation): the expected diff
# is empty too, and the program is the original.
if [ "$want_exit" = 0 ] && [ ! -s "$work/out.diff" ]; then
	echo "ok [$name/$style] (accepted, nothing to write)"
	exit 0
fi

# The diff applies with both patch -p1 and git apply; the tool changes nothing in its own output.
lr_apply "$work/out.diff"
lr_rerun "$want_exit"
# The runtime's three objects, compiled once for every case, and the builds both styles share
# (the original; the rewrite when both write the same code), compiled once: lib_run.sh.
lr_runtime_objs "${GOLDEN_RT_CACHE:-$(dirname "$tool")/golden-rt}"
lr_bin_cache=$(dirname "$lr_rt_dir")/bin
lr_build_run
echo "ok [$name/$style]"
