# shellcheck shell=bash
# Shared steps of the real-world suite, sourced by run.sh. One library case (tests/realworld/LIB/)
# is a case.sh that sets the RW_* variables below and defines rw_wire, plus its hotspots.json,
# optional rules.json and a driver.c of our own. rw_case runs every step for it and writes one
# results file that table.sh turns into docs/realworld.md.
#
# case.sh sets:
#   RW_PKG      Debian source package (fetched with `apt-get source`, cached, never committed)
#   RW_SUBDIR   folder of the CMake project inside the source tree (default .)
#   RW_CMAKE    cmake arguments for every build (static library, tests on)
#   RW_SOURCES  sources to rewrite, relative to the project (the driver is added)
#   RW_CTEST    extra ctest arguments (default none)
#   RW_TESTS_ASAN  ASAN_OPTIONS for the own tests when the original's are not leak-clean
#   RW_TARGETS  targets the sanitizer builds need: own tests and arena_driver (default all)
#   RW_BENCH    driver arguments of the timed workload (after -n N), relative to the project
#   RW_BENCH_N  iterations per document in the timed workload
#   RW_HAND     empty when the driver has a HAND_ARENA variant, else why not
#   RW_REFUSED  number of hotspot refusals the case expects (default 0)
#   RW_DRIVER   the driver's path in a build folder (default arena_driver)
# and defines:
#   rw_wire     prints CMake lines appended to the project: the arena_driver executable
#               (other build systems redefine rw_db, rw_build and rw_own_tests instead)
#   rw_inputs   prints the driver's input files for the checked run (absolute paths)
#   rw_gen DIR  optional: writes generated inputs into DIR (the driver's folder)
#
# The caller (run.sh) sets: tool rt here cache results san, and fail().

# rw_fetch: a fresh copy of the package's source tree in $w/orig (the cache stays pristine).
rw_fetch() {
	local c="$cache/$RW_PKG"
	if ! ls -d "$c"/*/ > /dev/null 2>&1; then
		mkdir -p "$c"
		(cd "$c" && apt-get source -qq "$RW_PKG") > "$w/fetch.log" 2>&1 ||
			{ cat "$w/fetch.log"; rm -rf "$c"; fail "apt-get source $RW_PKG"; }
	fi
	local tree
	tree=$(ls -d "$c"/*/ | head -n 1)
	RW_VERSION=$(basename "$tree")
	cp -r "$tree/${RW_SUBDIR:-.}" "$w/orig"
	mkdir "$w/orig/arena_driver"
	cp "$here/$lib/driver.c" "$here/driver_common.h" "$here/hand_arena.h" "$w/orig/arena_driver/"
	local wire
	wire=$(rw_wire)
	[ -n "$wire" ] && echo "$wire" >> "$w/orig/CMakeLists.txt"
	if declare -F rw_gen > /dev/null; then rw_gen "$w/orig/arena_driver"; fi
}

# rw_runtime NAME FLAGS: the runtime as a static library, linked into every executable of a
# build through CMAKE_C_STANDARD_LIBRARIES (libraries are built static, so there is one copy).
rw_runtime() {
	cc $2 -fno-builtin-malloc -fno-builtin-calloc -I"$rt" -c "$rt/arena_rt.c" -o "$w/$1.o" &&
		ar rcs "$w/lib$1.a" "$w/$1.o" || fail "runtime $1"
}

# rw_build SRC BUILD CFLAGS LDFLAGS RUNTIME [TARGET]
rw_build() {
	local libs="-lpthread"
	[ -n "$5" ] && libs="$w/lib$5.a -lpthread"
	# shellcheck disable=SC2086
	cmake -S "$1" -B "$2" -DCMAKE_BUILD_TYPE=None $RW_CMAKE -DCMAKE_C_FLAGS="$3" \
		-DCMAKE_CXX_FLAGS="$3" -DCMAKE_EXE_LINKER_FLAGS="$4" \
		-DCMAKE_C_STANDARD_LIBRARIES="$libs" -DCMAKE_CXX_STANDARD_LIBRARIES="$libs" \
		> "$2.log" 2>&1 &&
		cmake --build "$2" -j2 --target ${6:-${RW_TARGETS:-all}} >> "$2.log" 2>&1 ||
		{ tail -n 40 "$2.log"; fail "$lib: build $(basename "$2")"; }
}

