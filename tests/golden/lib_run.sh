# shellcheck shell=bash
# The steps of a compile-and-run rewrite test, shared by the golden cases (run_case.sh) and the
# hand-written corpus (tests/corpus/run.sh): copy a case, run the tool on it, apply its diff,
# run the tool again over its output, and build and run the original and the rewritten program
# in arena mode and in malloc mode under ASan+UBSan with leak detection.
#
# A case folder holds the sources (*.c, *.h, subfolders), a hotspot file (hot.json or hot.txt)
# and optionally:
#   args       compiler arguments for the tool and the build (one line, word-split)
#   sources    the SOURCE arguments for the tool (default: every top-level *.c)
#   cdb        present: generate compile_commands.json from `args`, run the tool with -p .
#   toolargs   extra arguments for the tool (one line)
#   tsan       present: also build the rewritten program with -fsanitize=thread and run it
#   sources_from  the name of another case whose *.c files this case uses
#   orig_leaks present: the original program leaks (the rewrite fixes it in arena mode); the
#              original and the malloc-mode build are not leak-checked (an untracked arena's
#              malloc mode allocates and frees as the original did, leaks included)
#   uses_runtime  present: the program already uses the runtime by hand (a scratch arena, an
#              earlier rewrite's output): every build and the tool get its include folder, and
#              the original is linked with it too
# Files that only describe the test (expected results, verdicts) are not copied with the sources.
#
# The caller sets tool, runtime, case (absolute), name, style and work (an empty folder it
# removes), and defines fail MESSAGE, which must not return. lr_prepare leaves the current
# folder at $work/src. lr_run, when set, prefixes every run of a built program (the corpus sets
# a timeout: a wrong rewrite may loop).

# lr_prepare: $work/src holds the case's sources; sets args, toolargs, srcs, hot.
lr_prepare() {
	mkdir "$work/src"
	# sources_from: the sources are another case's (the same program under other rules)
	[ -f "$case/sources_from" ] && cp -r "$(dirname "$case")/$(cat "$case/sources_from")"/*.c "$work/src/"
	cp -r "$case"/. "$work/src/"
	rm -f "$work/src"/expect.* "$work/src"/exit "$work/src"/exit.* "$work/src"/toolargs "$work/src"/orig_leaks "$work/src"/partial "$work/src"/tsan "$work/src"/sources_from \
		"$work/src"/verdict "$work/src"/verdict.* "$work/src"/xfail "$work/src"/may_rewrite "$work/src"/refused "$work/src"/uses_runtime
	cd "$work/src" || fail "cannot enter $work/src"
	args=""
	[ -f "$case/args" ] && args=$(cat "$case/args")
	[ -f "$case/uses_runtime" ] && args="$args -I$runtime"
	toolargs=""
	[ -f "$case/toolargs" ] && toolargs=$(cat "$case/toolargs")
	if [ -f "$case/sources" ]; then srcs=$(cat "$case/sources"); else srcs=$(ls *.c); fi
	hot=$(ls hot.json hot.txt 2> /dev/null | head -n 1)
	if [ -f "$case/cdb" ]; then
		lr_gen_cdb
		srcs=""
		[ -f "$case/sources" ] && srcs=$(cat "$case/sources")
	fi
}

# lr_run_tool [TOOL-ARGS...]: the tool over the current folder, with the case's arguments.
lr_run_tool() {
	if [ -f "$case/cdb" ]; then
		# shellcheck disable=SC2086
		"$tool" --hotspots "$hot" --exit-style="$style" $toolargs "$@" -p . $srcs
	else
		# shellcheck disable=SC2086
		"$tool" --hotspots "$hot" --exit-style="$style" $toolargs "$@" $srcs -- $args
	fi
}

lr_gen_cdb() { # writes compile_commands.json for the *.c of the current folder
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

# lr_apply DIFF: $work/rw is $work/src with DIFF applied; patch -p1 and git apply must agree.
lr_apply() {
	rm -f "$work/src/compile_commands.json"
	cp -r "$work/src" "$work/rw"
	cp -r "$work/src" "$work/rw2"
	(cd "$work/rw" && patch -s -p1 < "$1") || fail "patch -p1 rejects the diff"
	(cd "$work/rw2" && git apply "$1") || fail "git apply rejects the diff"
	diff -r "$work/rw" "$work/rw2" > /dev/null || fail "patch and git apply disagree"
}

# lr_rerun WANT-EXIT: idempotence, the tool changes nothing in its own output ($work/rw).
lr_rerun() {
	local rc
	(cd "$work/rw" && { [ ! -f "$case/cdb" ] || lr_gen_cdb; } && lr_run_tool > "$work/again.diff" 2> "$work/again.err")
	rc=$?
	[ "$rc" = "$1" ] || { cat "$work/again.err"; fail "second run exited $rc"; }
	[ -s "$work/again.diff" ] && { cat "$work/again.diff"; fail "second run changed its own output"; }
	return 0
}

# lr_build DIR OUT EXTRA...: one build of DIR's *.c (sanitizer flags from $bsan, else $lr_san).
# With lr_bin_cache set (a folder), a build whose inputs were built before is copied from there
# instead: the original is the same program in both exit styles (two ctest processes), and so is
# the rewrite when both styles write the same code. Every build still runs and is checked; only
# the compiler is spared. One slot per case and build (its older keys removed), so the folder
# stays bounded; a copy that fails (another process replacing the slot) builds. The two styles
# of a case usually start together: a lock on the key makes the second wait for the first's
# build rather than repeat it (flock(1); without it both build).
lr_build() {
	local dir=$1 out=$2 key slot="" tmp lock
	shift 2
	if [ -n "${lr_bin_cache:-}" ]; then
		key=$(lr_build_key "$dir" "$@")
		slot=$lr_bin_cache/$name/$(basename "$out")
		mkdir -p "${slot%/*}" || slot=""
	fi
	if [ -n "$slot" ] && command -v flock > /dev/null && exec {lock}> "$slot.$key.lock"; then
		flock "$lock"
		lr_build_cached "$dir" "$out" "$slot" "$key" "$@"
		exec {lock}>&-
	else
		lr_build_cached "$dir" "$out" "$slot" "${key:-}" "$@"
	fi
}

# lr_build_cached DIR OUT SLOT KEY EXTRA...: lr_build's work; SLOT empty: no cache.
lr_build_cached() {
	local dir=$1 out=$2 slot=$3 key=$4 tmp
	shift 4
	[ -n "$slot" ] && [ -f "$slot.$key" ] && cp "$slot.$key" "$out" 2> /dev/null && return 0
	# shellcheck disable=SC2086
	(cd "$dir" && $cc $lr_warn ${bsan:-$lr_san} $args "$@" $(ls *.c) -o "$out") > "$work/build.log" 2>&1 ||
		{ cat "$work/build.log"; fail "build of $out failed"; }
	if [ -n "$slot" ] && tmp=$(mktemp "$slot.tmp.XXXXXX"); then
		# older keys go (not this key's lock, held now)
		cp "$out" "$tmp" && chmod 755 "$tmp" && find "${slot%/*}" -maxdepth 1 -name "${slot##*/}.*" ! -name "*.tmp.*" \
			! -name "${slot##*/}.$key.lock" -delete && mv -f "$tmp" "$slot.$key" || rm -f "$tmp"
	fi
	return 0
}

