#!/usr/bin/env bash
# The harness the reliability scripts share (sourced): every case runs in a fresh folder and
# checks the exit status, the message, and what is on disk afterwards (nothing written where the
# run must refuse; never a special file replaced; no ".arena-rewrite.*" file left behind).
# A script sets tool, rtdir, cc and only (the cases named on its command line), then calls
# run_case NAME for each case_NAME it defines, then finish.
pass=0 failn=0
top=$(mktemp -d)
trap 'rm -rf "$top"' EXIT
# The user's registry of pending sets (docs/rewrite.md, "Recovery"): the test's own.
export XDG_STATE_HOME=$top/state

ok() { echo "ok $1"; pass=$((pass + 1)); }
fail() {
	echo "FAIL $1: $2"
	[ -s err ] && sed 's/^/  stderr: /' err | head -20
	failn=$((failn + 1))
}
no_temps() { [ -z "$(find "${1:-.}" -name '.arena-rewrite.*' -print -quit)" ]; }

good_c() {
	cat > "${1:-good.c}" <<'C'
#include <stdlib.h>
int f(int n)
{
	int *p = malloc(sizeof(int) * (size_t)n);
	free(p);
	return n;
}
C
}

# two_files: a.c (hotspot f) and b.c (hotspot g), two.json naming both, a.orig and b.orig.
two_files() {
	good_c a.c
	good_c b.c
	sed -i 's/\bf\b/g/' b.c
	echo '{"hotspots": [{"function": "f"}, {"function": "g"}]}' > two.json
	cp a.c a.orig
	cp b.c b.orig
}

# case NAME: runs case_NAME in its own folder unless the command line names other cases.
run_case() {
	local name=$1
	if [ -n "$only" ] && ! [[ " $only " == *" $name "* ]]; then return; fi
	mkdir "$top/$name"
	(cd "$top/$name" && good_c && echo '{"hotspots": [{"function": "f"}]}' > hot.json &&
		"case_${name//-/_}")
	local r=$?
	[ "$r" = 0 ] && ok "$name" || failn=$((failn + 1))
}

# expect2 NAME PATTERN ARGS...: exit 2, the message on stderr, nothing on stdout, good.c unchanged
expect2() {
	local name=$1 pattern=$2
	shift 2
	cp good.c orig.c
	timeout 60 "$tool" "$@" > out 2> err
	local rc=$?
	[ "$rc" = 2 ] || { fail "$name" "exit $rc"; return 1; }
	grep -qE -- "$pattern" err || { fail "$name" "stderr does not match /$pattern/"; return 1; }
	[ -s out ] && { fail "$name" "printed on stdout"; return 1; }
	cmp -s good.c orig.c || { fail "$name" "good.c changed"; return 1; }
	return 0
}

# limit_mem: caps the address space at 4 GB (a run that reads without end fails fast), except
# under ASan, whose shadow memory needs more (san_suite.sh sets ARENA_TEST_SANITIZED).
limit_mem() { [ -n "${ARENA_TEST_SANITIZED:-}" ] || ulimit -v 4000000; }

# wait_for FILE: up to 60 s for a test hook's pause file.
wait_for() {
	for _ in $(seq 600); do [ -e "$1" ] && return 0; sleep 0.1; done
	return 1
}

finish() {
	echo "$(basename "$0" .sh): $pass passed, $failn failed"
	[ "$failn" = 0 ]
}
