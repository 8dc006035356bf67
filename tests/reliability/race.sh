#!/usr/bin/env bash
# Two `-i` runs and a `--recover` started together over one set of FILES files, ROUNDS times
# (issue 24). After each round the set must be entirely old or entirely new, no
# ".arena-rewrite.*" file may remain, and the exit codes must say what was written: the set is
# new exactly when some -i run exited 0, each -i exits 0 or 2, and --recover exits 0.
# usage: race.sh TOOL [ROUNDS [FILES [DELAY_MS]]]
# DELAY_MS slows each write step (ARENA_REWRITE_TEST_STEP_DELAY_MS, jrnl.h), so that the runs
# overlap in the write phase, not only in the parse. With folders=2 in the environment the set
# spans src and src/inc (project.sh); the registry of pending sets must be left empty too.
set -u
tool=$1 rounds=${2:-10} nfiles=${3:-20} delay=${4:-2}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export XDG_STATE_HOME=$work/state # the registry of pending sets: the test's own

. "$here/project.sh"
rewrite() { ARENA_REWRITE_TEST_STEP_DELAY_MS=$delay "$tool" --hotspots hot.json -i src/main.c -- -I src; }

reset
old=$(sums)
rewrite > /dev/null 2> err || { echo "FAIL: the reference run failed"; cat err; exit 1; }
new=$(sums)
[ "$old" != "$new" ] || { echo "FAIL: the reference run changed nothing"; exit 1; }

nold=0 nnew=0 bad=0 waits=0
for r in $(seq "$rounds"); do
	reset
	rewrite > /dev/null 2> err.a &
	a=$!
	sleep "0.0$((RANDOM % 10))"
	rewrite > /dev/null 2> err.b &
	b=$!
	sleep "0.$((RANDOM % 10))"
	"$tool" --recover src > /dev/null 2> err.c &
	c=$!
	wait $a
	ra=$?
	wait $b
	rb=$?
	wait $c
	rc=$?
	now=$(sums)
	left=$(find src "$XDG_STATE_HOME" -name '.arena-rewrite.*' -o -name '*.set' -o -name '*.tmp' 2> /dev/null | wc -l)
	grep -q 'note: waiting' err.a err.b err.c && waits=$((waits + 1))
	why=""
	{ [ "$ra" = 0 ] || [ "$ra" = 2 ]; } && { [ "$rb" = 0 ] || [ "$rb" = 2 ]; } || why="-i exit codes $ra and $rb"
	[ "$rc" = 0 ] || why="--recover exit $rc"
	[ "$left" = 0 ] || why="$left temporary file(s) left"
	if [ -z "$why" ] && [ "$now" = "$new" ]; then
		{ [ "$ra" = 0 ] || [ "$rb" = 0 ]; } || why="all new, but both -i runs exited 2"
		[ -z "$why" ] && nnew=$((nnew + 1))
	elif [ -z "$why" ] && [ "$now" = "$old" ]; then
		[ "$ra" = 2 ] && [ "$rb" = 2 ] || why="all old, but an -i run exited 0"
		[ -z "$why" ] && nold=$((nold + 1))
	elif [ -z "$why" ]; then
		why="a mixed set"
	fi
	if [ -n "$why" ]; then
		echo "FAIL round $r: $why"
		sed 's/^/  a: /' err.a | head -5
		sed 's/^/  b: /' err.b | head -5
		sed 's/^/  recover: /' err.c | head -5
		bad=$((bad + 1))
	fi
done
echo "rounds: $rounds over $nfiles files; all new: $nnew; all old: $nold; a run waited for another: $waits; broken: $bad"
[ "$bad" = 0 ]
