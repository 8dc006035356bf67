#!/bin/bash
# tests/realworld/suggested.sh: the suggested lists of docs/realworld.md's table "Suggested lists
# against the hand-chosen ones" for json-c, cmark and Mini-XML, made as tutorial.sh makes
# cJSON's: the suite's driver and the library's sources built with plain gcc -O2 -g (headers
# from the project's own configure step), a DHAT profile of five passes over the suite's inputs
# (with one, the document the driver's main builds outside every scope weighs as much as the
# threads' work, and some chains stop short of handle_doc),
# `arena-rewrite --profile` with the sources, and that list fed unedited to --hotspots, which
# must exit 0; the rewritten driver must print what the original prints under ASan+UBSan in
# arena and malloc mode. The hand-chosen list goes through the same steps beside it. Timing is
# not done here (docs/realworld.md quotes the figures).
#
#   suggested.sh TOOL RUNTIME WORKDIR [LIB...]   (default: json-c cmark mxml)
#
# Opt-in like the real-world suite: ARENA_REAL_WORLD=1, else exit 77 (ctest: skipped).
set -u
tool=$1 rt=$2 work=$3
shift 3
libs=${*:-json-c cmark mxml}
here=$(cd "$(dirname "$0")" && pwd)
if [ "${ARENA_REAL_WORLD:-0}" != 1 ]; then
	echo "SKIP: set ARENA_REAL_WORLD=1 to fetch the libraries with apt-get source"
	exit 77
fi
for c in valgrind gcc apt-get cmake jq; do
	command -v $c > /dev/null || { echo "SKIP: $c is not installed"; exit 77; }
done
fail() {
	echo "FAIL: $*"
	exit 1
}

# one LIB: the steps above in $work/LIB
one() {
	local lib=$1 inc srcs inputs hot list mode flag rc
	local w=$work/$lib
	rm -rf "$w" && mkdir -p "$w" && cd "$w" || exit 1
	(apt-get source -qq "$lib" > fetch.log 2>&1) || { cat fetch.log; fail "apt-get source $lib"; }
	mv "$(ls -d ./*/ | head -n 1)" orig
	mkdir -p orig/arena_driver
	cp "$here/$lib/driver.c" "$here/driver_common.h" "$here/hand_arena.h" orig/arena_driver/ || exit 1
	# shellcheck disable=SC1090
	. "$here/$lib/case.sh"
	if declare -F rw_gen > /dev/null; then rw_gen orig/arena_driver; fi
	inputs=$(rw_inputs)
	cd orig || exit 1
	case $lib in # the headers the project's configure step writes, and its defines
	json-c)
		cmake -S . -B b -DBUILD_SHARED_LIBS=OFF -DBUILD_TESTING=OFF -DBUILD_APPS=OFF > ../configure.log 2>&1
		inc="-I. -Ib -D_GNU_SOURCE" ;;
	cmark)
		cmake -S . -B b -DCMARK_SHARED=OFF -DCMARK_TESTS=OFF > ../configure.log 2>&1
		inc="-Isrc -Ib/src -DCMARK_STATIC_DEFINE" ;;
	mxml)
		./configure --disable-shared > ../configure.log 2>&1
		inc="-I. -D_GNU_SOURCE" ;;
	*) fail "no build recipe for $lib" ;;
	esac
	[ $? = 0 ] || { tail ../configure.log; fail "$lib: configure"; }
	srcs=$(echo $RW_SOURCES)
	# shellcheck disable=SC2086
	gcc -O2 -g -w $inc $srcs arena_driver/driver.c -o ../driver -lpthread -lm || fail "$lib: build"
	# shellcheck disable=SC2086
	../driver -n 1 $inputs > ../want.txt || fail "$lib: the original driver"
	# shellcheck disable=SC2086
	valgrind --tool=dhat --dhat-out-file=../$lib.dhat ../driver -n 5 $inputs > /dev/null 2> ../dhat.log ||
		{ tail ../dhat.log; fail "$lib: dhat"; }
	echo "\$ arena-rewrite --profile $lib.dhat --rules tests/realworld/$lib/rules.json SOURCES -- $inc"
	# shellcheck disable=SC2086
	"$tool" --profile ../$lib.dhat --rules "$here/$lib/rules.json" $srcs arena_driver/driver.c -- $inc \
		> ../suggested.json 2> ../profile.err || { cat ../profile.err; fail "$lib: --profile exited $?"; }
	jq -c '.hotspots[] | {function, scope}' ../suggested.json
	jq -c '.refused[]? | {function, why}' ../suggested.json
	grep -q '"function"' ../suggested.json || fail "$lib: an empty list"
	cd .. || exit 1
	for list in suggested hand; do
		hot=$w/suggested.json
		[ $list = hand ] && hot=$here/$lib/hotspots.json
		rm -rf $list && cp -r orig $list
		# shellcheck disable=SC2086
		(cd $list && "$tool" --hotspots "$hot" --rules "$here/$lib/rules.json" -i $srcs arena_driver/driver.c -- $inc) \
			> $list.out 2> $list.err
		rc=$?
		[ $rc = 0 ] || { grep -v 'not rewritten' $list.err | head -20; fail "$lib: the $list list: --hotspots exited $rc"; }
		for mode in arena malloc; do
			flag=
			[ $mode = malloc ] && flag=-DARENA_USE_MALLOC
			# shellcheck disable=SC2086
			(cd $list && gcc -g -O1 -w -fsanitize=address,undefined -fno-sanitize-recover=all $flag $inc \
				-I"$rt" $srcs arena_driver/driver.c "$rt/arena_rt.c" -o ../${list}_$mode -lpthread -lm) ||
				fail "$lib: the $list rewrite does not build ($mode mode)"
			# shellcheck disable=SC2086
			(cd orig && ASAN_OPTIONS=detect_leaks=1 ../${list}_$mode -n 1 $inputs > ../${list}_$mode.txt 2> ../${list}_$mode.err) ||
				{ head -20 ${list}_$mode.err; fail "$lib: the $list rewrite exited non-zero ($mode mode)"; }
			cmp -s want.txt ${list}_$mode.txt || fail "$lib: the $list rewrite prints otherwise ($mode mode)"
		done
		echo "ok $lib: the $list list accepted, same output under ASan+UBSan in both modes"
	done
}
for lib in $libs; do
	(one "$lib") || exit 1
done
echo "suggested: all passed"
