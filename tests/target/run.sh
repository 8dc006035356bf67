#!/usr/bin/env bash
# --target NAME (rewrite/prog.h) on proj/, a CMake build holding three programs: app1 and app2
# link the static library `words` (lib/), app1 also the object library `greet`, and `other`,
# which app1 only orders itself after, defines a function of the hotspot's name. The run with
# --target app1 must edit only app1's program (the library), leave app2 and other byte-identical,
# and give a program that builds and runs in arena and malloc mode under ASan+UBSan, as does
# app2 against the rewritten library; --profile checks its suggestions on that program only.
# The error paths exit 2 and touch nothing.
# usage: run.sh TOOL RUNTIME_DIR CMAKE
set -u
tool=$1 runtime=$2 cmake=$3
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
hot=$here/hot.json
configure() { # configure DIR [QUERY]: a build folder, with the file API's query when asked
	[ -n "${2:-}" ] && mkdir -p "$1/.cmake/api/v1/query" && : > "$1/.cmake/api/v1/query/codemodel-v2"
	"$cmake" -S . -B "$1" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON > "$work/cmake.log" 2>&1 ||
		{ cat "$work/cmake.log"; fail "cmake cannot configure $1"; }
}
configure build query
configure noreply
sums() { find app1 app2 other greet lib -type f | LC_ALL=C sort | xargs sha1sum; }

# Without --target the hotspot's name matches in `other` too: the test can see a wrong program.
"$tool" --hotspots "$hot" -p build > "$work/all.diff" 2> "$work/all.err" || { cat "$work/all.err"; fail "run without --target"; }
grep -q '^--- a/other/main.c' "$work/all.diff" || fail "without --target other/main.c is not edited: the test proves nothing"

# --profile checks its suggestions on the target's program only: other's word_new is no site.
printf 'main;count_words;word_new;malloc 900\nmain;word_new;malloc 10\n' > "$work/p.folded"
"$tool" --profile "$work/p.folded" --target app1 -p build > "$work/prof.json" 2> "$work/prof.err" ||
	{ cat "$work/prof.err"; fail "--profile --target app1"; }
grep -q '"sites":[[:space:]]*1,' "$work/prof.json" || { cat "$work/prof.json"; fail "--profile --target app1: not one site"; }

before=$(sums)
"$tool" --hotspots "$hot" --target app1 -i -p build > "$work/out" 2> "$work/err" || { cat "$work/err"; fail "--target app1 exited $?"; }
changed=$(diff <(echo "$before") <(sums) | sed -n 's/^> [0-9a-f]*  //p' | LC_ALL=C sort | tr '\n' ' ')
[ "$changed" = "lib/count.c lib/words.c " ] || fail "edited: '$changed', expected the library's two files only"
grep -q "note: the program of target app1 only (main in app1/main.c): 2 units of the sources left out" "$work/err" ||
	{ cat "$work/err"; fail "no note naming the target and the units left out"; }
grep -q "(from 'app1: main') in app1/main.c" "$work/err" || { cat "$work/err"; fail "the note does not name the program"; }

# The original and the rewritten programs, in both modes, print the same and leak nothing.
export ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
build_run() { # build_run TREE PROGRAM MODE: builds and runs, output in $work/TREE.PROGRAM.MODE
	local tree=$1 prog=$2 mode=$3 extra=() out=$work/$1.$2.$3
	[ "$mode" = orig ] || extra=(-I"$runtime" "$runtime/arena_rt.c")
	[ "$mode" = malloc ] && extra+=(-DARENA_USE_MALLOC)
	local srcs=("$prog/main.c" lib/words.c lib/count.c)
	[ "$prog" = app1 ] && srcs+=(greet/greet.c)
	# shellcheck disable=SC2086
	(cd "$work/$tree" && $cc $lr_warn $lr_san -Ilib "${srcs[@]}" "${extra[@]}" -o "$out.bin") > "$work/build.log" 2>&1 ||
		{ cat "$work/build.log"; fail "$tree $prog ($mode) does not build"; }
	"$out.bin" a b c > "$out" 2> "$out.err" || { cat "$out.err"; fail "$tree $prog ($mode) exited $?"; }
	[ -s "$out.err" ] && { cat "$out.err"; fail "$tree $prog ($mode) wrote to stderr"; }
	return 0
}
cp -r "$here/proj" "$work/orig"
cp -r "$work/src" "$work/rw"
for prog in app1 app2; do
	build_run orig $prog orig
	for mode in arena malloc; do
		build_run rw $prog $mode
		cmp -s "$work/orig.$prog.orig" "$work/rw.$prog.$mode" || fail "$prog ($mode) prints other output"
	done