# lr_build_key DIR EXTRA...: a hash of everything a build of DIR reads: the compiler, the flags,
# every file under DIR (names and bytes), the files EXTRA names (the runtime) and the header.
lr_build_key() {
	local dir=$1 a
	shift
	{
		$cc --version | head -n 1
		echo "$lr_warn|${bsan:-$lr_san}|$args|$*"
		(cd "$dir" && find . -type f | LC_ALL=C sort | while IFS= read -r f; do
			printf '%s ' "$f"
			sha1sum < "$f"
		done)
		for a in "$@" "$runtime/arena_rt.h"; do
			[ -f "$a" ] && sha1sum < "$a"
		done
	} | sha1sum | cut -c1-16
}

# lr_runtime_objs DIR: the runtime compiled once for the three rewritten builds, into
# DIR/KEY/{arena,malloc,plain}.o, KEY a hash of the runtime's sources, the compiler and the flags;
# later calls (other cases, other ctest processes) reuse them. Sets lr_rt_dir, which lr_build_run
# links instead of compiling runtime/arena_rt.c three times per build (most of a small case's time).
lr_runtime_objs() {
	lr_flags
	local key d tmpd
	key=$( { cat "$runtime/arena_rt.c" "$runtime/arena_rt.h"; $cc --version; echo "$lr_warn $lr_san $lr_plain"; } | sha1sum | cut -c1-16)
	d=$1/$key
	if [ ! -f "$d/plain.o" ]; then
		mkdir -p "$1"
		tmpd=$(mktemp -d "$1/tmp.XXXXXX")
		# shellcheck disable=SC2086
		{ $cc $lr_warn $lr_san -I"$runtime" -c "$runtime/arena_rt.c" -o "$tmpd/arena.o" &&
			$cc $lr_warn $lr_san -I"$runtime" -DARENA_USE_MALLOC -c "$runtime/arena_rt.c" -o "$tmpd/malloc.o" &&
			$cc $lr_warn $lr_plain -I"$runtime" -c "$runtime/arena_rt.c" -o "$tmpd/plain.o"; } > "$work/build.log" 2>&1 ||
			{ cat "$work/build.log"; rm -rf "$tmpd"; fail "the runtime does not build"; }
		mv -T "$tmpd" "$d" 2> /dev/null || rm -rf "$tmpd" # another process was first: same objects
	fi
	lr_rt_dir=$d
}