# rw_db: the project's compile database in $w/src/build-db (CMake projects: configuring is
# enough). A case may redefine it, and rw_build and rw_own_tests, for another build system.
rw_db() {
	# shellcheck disable=SC2086
	cmake -S "$w/src" -B "$w/src/build-db" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON $RW_CMAKE \
		-DCMAKE_C_FLAGS="-I$rt" > "$w/db.log" 2>&1 || { cat "$w/db.log"; fail "$lib: cmake (database)"; }
}

# rw_rewrite: the rewrite through the project's compile database, then a second run that must
# print nothing.
rw_rewrite() {
	cp -r "$w/orig" "$w/src"
	rw_db
	local rules=() want=0 rc
	[ -f "$here/$lib/rules.json" ] && rules=(--rules "$here/$lib/rules.json")
	[ "${RW_REFUSED:-0}" -gt 0 ] && want=1
	cd "$w/src" || fail "cd"
	local start end
	start=$(date +%s%N)
	# shellcheck disable=SC2086
	"$tool" --hotspots "$here/$lib/hotspots.json" "${rules[@]}" -p build-db \
		--report "$w/report.json" -i $RW_SOURCES arena_driver/driver.c 2> "$w/rewrite.err"
	rc=$?
	end=$(date +%s%N)
	[ $rc = $want ] || { cat "$w/rewrite.err"; fail "$lib: rewrite exited $rc, expected $want"; }
	RW_REWRITE_MS=$(((end - start) / 1000000))
	# shellcheck disable=SC2086
	"$tool" --hotspots "$here/$lib/hotspots.json" "${rules[@]}" -p build-db \
		$RW_SOURCES arena_driver/driver.c > "$w/again.diff" 2> /dev/null
	rc=$?
	[ $rc = $want ] || fail "$lib: second run exited $rc"
	[ -s "$w/again.diff" ] && { head -n 40 "$w/again.diff"; fail "$lib: second run changed the rewritten sources"; }
	(cd "$w" && diff -ru orig src -x build-db > rewrite.diff)
	cd "$w" || fail "cd"
	rw_count_report
}

# rw_summary KEY: one count of the report's summary (docs/rewrite.md, section 9, defines them).
rw_summary() {
	grep -A8 '"summary"' "$w/report.json" | grep -o "\"$1\":[[:space:]]*[0-9]*" | grep -o '[0-9]*$'
}

# rw_count_report: figures from the --report JSON (cJSON prints one key per line).
rw_count_report() {
	RW_SITES=$(rw_summary sites_rewritten)
	RW_SKIPPED=$(rw_summary sites_skipped)
	RW_OWNER=$(rw_summary ownership_aware)
	RW_REFUSALS=$(grep -c 'error: .* refused' "$w/rewrite.err")
	RW_WHY=$(grep -o '\[arena-[a-z-]*\]' "$w/rewrite.err" | sort | uniq -c |
		awk '{printf "%s%s x%s", sep, $2, $1; sep=", "}')
}

