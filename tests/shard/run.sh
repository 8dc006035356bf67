#!/usr/bin/env bash
# A run split in three shards against the one run, over tests/shard/proj: six units with an
# escape only another unit's summary shows (user.c -> keep.c), a header finding every unit
# sees (include/app.h), a scope and its hotspots in two units (handler.c, kv.c), and a scope
# refused in one unit whose hotspot lies in another (runner.c, name.c). Sorted, the units go
# to shards 1 2 3 1 2 3: handler keep kv name runner user.
#
# usage: run.sh TOOL SARIF_RESULTS RUNTIME_DIR PROJ_DIR union|stale
#   union: with exported summaries and without, the shards' lint findings (text and SARIF,
#          merged) and their rewrite (the diffs applied one after the other, and -i on three
#          copies put together) equal the one run's, and so do their notes and exit status.
#   stale: summaries that do not fit the sources or the command are refused (exit 2, nothing
#          on stdout, no file written).
set -u
tool=$1 results=$2 runtime=$(cd "$3" && pwd) proj=$(cd "$4" && pwd) what=$5
fail() {
	echo "FAIL [shard.$what]: $*"
	exit 1
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# mkproj DIR: a copy of the project with a compile_commands.json of its own (absolute paths).
mkproj() {
	mkdir -p "$1"
	cp -r "$proj"/. "$1"/
	local dir sep="" f
	dir=$(cd "$1" && pwd)
	{
		echo "["
		for f in "$dir"/*.c; do
			printf '%s{"directory": "%s", "file": "%s", "arguments": ["cc", "-Iinclude", "-I%s", "-c", "%s"]}\n' \
				"$sep" "$dir" "$f" "$runtime" "$f"
			sep=","
		done
		echo "]"
	} >"$1/compile_commands.json"
}

# run DIR OUT ERR ARGS...: the tool in DIR; its status is echoed.
run() {
	local dir=$1 out=$2 err=$3
	shift 3
	(cd "$dir" && "$tool" -p . -j2 "$@" >"$out" 2>"$err")
	echo $?
}

max() { printf '%s\n' "$@" | sort -n | tail -1; }

# ---- the lint ----------------------------------------------------------------------------------

# lint_case NAME EXTRA...: one run against three shards, with and without summaries.
lint_case() {
	local name=$1
	shift
	local d=$work/lint.$name
	mkproj "$d"
	local one_rc one_sarif_rc
	one_rc=$(run "$d" "$work/$name.one.txt" /dev/null --lint "$@")
	one_sarif_rc=$(run "$d" "$work/$name.one.sarif" /dev/null --lint --format=sarif "$@")
	[ "$one_rc" = 1 ] || fail "$name: the one run should find errors (status $one_rc)"
	grep -q 'include/app.h:.*arena-escape-global' "$work/$name.one.txt" ||
		fail "$name: the one run misses the header's finding"
	grep -q 'user.c:.*arena-escape-call' "$work/$name.one.txt" ||
		fail "$name: the one run misses the cross-unit escape"
	local rc
	rc=$(run "$d" /dev/null "$work/$name.export.err" --lint --export-summaries "$work/$name.summ.json" "$@")
	[ "$rc" = 0 ] || fail "$name: export failed ($rc): $(cat "$work/$name.export.err")"
	local mode k rcs sarif_rcs
	for mode in summaries parse-all; do
		local summ=()
		[ $mode = summaries ] && summ=(--summaries "$work/$name.summ.json")
		rcs=() sarif_rcs=()
		for k in 1 2 3; do
			rcs+=("$(run "$d" "$work/$name.$mode.$k.txt" /dev/null --lint --shard $k/3 "${summ[@]}" "$@")")
			sarif_rcs+=("$(run "$d" "$work/$name.$mode.$k.sarif" /dev/null --lint --format=sarif --shard $k/3 "${summ[@]}" "$@")")
		done
		[ "$(max "${rcs[@]}")" = "$one_rc" ] || fail "$name/$mode: shard statuses ${rcs[*]}, one run $one_rc"
		[ "$(max "${sarif_rcs[@]}")" = "$one_sarif_rc" ] || fail "$name/$mode: SARIF statuses differ"
		# Merged without removing duplicates: a finding reported by two shards is a failure.
		diff <(sort "$work/$name.one.txt") <(cat "$work/$name.$mode".[123].txt | sort) ||
			fail "$name/$mode: the shards' text findings differ from the one run's"
		diff <("$results" "$work/$name.one.sarif" | sort) \
			<("$results" "$work/$name.$mode".[123].sarif | sort) ||
			fail "$name/$mode: the shards' SARIF results differ from the one run's"
	done
	# Each shard said something of its own: the split is not one shard doing everything.
	for k in 1 3; do
		[ -s "$work/$name.summaries.$k.txt" ] || fail "$name: shard $k found nothing"
	done
}

# ---- the rewrite -------------------------------------------------------------------------------

# Files of DIR that differ from the pristine project (compile_commands.json aside).
changed() {
	diff -rq -x compile_commands.json "$proj" "$1" | sed -n 's/^Files .* and \(.*\) differ$/\1/p'
}

rewrite_diff_mode() {
	local d=$work/rw.diff
	mkproj "$d"
	local one_rc
	one_rc=$(run "$d" "$work/rw.one.diff" "$work/rw.one.err" --hotspots hot.json)
	[ "$one_rc" = 1 ] || fail "rewrite: the one run should refuse run_job (status $one_rc)"
	grep -q "scope 'run_job' refused" "$work/rw.one.err" || fail "rewrite: run_job not refused"
	grep -q '^+++ b/name.c' "$work/rw.one.diff" && fail "rewrite: name.c edited with its scope refused"
	grep -q '^+++ b/kv.c' "$work/rw.one.diff" || fail "rewrite: kv.c not rewritten"
	local rc
	rc=$(run "$d" /dev/null "$work/rw.export.err" --hotspots hot.json --export-summaries "$work/rw.summ.json")
	[ "$rc" = 0 ] || fail "rewrite: export failed ($rc): $(cat "$work/rw.export.err")"
	mkproj "$work/rw.applied.one"
	(cd "$work/rw.applied.one" && patch -s -p1 <"$work/rw.one.diff") || fail "rewrite: one run's diff"
	local mode k rcs
	for mode in summaries parse-all; do
		local summ=()
		[ $mode = summaries ] && summ=(--summaries "$work/rw.summ.json")
		rcs=()
		mkproj "$work/rw.applied.$mode"
		for k in 1 2 3; do
			rcs+=("$(run "$d" "$work/rw.$mode.$k.diff" "$work/rw.$mode.$k.err" --hotspots hot.json --shard $k/3 "${summ[@]}")")
			# patch refuses a hunk applied twice: two shards editing one file fail here.
			(cd "$work/rw.applied.$mode" && patch -s -p1 --forward <"$work/rw.$mode.$k.diff") ||
				fail "rewrite/$mode: shard $k's diff does not apply after the others"
		done
		[ "$(max "${rcs[@]}")" = "$one_rc" ] || fail "rewrite/$mode: statuses ${rcs[*]}, one run $one_rc"
		diff -r -x compile_commands.json "$work/rw.applied.one" "$work/rw.applied.$mode" ||
			fail "rewrite/$mode: the shards' diffs together differ from the one run's"
		diff <(sort "$work/rw.one.err") <(cat "$work/rw.$mode".[123].err | sort) ||
			fail "rewrite/$mode: the shards' notes and refusals differ from the one run's"
	done
	# -i on three copies: each file changed by one shard at most, together the one run's.
	mkproj "$work/rw.i.one"
	rc=$(run "$work/rw.i.one" /dev/null /dev/null --hotspots hot.json -i)
	[ "$rc" = "$one_rc" ] || fail "rewrite -i: status $rc"
	mkproj "$work/rw.i.merged"
	for k in 1 2 3; do
		mkproj "$work/rw.i.$k"
		rc=$(run "$work/rw.i.$k" /dev/null "$work/rw.i.$k.err" --hotspots hot.json -i --shard $k/3 --summaries "$work/rw.summ.json")
		[ "$rc" = 0 ] || [ "$rc" = 1 ] || fail "rewrite -i shard $k: status $rc: $(cat "$work/rw.i.$k.err")"
		local f rel
		for f in $(changed "$work/rw.i.$k"); do
			rel=${f#"$work/rw.i.$k/"}
			cmp -s "$proj/$rel" "$work/rw.i.merged/$rel" || fail "rewrite -i: $rel written by two shards"
			cp "$f" "$work/rw.i.merged/$rel"
		done
	done
	diff -r -x compile_commands.json "$work/rw.i.one" "$work/rw.i.merged" ||
		fail "rewrite -i: the three copies together differ from the one run"
}

# ---- stale summaries ----------------------------------------------------------------------------

# refused DIR SUMMARIES MESSAGE ARGS...: exit 2, the message, nothing on stdout, no file written.
refused() {
	local dir=$1 summ=$2 msg=$3
	shift 3
	local before rc
	before=$(cd "$dir" && cat ./*.c include/*.h | cksum)
	rc=$(run "$dir" "$work/stale.out" "$work/stale.err" --shard 2/3 --summaries "$summ" "$@")
	[ "$rc" = 2 ] || fail "'$msg': status $rc, expected 2"
	grep -qF -- "$msg" "$work/stale.err" || fail "'$msg' not said: $(cat "$work/stale.err")"
	[ -s "$work/stale.out" ] && fail "'$msg': something on stdout"
	[ "$before" = "$(cd "$dir" && cat ./*.c include/*.h | cksum)" ] || fail "'$msg': a file was written"
	return 0
}

stale() {
	local d=$work/stale rc
	mkproj "$d"
	rc=$(run "$d" /dev/null /dev/null --hotspots hot.json --export-summaries "$work/rw.json")
	[ "$rc" = 0 ] || fail "export: status $rc"
	rc=$(run "$d" /dev/null /dev/null --lint --export-summaries "$work/lint.json")
	[ "$rc" = 0 ] || fail "export: status $rc"
	# Fresh summaries are taken (the baseline of every refusal below).
	rc=$(run "$d" /dev/null /dev/null --hotspots hot.json --shard 2/3 --summaries "$work/rw.json")
	[ "$rc" = 1 ] || fail "fresh summaries: status $rc"
	refused "$d" "$work/lint.json" "the hotspot list differs" --hotspots hot.json
	refused "$d" "$work/rw.json" "the hotspot list differs" --lint
	refused "$d" "$work/rw.json" "--exit-style or --force differs" --hotspots hot.json --force
	sed 's/"version":2/"version":99/' "$work/lint.json" >"$work/v99.json"
	refused "$d" "$work/v99.json" "format version 99, this tool reads version 2" --lint
	head -c 200 "$work/lint.json" >"$work/cut.json"
	refused "$d" "$work/cut.json" "error:" --lint
	echo '{"format": "arena-rewrite-summaries", "version": 2}' >"$work/bare.json"
	refused "$d" "$work/bare.json" "summaries do not match this run" --lint
	# A unit's source, a header, a unit's arguments, the set of units.
	echo "/* edited */" >>"$d/keep.c"
	refused "$d" "$work/rw.json" "keep.c changed since they were exported" --hotspots hot.json -i
	refused "$d" "$work/lint.json" "keep.c changed since they were exported" --lint
	cp "$proj/keep.c" "$d/keep.c"
	echo "/* edited */" >>"$d/include/app.h"
	refused "$d" "$work/lint.json" "include/app.h changed since they were exported" --lint
	cp "$proj/include/app.h" "$d/include/app.h"
	sed -i 's/"-Iinclude"/"-Iinclude", "-DX=1"/' "$d/compile_commands.json"
	refused "$d" "$work/lint.json" "the compiler arguments of handler.c changed" --lint
	mkproj "$d"
	mkproj "$work/stale2"
	sed 's/use_keep/use_keep2/' "$proj/user.c" >"$work/stale2/zzz.c"
	mkproj "$work/stale2" # the database now names zzz.c too
	refused "$work/stale2" "$work/lint.json" "they cover 6 unit(s), this run has 7" --lint
	rc=$(run "$d" /dev/null /dev/null --lint --shard 2/3 --summaries "$work/lint.json")
	[ "$rc" = 0 ] || [ "$rc" = 1 ] || fail "restored sources: status $rc"
}

case $what in
union)
	lint_case plain
	lint_case hot --hotspots hot.json
	rewrite_diff_mode
	;;
stale) stale ;;
*) fail "unknown test $what" ;;
esac
echo "ok: shard.$what"
