#!/usr/bin/env bash
# kill -9 at random points of an -i run over FILES files, then `--recover`: every run must
# leave the set entirely old or entirely new, and no ".arena-rewrite.*" file.
# usage: kill.sh TOOL [KILLS [FILES [DELAY_MS [FOLDERS]]]]
# DELAY_MS slows each write step (the test hook ARENA_REWRITE_TEST_STEP_DELAY_MS, jrnl.h) so
# that kills land in the write phase, not only in the parse. FOLDERS 2 puts every other header
# in a second folder, src/inc: each set then spans two folders, and `--recover` is pointed at
# one of them that holds a journal copy (either, at random, when both do), and must finish the
# set and leave no temporary file in either. RECOVER_IN "second" points it at src/inc, the
# set's second folder, always, whether or not it holds anything of the set: the user's
# registry of pending sets must lead it to the rest (issue 24); that registry must be empty
# afterwards too.
set -u
tool=$1 kills=${2:-30} nfiles=${3:-50} delay=${4:-4} folders=${5:-1} recover_in=${6:-any}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export XDG_STATE_HOME=$work/state

. "$here/project.sh"
# The folder --recover is pointed at: one holding a journal copy, else src.
pick() {
	[ "$recover_in" = second ] && { echo src/inc; return; }
	local with
	with=$(find src -name '.arena-rewrite.*.journal' -printf '%h\n' | sort -u | shuf -n 1)
	echo "${with:-src}"
}
reset
old=$(sums)
start=$(date +%s%N)
ARENA_REWRITE_TEST_STEP_DELAY_MS=$delay "$tool" --hotspots hot.json -i src/main.c -- -I src \
	> /dev/null 2> err || { echo "FAIL: the reference run failed"; cat err; exit 1; }
span=$((($(date +%s%N) - start) / 1000000))
new=$(sums)
[ "$old" != "$new" ] || { echo "FAIL: the reference run changed nothing"; exit 1; }
echo "reference run: ${span} ms for $nfiles files"

nold=0 nnew=0 bad=0
for k in $(seq "$kills"); do
	reset
	ARENA_REWRITE_TEST_STEP_DELAY_MS=$delay "$tool" --hotspots hot.json -i src/main.c -- -I src \
		> /dev/null 2>&1 &
	pid=$!
	# Odd runs: anywhere in the run; even runs: in its write phase (about 3 delayed steps a
	# file at its end), where a torn set could happen.
	write=$((3 * nfiles * delay))
	[ "$write" -gt "$span" ] && write=$span
	if [ $((k % 2)) = 1 ]; then
		at=$((RANDOM % (span + 1)))
	else
		at=$((span - write + RANDOM % (write + 1)))
	fi
	sleep "$(printf '%d.%03d' $((at / 1000)) $((at % 1000)))"
	kill -9 $pid 2> /dev/null
	wait $pid 2> /dev/null
	dir=$(pick)
	if ! "$tool" --recover "$dir" > /dev/null 2> err; then
		echo "FAIL kill $k (at ${at} ms): --recover failed"; cat err; bad=$((bad + 1)); continue
	fi
	now=$(sums)
	left=$(find src "$XDG_STATE_HOME" -name '.arena-rewrite.*' -o -name '*.set' -o -name '*.tmp' 2> /dev/null | wc -l)
	if [ "$left" != 0 ]; then
		echo "FAIL kill $k (at ${at} ms): $left temporary file(s) left"; bad=$((bad + 1))
	elif [ "$now" = "$old" ]; then
		nold=$((nold + 1))
	elif [ "$now" = "$new" ]; then
		nnew=$((nnew + 1))
	else
		echo "FAIL kill $k (at ${at} ms): a mixed set"; bad=$((bad + 1))
	fi
done
echo "kills: $kills; all old: $nold; all new: $nnew; broken: $bad"
[ "$bad" = 0 ]