# rw_own_tests BUILD: the project's own tests (ctest); sets RW_T to the number that passed.
rw_own_tests() {
	local b=$1
	# shellcheck disable=SC2086
	(cd "$w/$b" && ASAN_OPTIONS=${RW_TESTS_ASAN:-$ASAN_OPTIONS} \
		ctest -j2 --timeout 600 $RW_CTEST > "../$b.ctest" 2>&1)
	local summary failed
	summary=$(grep -o '[0-9]*% tests passed, [0-9]* tests failed out of [0-9]*' "$w/$b.ctest")
	[ -n "$summary" ] || { tail -n 20 "$w/$b.ctest"; fail "$lib: ctest in $b"; }
	RW_T=${summary##* }
	failed=$(echo "$summary" | sed 's/.* \([0-9]*\) tests failed.*/\1/')
	[ "$failed" = 0 ] || { grep -i 'fail' "$w/$b.ctest" | head -n 20; fail "$lib: own tests in $b"; }
}

# rw_check BUILD: its own tests and the driver in one sanitizer build.
rw_check() {
	local b=$1
	rw_own_tests "$b"
	eval "RW_TESTS_${b//-/_}=\$RW_T"
	# shellcheck disable=SC2046
	"$w/$b/${RW_DRIVER:-arena_driver}" $(rw_inputs) > "$w/$b.out" 2> "$w/$b.err" ||
		{ tail -n 30 "$w/$b.err"; fail "$lib: driver in $b"; }
	[ -s "$w/$b.err" ] && { head -n 30 "$w/$b.err"; fail "$lib: driver in $b wrote to stderr"; }
	cmp -s "$w/b-orig.out" "$w/$b.out" || { diff "$w/b-orig.out" "$w/$b.out" | head; fail "$lib: driver output of $b differs"; }
}

# rw_bench: -O2 builds of the driver (original, rewritten, revert: the rewritten sources with
# -DARENA_USE_MALLOC, and the hand arena where there is one), timed side by side, interleaved;
# medians of the wall time in ms and of the peak RSS in KiB (/usr/bin/time's %M); then rw_memory.
rw_bench() {
	local flags="-O2 -g" rounds=${ARENA_REAL_WORLD_ROUNDS:-5} v r
	rw_runtime rt-o2 "$flags"
	rw_runtime rt-o2-malloc "$flags -DARENA_USE_MALLOC"
	rw_build "$w/orig" "$w/o-orig" "$flags" "" "" arena_driver
	rw_build "$w/src" "$w/o-arena" "$flags -I$rt" "" rt-o2 arena_driver
	rw_build "$w/src" "$w/o-revert" "$flags -I$rt -DARENA_USE_MALLOC" "" rt-o2-malloc arena_driver
	local variants="orig arena revert"
	if [ -z "$RW_HAND" ]; then
		rw_build "$w/orig" "$w/o-hand" "$flags -DHAND_ARENA" "" "" arena_driver
		variants="orig arena revert hand"
	fi
	cd "$w/orig" || fail "cd"
	for r in $(seq "$rounds"); do
		for v in $variants; do
			local start end
			start=$(date +%s%N)
			# shellcheck disable=SC2086
			/usr/bin/time -o "$w/o-$v.rss1" -f %M "$w/o-$v/${RW_DRIVER:-arena_driver}" \
				-n "$RW_BENCH_N" $RW_BENCH > "$w/o-$v.out" || fail "$lib: timed driver $v"
			end=$(date +%s%N)
			echo $(((end - start) / 100000)) >> "$w/o-$v.times"
			tail -n 1 "$w/o-$v.rss1" >> "$w/o-$v.rss"
		done
	done
	cd "$w" || fail "cd"
	for v in $variants; do
		# tenths of a millisecond, median of the rounds
		eval "RW_MS_$v=$(sort -n "$w/o-$v.times" | awk '{a[NR]=$1} END {m=a[int((NR+1)/2)]; printf "%d.%d", m/10, m%10}')"
		eval "RW_RSS_$v=$(sort -n "$w/o-$v.rss" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
	done
	for v in arena revert; do
		cmp -s "$w/o-orig.out" "$w/o-$v.out" || fail "$lib: timed driver output of $v differs"
	done
	rw_memory
}

# rw_ir_passes: the driver's -n for the instruction counts (rw_memory)
rw_ir_passes() {
	local n=$((RW_BENCH_N / 20))
	[ "$n" -ge 1 ] && echo "$n" || echo 1
}

# rw_memory: what the arenas of the rewritten and the revert build held (one run of the timed
# workload under ARENA_STATS=1: the most one arena held at its release, how much of that the
# program had freed and the arena could not reclaim, the warnings), and the instructions of the
# original, rewritten and revert driver over a twentieth of it (callgrind: stable on a busy
# machine; at least one pass, so that the process's start-up is a small part of the count).
rw_memory() {
	local v n
	n=$(rw_ir_passes)
	cd "$w/orig" || fail "cd"
	for v in arena revert; do
		# shellcheck disable=SC2086
		ARENA_STATS=1 "$w/o-$v/${RW_DRIVER:-arena_driver}" -n "$RW_BENCH_N" $RW_BENCH 2>&1 > /dev/null |
			awk '/arena_rt: arena/ { for (i = 1; i <= NF; i++) {
					if ($(i + 1) == "B" && $(i + 2) == "held") h = $i
					if ($(i + 1) == "B" && $(i + 2) == "freed") u = $i }
					if (h > m) { m = h; mu = u } }
				/arena_rt: warning/ { n++ }
				END { printf "%d %d %d\n", m, mu, n }' > "$w/o-$v.stats"
	done
	for v in orig arena revert; do
		# shellcheck disable=SC2086
		valgrind --tool=callgrind --callgrind-out-file=/dev/null \
			"$w/o-$v/${RW_DRIVER:-arena_driver}" -n "$n" $RW_BENCH 2>&1 > /dev/null |
			awk '/Collected :/ { print $NF }' > "$w/o-$v.ir"
		[ -s "$w/o-$v.ir" ] || fail "$lib: callgrind of $v"
	done
	cd "$w" || fail "cd"
}

