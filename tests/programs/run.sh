#!/usr/bin/env bash
# Programs found without link information (rewrite/analysis/progs.h). proj/ is a make-style
# build recorded as compile steps only (no entry says which executable links what): app
# (app/main.c) and tool (tool/main.c) both link lib/store.c, which calls report_oom, defined by
# each program (app/work.c and tool/util.c); app reaches app/ops.c only through the address in
# a table's initializer and app/conf.c only through an extern object; extra/unused.c is
# referenced by no one. Checked:
#   - --program app/main.c: stderr and the diff equal the goldens (tool's units and
#     extra/unused.c left out, lib/store.c edited with a warning naming tool's program);
#   - without --program: the notes equal the golden (each hotspot's programs, lib/store.c also
#     part of tool, which holds no hotspot);
#   - --program tool/main.c: app's units are not part of it, so app_work is defined nowhere;
#   - a symbol two units define, pinned by no other reference: both units are taken;
#   - the rewritten app builds and runs in arena and malloc mode under ASan+UBSan and prints
#     what the original prints, and tool builds against the rewritten library with the runtime.
# usage: run.sh TOOL RUNTIME_DIR [--update]: --update rewrites the goldens from this run.
set -u
tool=$1 runtime=$2 update=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
	echo "FAIL: $*"
	exit 1
}
# shellcheck source=../golden/lib_run.sh
. "$here/../golden/lib_run.sh"
lr_flags

cp -r "$here/proj" "$work/src"
cd "$work/src" || fail "cannot enter $work/src"
entry() { printf '{"arguments": ["cc", "-c", "-Ilib", "-o", "obj/%s.o", "%s"], "directory": "%s", "file": "%s"}' \
	"${1%.c}" "$1" "$PWD" "$PWD/$1"; }
{
	echo "["
	sep=""
	for f in lib/store.c app/main.c app/work.c app/ops.c app/conf.c tool/main.c tool/util.c extra/unused.c; do
		printf '%s' "$sep"
		entry "$f"
		sep=$',\n'
	done
	printf '\n]\n'
} > compile_commands.json
sums() { find app tool lib extra -type f | LC_ALL=C sort | xargs sha1sum; }
before=$(sums)

golden() { # golden NAME FILE: FILE equals expect.NAME (or becomes it with --update)
	if [ "$update" = --update ]; then
		cp "$2" "$here/expect.$1"
	elif ! diff -u "$here/expect.$1" "$2"; then
		fail "$1 differs from its golden (run.sh TOOL RUNTIME --update after checking)"
	fi
}

"$tool" --hotspots "$here/hot.json" --program app/main.c -p . -j1 > "$work/app.diff" 2> "$work/app.err" ||
	{ cat "$work/app.err"; fail "--program app/main.c exited $?"; }
golden program.err "$work/app.err"
golden program.diff "$work/app.diff"
echo "ok program"

"$tool" --hotspots "$here/hot.json" -p . -j1 > "$work/all.diff" 2> "$work/all.err" ||
	{ cat "$work/all.err"; fail "the run without --program exited $?"; }
golden whole.err "$work/all.err"
echo "ok whole"

"$tool" --hotspots "$here/hot.json" --program tool/main.c -p . -j1 > "$work/tool.diff" 2> "$work/tool.err"
rc=$?
[ "$rc" = 2 ] || { cat "$work/tool.err"; fail "--program tool/main.c: exit $rc, expected 2"; }
grep -q "'app_work' is defined in none of the 3 source file(s) parsed (the program of --program 'tool/main.c')" "$work/tool.err" ||
	{ cat "$work/tool.err"; fail "--program tool/main.c: app_work is still seen"; }
[ -s "$work/tool.diff" ] && fail "--program tool/main.c printed a diff"
[ "$before" = "$(sums)" ] || fail "a run without -i changed files"
echo "ok other program"

# A symbol two units define, which no other reference pins to one of them: both are taken (the
# analysis sees more, never less); a unit only another program references is left out.
mkdir "$work/amb" && cd "$work/amb" || fail "cannot enter $work/amb"
printf 'int f(void);\nint main(void) { return f(); }\n' > main.c
printf 'int g(void);\nint main(void) { return g(); }\n' > tool.c
printf 'int f(void) { return 0; }\n' > a.c
printf 'int f(void) { return 1; }\n' > b.c
printf 'int g(void) { return 2; }\n' > c.c
echo '[{"function": "f"}]' > hot.json
"$tool" --hotspots hot.json --program main.c main.c a.c b.c c.c tool.c -- > amb.diff 2> amb.err ||
	{ cat amb.err; fail "the run with a symbol defined twice exited $?"; }
grep -q "1 other program of the sources left out, and 1 unit none of its units references (c.c)" amb.err &&
	grep -q "^a.c:1: warning: hotspot 'f'" amb.err && grep -q "^b.c:1: warning: hotspot 'f'" amb.err ||
	{ cat amb.err; fail "a symbol defined twice: not both units kept, or c.c kept"; }
echo "ok defined twice"
cd "$work/src" || fail "cannot enter $work/src"

# The rewrite of app's program, built and run; tool against the rewritten library.
cp -r "$work/src" "$work/rw"
(cd "$work/rw" && patch -s -p1 < "$work/app.diff") || fail "the diff does not apply"
export ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
build_run() { # build_run TREE PROGRAM MODE SOURCES...
	local tree=$1 prog=$2 mode=$3 extra=() out=$work/$1.$2.$3
	shift 3
	[ "$mode" = orig ] || extra=(-I"$runtime" "$runtime/arena_rt.c")
	[ "$mode" = malloc ] && extra+=(-DARENA_USE_MALLOC)
	# shellcheck disable=SC2086
	(cd "$work/$tree" && $cc $lr_warn $lr_san -Ilib "$@" "${extra[@]}" -o "$out.bin") > "$work/build.log" 2>&1 ||
		{ cat "$work/build.log"; fail "$tree $prog ($mode) does not build"; }
	"$out.bin" alpha be > "$out" 2> "$out.err" || { cat "$out.err"; fail "$tree $prog ($mode) exited $?"; }
	[ -s "$out.err" ] && { cat "$out.err"; fail "$tree $prog ($mode) wrote to stderr"; }
	return 0
}
app=(app/main.c app/work.c app/ops.c app/conf.c lib/store.c)
toolsrc=(tool/main.c tool/util.c lib/store.c)
build_run src app orig "${app[@]}"
build_run src tool orig "${toolsrc[@]}"
for mode in arena malloc; do
	build_run rw app $mode "${app[@]}"
	build_run rw tool $mode "${toolsrc[@]}"
	cmp -s "$work/src.app.orig" "$work/rw.app.$mode" || fail "app ($mode) prints other output"
	cmp -s "$work/src.tool.orig" "$work/rw.tool.$mode" || fail "tool ($mode) prints other output"
done
echo "ok programs"
