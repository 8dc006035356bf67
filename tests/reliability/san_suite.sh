#!/usr/bin/env bash
# The suite's tool invocations once under ASan and UBSan (issue 24): every golden case's
# rewrite, in one exit style or the other (GOLDEN_DIFF_ONLY: the tool's exit status, stderr and
# diff; the build and run steps do not depend on how the tool was built), the bad-input, shard,
# verdict and lint-corpus suites, and issue 24's reliability suites (journal, outputs, inputs:
# the write path), each run with arena-rewrite-san as the tool. A sanitizer report stops the
# tool with exit 98 (UBSan) or 99 (ASan, leaks included), which every suite sees as a wrong
# exit status.
# usage: san_suite.sh SAN_TOOL SOURCE_DIR SHARD_SARIF_RESULTS
set -u
tool=$1 src=$2 sarif=$3
export ASAN_OPTIONS=exitcode=99:detect_leaks=1
export UBSAN_OPTIONS=exitcode=98:halt_on_error=1:print_stacktrace=1
export GOLDEN_DIFF_ONLY=1 ARENA_TEST_SANITIZED=1
t=$src/tests
bad=0 n=0
run() { # NAME COMMAND...
	local name=$1 log
	shift
	n=$((n + 1))
	log=$("$@" 2>&1) && return 0
	echo "FAIL $name"
	echo "$log" | grep -E 'FAIL|runtime error|ERROR: |SUMMARY' | head -10 | sed 's/^/  /'
	bad=$((bad + 1))
}
# Every case once, the two exit styles in turn (a bounded share: the styles differ only in
# where the releases go, plan_exit.c, which every other case covers).
i=0
for c in "$t"/golden/cases/*/; do
	style=cleanup
	[ $((i++ % 2)) = 1 ] && style=explicit
	run "golden $(basename "$c") $style" bash "$t/golden/run_case.sh" "$tool" "$src/runtime" "$c" $style
done
run errors bash "$t/errors/run.sh" "$tool" "$src/runtime"
run shard.union bash "$t/shard/run.sh" "$tool" "$sarif" "$src/runtime" "$t/shard/proj" union
run shard.stale bash "$t/shard/run.sh" "$tool" "$sarif" "$src/runtime" "$t/shard/proj" stale
run verdict bash "$t/verdict/run.sh" "$tool" "$t/verdict"
run lint.corpus bash "$t/lint/run_corpus.sh" "$tool" "$src/runtime" "$t/lint/corpus"
run reliability.journal bash "$t/reliability/journal.sh" "$tool"
run reliability.outputs bash "$t/reliability/outputs.sh" "$tool"
run reliability.inputs bash "$t/reliability/inputs.sh" "$tool"
echo "san_suite: $n suites or cases under ASan+UBSan, $bad failed"
[ "$bad" = 0 ]