done

# Error paths: exit 2, the message, nothing written.
expect() { # expect NAME PATTERN ARGS...
	local name=$1 pattern=$2 rc
	shift 2
	before=$(sums)
	"$tool" "$@" > "$work/out" 2> "$work/err"
	rc=$?
	[ "$rc" = 2 ] || { cat "$work/err"; fail "$name: exit $rc, expected 2"; }
	grep -qE -- "$pattern" "$work/err" || { cat "$work/err"; fail "$name: stderr does not match /$pattern/"; }
	[ -s "$work/out" ] && fail "$name: printed on stdout"
	[ "$before" = "$(sums)" ] || fail "$name: files changed"
	echo "ok $name"
}
echo '[{"function": "other_sum"}]' > "$work/other.json"
expect unknown-target "no target 'nope' in the CMake build \(executables: app1, app2, other\)" \
	--hotspots "$hot" --target nope -p build
expect library-target "'words' is a STATIC_LIBRARY, not an executable" --hotspots "$hot" --target words -p build
expect missing-reply "create the empty file noreply/.cmake/api/v1/query/codemodel-v2 and run cmake" \
	--hotspots "$hot" --target app1 -p noreply
expect hotspot-outside "'other_sum' is defined in none of the 4 source file\(s\) parsed \(the program of target 'app1'\)" \
	--hotspots "$work/other.json" --target app1 -p build
expect without-build-dir "--target goes with -p BUILD_DIR" --hotspots "$hot" --target app1 lib/words.c
expect with-program "--target goes with -p BUILD_DIR, without --program" \
	--hotspots "$hot" --target app1 --program app1/main.c -p build
expect with-lint "--target goes with --hotspots or --profile" --lint --target app1 -p build
# A database recorded by Bear (Debian's bear 3): app1 and other compiled and linked in one
# command each (entries whose output is the executable), app2 in two steps (its link is in no
# entry). Without bear, the same database written as bear 3.1 writes it.
mkdir "$work/mk"
cp -r "$here/proj"/. "$work/mk/"
cd "$work/mk" || fail "cannot enter $work/mk"
cat > Makefile << 'MK'
all: bin/app1 bin/app2 bin/other
bin/app1: app1/main.c greet/greet.c lib/words.c lib/count.c
	mkdir -p bin && cc -Ilib $^ -o $@
obj/%.o: %.c
	mkdir -p $(@D) && cc -Ilib -c $< -o $@
bin/app2: obj/app2/main.o obj/lib/words.o obj/lib/count.o
	cc $^ -o $@
bin/other: other/main.c
	mkdir -p bin && cc $< -o $@
MK
if command -v bear > /dev/null; then
	bear --output compile_commands.json -- make -s > "$work/bear.log" 2>&1 || { cat "$work/bear.log"; fail "bear make"; }
	echo "ok bear $(bear --version 2>&1 | head -n 1)"
else
	entry() { printf '{"arguments": ["cc", "-c", "-Ilib", "-o", "%s", "%s"], "directory": "%s", "file": "%s", "output": "%s/%s"}' \
		"$1" "$2" "$PWD" "$PWD/$2" "$PWD" "$1"; }
	{
		echo "["
		for f in app1/main.c greet/greet.c lib/words.c lib/count.c; do entry bin/app1 $f; echo ","; done
		for f in app2/main.c lib/words.c lib/count.c; do entry "obj/${f%.c}.o" $f; echo ","; done
		entry bin/other other/main.c
		echo "]"
	} > compile_commands.json
	echo "ok bear (not installed: the database written as bear 3.1 writes it)"
fi
"$tool" --hotspots "$hot" --target app1 -p . > "$work/mk.diff" 2> "$work/mk.err" || { cat "$work/mk.err"; fail "--target app1 on the bear database"; }
files=$(sed -n 's/^--- a\///p' "$work/mk.diff" | LC_ALL=C sort | tr '\n' ' ')
[ "$files" = "lib/count.c lib/words.c " ] || fail "bear database: edited '$files', expected the library's two files only"
grep -q "(from 'app1: main') in app1/main.c" "$work/mk.err" || { cat "$work/mk.err"; fail "bear database: the note does not name the program"; }
sums() { find app1 app2 other greet lib -type f | LC_ALL=C sort | xargs sha1sum; }
expect two-step-link "no codemodel-v2 reply \(nor an entry of its compile_commands.json compiled straight into 'app2'\)" \
	--hotspots "$hot" --target app2 -p .
echo "ok target"
