#!/bin/bash
# tests/realworld/tutorial.sh: docs/tutorial.md's commands, run as they are written there (issue
# 22, item 8): cJSON from Debian source, profiled with DHAT from a plain -O2 build, the checked
# list fed to --hotspots unedited, the rewritten driver run under ASan+UBSan against the
# original's output, then both timed (figures printed, never asserted).
#
#   tutorial.sh TOOL RUNTIME [WORKDIR]
#
# Opt-in like the real-world suite: ARENA_REAL_WORLD=1, else exit 77 (ctest: skipped).
set -u
tool=$1 rt=$2 work=${3:-$(mktemp -d)}
here=$(cd "$(dirname "$0")" && pwd)
if [ "${ARENA_REAL_WORLD:-0}" != 1 ]; then
	echo "SKIP: set ARENA_REAL_WORLD=1 to fetch cJSON with apt-get source"
	exit 77
fi
for c in valgrind gcc apt-get; do
	command -v $c >/dev/null || { echo "SKIP: $c is not installed"; exit 77; }
done
fail() {
	echo "FAIL: $*"
	exit 1
}
step() {
	echo
	echo "\$ $*"
}
mkdir -p "$work" && cd "$work" || exit 1
rm -rf cjson && mkdir cjson && cd cjson || exit 1
apt-get source -qq cjson >fetch.log 2>&1 || { cat fetch.log; fail "apt-get source cjson"; }
cd cjson-*/ || fail "no source tree"
mkdir -p arena_driver
cp "$here/cjson/driver.c" "$here/driver_common.h" arena_driver/ || exit 1
cp "$here/cjson/rules.json" cjson_rules.json || exit 1
inputs=$(ls tests/inputs/test* | grep -v '\.expected$')

# 1. A normal -O2 build with debug information, and a profile of a representative run.
step gcc -O2 -g -I. cJSON.c arena_driver/driver.c -o driver -lm
gcc -O2 -g -I. cJSON.c arena_driver/driver.c -o driver -lm || fail "build"
step valgrind --tool=dhat --dhat-out-file=cjson.dhat ./driver -n 50 tests/inputs/test...
# shellcheck disable=SC2086
valgrind --tool=dhat --dhat-out-file=cjson.dhat ./driver -n 50 $inputs >want.txt 2>dhat.log ||
	{ cat dhat.log; fail "dhat"; }

# 2. The checked list: the sources given, the hook table's rules too.
step arena-rewrite --profile cjson.dhat --rules cjson_rules.json cJSON.c arena_driver/driver.c -- -I.
"$tool" --profile cjson.dhat --rules cjson_rules.json cJSON.c arena_driver/driver.c -- -I. \
	>hotspots.json 2>profile.err || { cat profile.err; fail "--profile exited $?"; }
cat profile.err
jq -c '.hotspots[] | {function, scope, chain, expected, memory: .memory.ratio}' hotspots.json 2>/dev/null ||
	cat hotspots.json
jq -c '.refused[] | {function, why}' hotspots.json 2>/dev/null
grep -q '"function"' hotspots.json || fail "an empty list"

# 3. The list as is: the rewrite accepts every entry (exit 0).
step arena-rewrite --hotspots hotspots.json --rules cjson_rules.json -i cJSON.c arena_driver/driver.c -- -I.
"$tool" --hotspots hotspots.json --rules cjson_rules.json -i cJSON.c arena_driver/driver.c -- -I. \
	2>rewrite.err || { cat rewrite.err; fail "--hotspots exited $?"; }
cat rewrite.err

# 4. Safe: the same output under ASan+UBSan, arena mode and malloc mode.
for mode in arena malloc; do
	flag=
	[ $mode = malloc ] && flag=-DARENA_USE_MALLOC
	step gcc -g -O1 -fsanitize=address,undefined $flag -I. -I RUNTIME ... -o driver_san$mode
	# shellcheck disable=SC2086
	gcc -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all $flag \
		-I. -I"$rt" cJSON.c arena_driver/driver.c "$rt/arena_rt.c" -o "driver_san$mode" -lm \
		-lpthread || fail "sanitizer build"
	# shellcheck disable=SC2086
	"./driver_san$mode" -n 50 $inputs >"got$mode.txt" 2>"san$mode.err" ||
		{ head -20 "san$mode.err"; fail "ASan run, $mode mode"; }
	cmp -s want.txt "got$mode.txt" || fail "the rewritten driver prints otherwise ($mode mode)"
	echo "same output as the original"
done

# 5. Faster: both timed (figures only; docs/tutorial.md quotes them).
step gcc -O2 -I. -I RUNTIME cJSON.c arena_driver/driver.c RUNTIME/arena_rt.c -o driver_arena
gcc -O2 -g -I. -I"$rt" cJSON.c arena_driver/driver.c "$rt/arena_rt.c" -o driver_arena -lm \
	-lpthread || fail "arena build"
# Five interleaved pairs of runs, CPU seconds (user + system) each, and the medians' ratio.
cpu() { # cpu PROGRAM ARGS...: prints the run's CPU seconds
	local TIMEFORMAT='%U %S' t
	t=$({ time "$@" >/dev/null 2>&1; } 2>&1) || return 1
	awk '{ printf "%.3f\n", $1 + $2 }' <<<"$t"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for _ in 1 2 3 4 5; do
	# shellcheck disable=SC2086
	cpu ./driver -n 3000 $inputs >>cpu_original.txt && cpu ./driver_arena -n 3000 $inputs >>cpu_arena.txt
done
a=$(median <cpu_arena.txt) b=$(median <cpu_original.txt)
echo "rewritten $a s, original $b s (medians of 5): $(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", a / b }')x"

echo
echo "tutorial: all steps passed (work folder: $PWD)"