lr_flags() {
	cc=${CC:-cc}
	lr_san="-g -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"
	lr_plain="-g -O1 -fsanitize=leak,undefined -fno-sanitize-recover=all"
	lr_warn="-std=gnu11 -Wall -Wextra -Werror"
}

# lr_build_run: original, arena mode, malloc mode; ASan+UBSan, leaks detected. And arena mode
# without ASan ("plain": UBSan and LSan), the build users ship: ASan compiles the runtime's inline
# fast paths out, so only this build runs them. Every build must print what the original printed,
# exit as it did and write nothing on stderr.
lr_build_run() {
	lr_flags
	export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
	export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
	local rt_arena="$runtime/arena_rt.c" rt_malloc="$runtime/arena_rt.c" rt_plain="$runtime/arena_rt.c"
	if [ -n "${lr_rt_dir:-}" ]; then
		rt_arena=$lr_rt_dir/arena.o rt_malloc=$lr_rt_dir/malloc.o rt_plain=$lr_rt_dir/plain.o
	fi
	if [ -f "$case/uses_runtime" ]; then
		lr_build "$work/src" "$work/orig" "$rt_arena"
	else
		lr_build "$work/src" "$work/orig"
	fi
	lr_build "$work/rw" "$work/arena" -I"$runtime" "$rt_arena"
	lr_build "$work/rw" "$work/malloc" -I"$runtime" -DARENA_USE_MALLOC "$rt_malloc"
	bsan=$lr_plain lr_build "$work/rw" "$work/plain" -I"$runtime" "$rt_plain"
	if command -v clang > /dev/null; then
		# shellcheck disable=SC2086
		(cd "$work/rw" && clang $lr_warn -fsyntax-only -I"$runtime" $args $(ls *.c)) > "$work/clang.log" 2>&1 ||
			{ cat "$work/clang.log"; fail "rewritten code does not compile warning-free with clang"; }
	fi
	# orig_leaks: the original leaks on purpose (the arena is the fix); its leaks are not checked.
	if [ -f "$case/orig_leaks" ]; then
		ASAN_OPTIONS=detect_leaks=0 ${lr_run:-} "$work/orig" > "$work/orig.out" 2> "$work/orig.err"
	else
		${lr_run:-} "$work/orig" > "$work/orig.out" 2> "$work/orig.err"
	fi
	local orc=$? mrc mode
	for mode in arena plain malloc; do
		if [ -f "$case/orig_leaks" ] && [ $mode = malloc ]; then
			ASAN_OPTIONS=detect_leaks=0 ${lr_run:-} "$work/$mode" > "$work/$mode.out" 2> "$work/$mode.err"
		else
			${lr_run:-} "$work/$mode" > "$work/$mode.out" 2> "$work/$mode.err"
		fi
		mrc=$?
		[ "$mrc" = "$orc" ] || { cat "$work/$mode.err"; fail "$mode build exited $mrc, original $orc"; }
		cmp -s "$work/orig.out" "$work/$mode.out" || { diff "$work/orig.out" "$work/$mode.out"; fail "$mode output differs"; }
		[ -s "$work/$mode.err" ] && { cat "$work/$mode.err"; fail "$mode build wrote to stderr"; }
	done
	[ -s "$work/orig.out" ] || fail "the driver printed nothing"
	# tsan: the program runs threads; the rewritten build must also be clean under TSan.
	if [ -f "$case/tsan" ]; then
		local tsan="-g -O1 -fsanitize=thread" extra
		for mode in arena malloc; do
			extra=""
			[ $mode = malloc ] && extra=-DARENA_USE_MALLOC
			# shellcheck disable=SC2086
			(cd "$work/rw" && $cc $lr_warn $tsan $args -I"$runtime" $extra "$runtime/arena_rt.c" *.c -o "$work/tsan_$mode") > "$work/build.log" 2>&1 ||
				{ cat "$work/build.log"; fail "TSan build ($mode) failed"; }
			TSAN_OPTIONS=halt_on_error=1 ${lr_run:-} "$work/tsan_$mode" > "$work/tsan.out" 2> "$work/tsan.err" ||
				{ cat "$work/tsan.err"; fail "TSan run ($mode) failed"; }
			cmp -s "$work/orig.out" "$work/tsan.out" || fail "TSan ($mode) output differs"
		done
	fi
	return 0
}
