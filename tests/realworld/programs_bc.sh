#!/bin/bash
# tests/realworld/programs_bc.sh: programs without link information on GNU bc (Debian source),
# built with `bear -- make`: its database holds the compile steps of two programs, bc and dc,
# which share lib/number.c, and lib/number.c calls out_of_memory, rt_error and rt_warn, which
# each program defines (bc/util.c, dc/numeric.c). docs/rewrite.md, "Programs".
#
#   programs_bc.sh TOOL [WORKDIR]
#
# Checked: --program bc/main.c leaves out dc's units (dc's dc_add is defined in none of the
# parsed units, and no refusal names a dc function), --program dc/dc.c leaves out bc's, and
# lib/number.c is part of both; without --program the note names both programs.
# Opt-in like the real-world suite: ARENA_REAL_WORLD=1, else exit 77 (ctest: skipped).
set -u
tool=$1 work=${2:-$(mktemp -d)}
if [ "${ARENA_REAL_WORLD:-0}" != 1 ]; then
	echo "SKIP: set ARENA_REAL_WORLD=1 to fetch bc with apt-get source"
	exit 77
fi
for c in apt-get bear make gcc; do
	command -v $c > /dev/null || { echo "SKIP: $c is not installed"; exit 77; }
done
fail() {
	echo "FAIL: $*"
	exit 1
}
mkdir -p "$work" && cd "$work" || exit 1
rm -rf bc && mkdir bc && cd bc || exit 1
apt-get source -qq bc > fetch.log 2>&1 || { cat fetch.log; fail "apt-get source bc"; }
cd bc-*/ || fail "no source tree"
# The tarball's timestamps would have make run automake again: the generated files are newer.
touch aclocal.m4 configure Makefile.in ./*/Makefile.in config.h.in
./configure -q > configure.log 2>&1 || { cat configure.log; fail "configure"; }
# The docs need makeinfo; every unit is compiled before that step fails.
bear --output compile_commands.json -- make -k > make.log 2>&1
for f in bc/main.c dc/dc.c lib/number.c; do
	grep -q "\"$PWD/$f\"" compile_commands.json || fail "no entry for $f in the database"
done

run() { # run NAME HOTSPOT [ARGS...]: stderr in $work/NAME.err, the exit status in rc
	local name=$1 hot=$2
	shift 2
	echo "[{\"function\": \"$hot\"}]" > "$work/$name.json"
	"$tool" --hotspots "$work/$name.json" "$@" -p . -j1 > "$work/$name.diff" 2> "$work/$name.err"
	rc=$?
}
run bc-dc dc_add --program bc/main.c
[ "$rc" = 2 ] && grep -q "'dc_add' is defined in none of the 10 source file(s) parsed (the program of --program 'bc/main.c')" "$work/bc-dc.err" ||
	{ cat "$work/bc-dc.err"; fail "--program bc/main.c still sees dc's numeric.c"; }
run bc bc_new_num --program bc/main.c
grep -q "1 other program of the sources left out, and 9 units" "$work/bc.err" ||
	{ cat "$work/bc.err"; fail "--program bc/main.c: not dc's six units and lib's three left out"; }
grep -qE "dc_[a-z]+|numeric\.c" "$work/bc.err" && { cat "$work/bc.err"; fail "--program bc/main.c: a message names dc's code"; }
run dc-bc execute --program dc/dc.c
[ "$rc" = 2 ] && grep -q "'execute' is defined in none" "$work/dc-bc.err" ||
	{ cat "$work/dc-bc.err"; fail "--program dc/dc.c still sees bc's execute.c"; }
run dc bc_new_num --program dc/dc.c
grep -q "is defined in none" "$work/dc.err" && { cat "$work/dc.err"; fail "--program dc/dc.c: lib/number.c is not part of dc"; }
run both bc_new_num
grep -q "note: hotspot 'bc_new_num' is part of 2 programs: bc/main.c: main, dc/dc.c: main" "$work/both.err" ||
	{ cat "$work/both.err"; fail "without --program: the note does not name both programs"; }
echo "ok programs on bc"
