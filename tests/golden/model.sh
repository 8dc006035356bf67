#!/usr/bin/env bash
# One program model per run, read by both modes: every translation unit is parsed exactly once,
# in a rewrite and in a lint, with scopes (whose call graph needs every body) and without (the
# stats line that ARENA_REWRITE_STATS=1 makes the tool print on stderr); a hotspot or scope
# defined nowhere is the same error, word for word, in both modes.
# usage: model.sh TOOL RUNTIME_DIR CASES_DIR LINT_CORPUS_DIR
set -u
tool=$(realpath "$1") runtime=$(realpath "$2") cases=$(realpath "$3") corpus=$(realpath "$4")
fail=0
# check NAME UNITS -- ARGS...: runs the tool in the current folder
check() {
	local name=$1 units=$2
	shift 3
	local line
	line=$(ARENA_REWRITE_STATS=1 "$tool" "$@" 2>&1 > /dev/null | grep '^arena-rewrite: stats:')
	if [ "$line" = "" ]; then
		echo "FAIL $name: no stats line"; fail=1; return
	fi
	case $line in
	*"units $units, parses $units,"*) echo "ok $name: $line" ;;
	*) echo "FAIL $name: want $units units parsed once each: $line"; fail=1 ;;
	esac
}
cd "$cases/scope_multifile" || exit 1
args=$(cat args)
# shellcheck disable=SC2086
check rewrite-scoped 2 -- --hotspots hot.json kv.c server.c -- $args
# shellcheck disable=SC2086
check lint-scoped 2 -- --lint --hotspots hot.json kv.c server.c -- $args
# shellcheck disable=SC2086
check rewrite-scoped-j2 2 -- --hotspots hot.json -j 2 kv.c server.c -- $args
cd "$cases/cdb_project" || exit 1
args=$(cat args)
# shellcheck disable=SC2086
check rewrite-two-units 2 -- --hotspots hot.json main.c tree.c -- $args
cd "$corpus" || exit 1
n=$(ls hand/*.c | wc -l)
check lint-hand "$n" -- --lint hand/*.c -- -I"$runtime"
check lint-hot 3 -- --lint --hotspots hot/hot.json hot/*.c --
check lint-one-unit 1 -- --lint hand/calls.c -- -I"$runtime"
# same_error NAME HOTSPOTS PATTERN: rewrite and lint of kv.c server.c fail alike
same_error() {
	local name=$1 hot=$2 pattern=$3 rw lint
	rw=$("$tool" --hotspots "$hot" kv.c server.c -- $args 2>&1 > /dev/null)
	lint=$("$tool" --lint --hotspots "$hot" kv.c server.c -- $args 2>&1 > /dev/null)
	if [ "$rw" != "$lint" ] || ! echo "$rw" | grep -qE -- "$pattern"; then
		echo "FAIL $name: rewrite says '$rw', lint says '$lint'"; fail=1; return
	fi
	echo "ok $name: $rw"
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$cases/scope_multifile/." "$work/"
cd "$work" || exit 1
args=$(cat args)
echo '{"hotspots": [{"function": "kv_dup", "scope": "nowhere"}]}' > scope.json
echo '{"hotspots": [{"function": "kv_dup", "file": "other.c"}]}' > file.json
same_error missing-scope scope.json \
	"^arena-rewrite: error: scope.json: hotspots\[0\]: scope function 'nowhere' is defined in none of the 2 source file\(s\) parsed$"
same_error missing-hotspot file.json \
	"^arena-rewrite: error: file.json: hotspots\[0\]: hotspot function 'kv_dup' in other.c is defined in none of the 2 source file\(s\) parsed$"
exit $fail