# rw_profile: what a user would start from: a DHAT profile of the original driver (one pass
# over the timed workload) through `arena-rewrite --profile`; its top three entries and their
# share of all allocations go into the results.
rw_profile() {
	(cd "$w/orig" && valgrind --tool=dhat --num-callers=40 --dhat-out-file="$w/dhat.json" \
		"$w/o-orig/${RW_DRIVER:-arena_driver}" -n 1 $RW_BENCH > /dev/null 2> "$w/dhat.log") ||
		{ tail -n 20 "$w/dhat.log"; fail "$lib: valgrind --tool=dhat"; }
	"$tool" --profile "$w/dhat.json" --top 3 > "$w/profile.json" || fail "$lib: --profile"
	# the entries' own keys are at three tabs (cJSON's layout); callers are deeper
	RW_PROFILE=$(awk -F '\t' '/^\t\t\t"function":/ { gsub(/[",]/, "", $5); f = $5 }
		/^\t\t\t"share":/ { printf "%s%s %.0f%%", sep, f, $5 * 100; sep = ", " }' "$w/profile.json")
}

# rw_case: every step for $lib, then its results file.
rw_case() {
	w="$work/$lib"
	rm -rf "$w"
	mkdir -p "$w"
	RW_SUBDIR= RW_CTEST= RW_TESTS_ASAN= RW_TARGETS= RW_DRIVER= RW_HAND= RW_REFUSED=0 RW_MS_hand= RW_RSS_hand=
	# shellcheck disable=SC1090
	. "$here/$lib/case.sh"
	rw_fetch
	rw_rewrite
	rw_runtime rt-arena "$san"
	rw_runtime rt-malloc "$san -DARENA_USE_MALLOC"
	rw_build "$w/orig" "$w/b-orig" "$san" "$san" ""
	rw_build "$w/src" "$w/b-arena" "$san -I$rt" "$san" rt-arena
	rw_build "$w/src" "$w/b-malloc" "$san -I$rt -DARENA_USE_MALLOC" "$san" rt-malloc
	rw_check b-orig
	rw_check b-arena
	rw_check b-malloc
	rw_bench
	rw_profile
	local vs_hand="n/a: $RW_HAND"
	[ -z "$RW_HAND" ] && vs_hand=$(awk "BEGIN {printf \"%.2fx\", $RW_MS_hand / $RW_MS_arena}")
	cat > "$results/$lib.txt" <<RES
library	$lib
source	$RW_VERSION
style	$RW_STYLE
sites	$RW_SITES
ownership_aware	$RW_OWNER
skipped	$RW_SKIPPED
refusals	$RW_REFUSALS${RW_WHY:+ ($RW_WHY)}
profile_top	$RW_PROFILE
tests	$RW_TESTS_b_orig
tests_arena	$RW_TESTS_b_arena/$RW_TESTS_b_orig
tests_malloc	$RW_TESTS_b_malloc/$RW_TESTS_b_orig
driver_lines	$(grep -c . "$w/b-orig.out")
rewrite_ms	$RW_REWRITE_MS
ms_orig	$RW_MS_orig
ms_arena	$RW_MS_arena
ms_hand	${RW_MS_hand:-}
vs_orig	$(awk "BEGIN {printf \"%.2fx\", $RW_MS_orig / $RW_MS_arena}")
vs_hand	$vs_hand
ms_revert	$RW_MS_revert
revert_time	$(awk "BEGIN {printf \"%.2fx\", $RW_MS_revert / $RW_MS_orig}")
rss_orig	$RW_RSS_orig
rss_arena	$RW_RSS_arena
rss_revert	$RW_RSS_revert
rss_hand	${RW_RSS_hand:-}
rss_ratio	$(awk "BEGIN {printf \"%.2fx\", $RW_RSS_arena / $RW_RSS_orig}")
stats_arena	$(cat "$w/o-arena.stats")
stats_revert	$(cat "$w/o-revert.stats")
ir_orig	$(cat "$w/o-orig.ir")
ir_arena	$(cat "$w/o-arena.ir")
ir_revert	$(cat "$w/o-revert.ir")
ir_passes	$(rw_ir_passes)
revert_ir	$(awk "BEGIN {printf \"%.3fx\", $(cat "$w/o-revert.ir") / $(cat "$w/o-orig.ir")}")
RES
	sed 's/^/  /' "$results/$lib.txt"
}
