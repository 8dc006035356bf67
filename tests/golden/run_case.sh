#!/usr/bin/env bash
# One golden + compile-and-run test: input + hotspots -> expected diff, then the rewritten
# program must behave like the original in arena mode and in malloc mode under ASan+UBSan
# with leak detection, and a second run of the tool over its own output must change nothing.
#
# usage: run_case.sh TOOL RUNTIME_DIR CASE_DIR STYLE [--update]
#
# A case folder holds the sources (*.c, *.h, subfolders), a hotspot file (hot.json or hot.txt)
# and optionally:
#   args       compiler arguments for the tool and the build (one line, word-split)
#   sources    the SOURCE arguments for the tool (default: every top-level *.c)
#   cdb        present: generate compile_commands.json from `args`, run the tool with -p .
#   toolargs   extra arguments for the tool (one line)
#   tsan       present: also build the rewritten program with -fsanitize=thread and run it
#   sources_from  the name of another case whose *.c files this case uses
#   partial    present: with a nonzero `exit`, the accepted hotspots are still rewritten,
#              so the diff is applied, re-run and built as usual
#   orig_leaks present: the original program leaks (the rewrite fixes it in arena mode); the
#              original and the malloc-mode build are not leak-checked (an untracked arena's
#              malloc mode allocates and frees as the original did, leaks included)
#   exit       the expected exit status of the tool (default 0); when nonzero the diff must
#              be empty and the program is not rebuilt
#   expect.STYLE.diff   the expected diff (written by --update)
#   expect.STYLE.err    when present, lines that the tool's stderr must contain
# With GOLDEN_DIFF_ONLY=1 in the environment, only the tool's exit status, stderr and diff are
# checked (the build and run steps do not depend on how the tool computed the diff).
set -u
tool=$1 runtime=$2 case=$(cd "$3" && pwd) style=$4 update=${5:-}
name=$(basename "$case")
fail() { echo "FAIL [$name/$style]: $*"; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/src"
# sources_from: the sources are another case's (the same program under other rules)
[ -f "$case/sources_from" ] && cp -r "$(dirname "$case")/$(cat "$case/sources_from")"/*.c "$work/src/"
cp -r "$case"/. "$work/src/"
rm -f "$work/src"/expect.* "$work/src"/exit "$work/src"/exit.* "$work/src"/toolargs "$work/src"/orig_leaks "$work/src"/partial "$work/src"/tsan "$work/src"/sources_from
cd "$work/src"

args=""
[ -f "$case/args" ] && args=$(cat "$case/args")
toolargs=""
[ -f "$case/toolargs" ] && toolargs=$(cat "$case/toolargs")
if [ -f "$case/sources" ]; then srcs=$(cat "$case/sources"); else srcs=$(ls *.c); fi
hot=$(ls hot.json hot.txt 2>/dev/null | head -n 1)
want_exit=0
[ -f "$case/exit" ] && want_exit=$(cat "$case/exit")
[ -f "$case/exit.$style" ] && want_exit=$(cat "$case/exit.$style")

run_tool() {
	if [ -f "$case/cdb" ]; then
		"$tool" --hotspots "$hot" --exit-style="$style" $toolargs -p . $srcs
	else
		# shellcheck disable=SC2086
		"$tool" --hotspots "$hot" --exit-style="$style" $toolargs $srcs -- $args
	fi
}

gen_cdb() { # writes compile_commands.json for the *.c of the current folder
	{
		echo "["
		local first=1
		for f in *.c; do
			[ $first = 1 ] || echo ","
			first=0
			printf '{"directory": "%s", "file": "%s", "command": "gcc -c %s -o %s.o %s"}\n' \
				"$PWD" "$f" "$args" "${f%.c}" "$f"
		done
		echo "]"
	} > compile_commands.json
}
if [ -f "$case/cdb" ]; then
	gen_cdb
	srcs=""
	[ -f "$case/sources" ] && srcs=$(cat "$case/sources")
fi

run_tool > "$work/out.diff" 2> "$work/err.txt"
rc=$?
[ "$rc" = "$want_exit" ] || { cat "$work/err.txt"; fail "tool exited $rc, expected $want_exit"; }
if [ -f "$case/expect.$style.err" ]; then
	while IFS= read -r line; do
		grep -qF -- "$line" "$work/err.txt" || { cat "$work/err.txt"; fail "stderr lacks: $line"; }
	done < "$case/expect.$style.err"
fi
if [ "$update" = "--update" ]; then
	cp "$work/out.diff" "$case/expect.$style.diff"
fi
[ -f "$case/expect.$style.diff" ] || fail "no expect.$style.diff (run with --update)"
diff -u "$case/expect.$style.diff" "$work/out.diff" > "$work/d" || { cat "$work/d"; fail "diff differs from expect.$style.diff"; }
[ -n "${GOLDEN_DIFF_ONLY:-}" ] && { echo "ok [$name/$style] (diff only)"; exit 0; }
# partial: some hotspots are refused (the exit status says so) and the rest is rewritten.
if [ "$want_exit" != 0 ] && [ ! -f "$case/partial" ]; then
	[ -s "$work/out.diff" ] && fail "a refused run printed a diff"
	echo "ok [$name/$style] (refused as expected)"
	exit 0
fi

# The diff applies with both patch -p1 and git apply.
rm -f compile_commands.json
cp -r "$work/src" "$work/rw"
cp -r "$work/src" "$work/rw2"
(cd "$work/rw" && patch -s -p1 < "$work/out.diff") || fail "patch -p1 rejects the diff"
(cd "$work/rw2" && git apply "$work/out.diff") || fail "git apply rejects the diff"
diff -r "$work/rw" "$work/rw2" > /dev/null || fail "patch and git apply disagree"

# Idempotence: the tool changes nothing in its own output.
(cd "$work/rw" && { [ ! -f "$case/cdb" ] || gen_cdb; } && run_tool > "$work/again.diff" 2> "$work/again.err")
rc=$?
[ "$rc" = "$want_exit" ] || { cat "$work/again.err"; fail "second run exited $rc"; }
[ -s "$work/again.diff" ] && { cat "$work/again.diff"; fail "second run changed its own output"; }

# Build and run: original, arena mode, malloc mode; ASan+UBSan, leaks detected. And arena mode
# without ASan ("plain": UBSan and LSan), the build users ship: ASan compiles the runtime's inline
# fast paths out, so only this build runs them.
cc=${CC:-cc}
san="-g -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"
warn="-std=gnu11 -Wall -Wextra -Werror"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
build() { # dir out extra...
	local dir=$1 out=$2
	shift 2
	# shellcheck disable=SC2086
	(cd "$dir" && $cc $warn ${bsan:-$san} $args "$@" $(ls *.c) -o "$out") > "$work/build.log" 2>&1 ||
		{ cat "$work/build.log"; fail "build of $out failed"; }
}
build "$work/src" "$work/orig"
build "$work/rw" "$work/arena" -I"$runtime" "$runtime/arena_rt.c"
build "$work/rw" "$work/malloc" -I"$runtime" -DARENA_USE_MALLOC "$runtime/arena_rt.c"
bsan="-g -O1 -fsanitize=leak,undefined -fno-sanitize-recover=all" \
	build "$work/rw" "$work/plain" -I"$runtime" "$runtime/arena_rt.c"
if command -v clang > /dev/null; then
	# shellcheck disable=SC2086
	(cd "$work/rw" && clang $warn -fsyntax-only -I"$runtime" $args $(ls *.c)) > "$work/clang.log" 2>&1 ||
		{ cat "$work/clang.log"; fail "rewritten code does not compile warning-free with clang"; }
fi
# orig_leaks: the original leaks on purpose (the arena is the fix); its leaks are not checked.
if [ -f "$case/orig_leaks" ]; then
	ASAN_OPTIONS=detect_leaks=0 "$work/orig" > "$work/orig.out" 2> "$work/orig.err"
else
	"$work/orig" > "$work/orig.out" 2> "$work/orig.err"
fi
orc=$?
for mode in arena plain malloc; do
	if [ -f "$case/orig_leaks" ] && [ $mode = malloc ]; then
		ASAN_OPTIONS=detect_leaks=0 "$work/$mode" > "$work/$mode.out" 2> "$work/$mode.err"
	else
		"$work/$mode" > "$work/$mode.out" 2> "$work/$mode.err"
	fi
	mrc=$?
	[ "$mrc" = "$orc" ] || { cat "$work/$mode.err"; fail "$mode build exited $mrc, original $orc"; }
	cmp -s "$work/orig.out" "$work/$mode.out" || { diff "$work/orig.out" "$work/$mode.out"; fail "$mode output differs"; }
	[ -s "$work/$mode.err" ] && { cat "$work/$mode.err"; fail "$mode build wrote to stderr"; }
done
[ -s "$work/orig.out" ] || fail "the driver printed nothing"
# tsan: the program runs threads; the rewritten build must also be clean under TSan.
if [ -f "$case/tsan" ]; then
	tsan="-g -O1 -fsanitize=thread"
	for mode in arena malloc; do
		extra=""
		[ $mode = malloc ] && extra=-DARENA_USE_MALLOC
		# shellcheck disable=SC2086
		(cd "$work/rw" && $cc $warn $tsan $args -I"$runtime" $extra "$runtime/arena_rt.c" *.c -o "$work/tsan_$mode") > "$work/build.log" 2>&1 ||
			{ cat "$work/build.log"; fail "TSan build ($mode) failed"; }
		TSAN_OPTIONS=halt_on_error=1 "$work/tsan_$mode" > "$work/tsan.out" 2> "$work/tsan.err" ||
			{ cat "$work/tsan.err"; fail "TSan run ($mode) failed"; }
		cmp -s "$work/orig.out" "$work/tsan.out" || fail "TSan ($mode) output differs"
	done
fi
echo "ok [$name/$style]"
