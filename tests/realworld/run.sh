#!/usr/bin/env bash
# Real-world suite (opt-in: ARENA_REAL_WORLD=1). Fetches Debian source packages with
# `apt-get source` at test time (nothing of theirs is kept in this repository), rewrites their
# allocation hotspots, and checks that their own test suites and our drivers behave the same in
# arena mode and in ARENA_USE_MALLOC mode, under ASan+UBSan with leak detection.
#
# usage: run.sh TOOL RUNTIME_DIR     (exit 77: skipped)
set -u
tool=$1 rt=$2
here=$(cd "$(dirname "$0")" && pwd)
if [ "${ARENA_REAL_WORLD:-0}" != 1 ]; then
	echo "skipped: set ARENA_REAL_WORLD=1 to fetch and test Debian sources"
	exit 77
fi
fail() { echo "FAIL: $*"; exit 1; }
need_root() { [ "$(id -u)" = 0 ] || fail "needs root to add the deb-src entry and install dpkg-dev"; }

# A deb-src entry for bookworm, and dpkg-dev for `apt-get source`.
src_list=/etc/apt/sources.list.d/arena-rewrite-src.sources
if ! grep -rqs '^Types: deb-src' /etc/apt/sources.list.d/ && ! grep -qs '^deb-src' /etc/apt/sources.list; then
	need_root
	cat > "$src_list" <<SRC
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
	apt-get update -qq || fail "apt-get update"
fi
if ! command -v dpkg-source > /dev/null; then
	need_root
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dpkg-dev > /dev/null || fail "dpkg-dev"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
san="-fsanitize=address,undefined -fno-omit-frame-pointer -g -O1"
export ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

# ---- cJSON: hook pointers, a scope in our driver, cJSON's own unit tests ----------------------
apt-get source -qq cjson > fetch.log 2>&1 || { cat fetch.log; fail "apt-get source cjson"; }
src=$(ls -d cjson-*/ | head -n 1)
src=${src%/}
cp "$here/cjson_driver.c" "$src/"
printf '\nadd_executable(arena_driver cjson_driver.c cJSON.c)\n' >> "$src/CMakeLists.txt"
cp -r "$src" orig
cmake -S "$src" -B "$src/build" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DENABLE_CJSON_TEST=ON \
	-DENABLE_CUSTOM_COMPILER_FLAGS=OFF > cmake.log 2>&1 || { cat cmake.log; fail "cmake cjson"; }
cd "$src"
start=$(date +%s%N)
"$tool" --hotspots "$here/cjson_hotspots.json" --rules "$here/cjson_rules.json" -p build \
	-i cJSON.c cjson_driver.c 2> ../rewrite.err || { cat ../rewrite.err; fail "rewrite of cJSON"; }
end=$(date +%s%N)
echo "cjson: rewrite took $(((end - start) / 1000000)) ms"
grep -c 'arena_' cJSON.c | sed 's/^/cjson: lines with arena_ calls in cJSON.c: /'
"$tool" --hotspots "$here/cjson_hotspots.json" --rules "$here/cjson_rules.json" -p build \
	cJSON.c cjson_driver.c > ../again.diff 2> /dev/null || fail "second run"
[ -s ../again.diff ] && { cat ../again.diff; fail "second run changed the rewritten cJSON"; }
cd ..
# The runtime goes into the library and the driver.
cat >> "$src/CMakeLists.txt" <<CM
target_sources("\${CJSON_LIB}" PRIVATE $rt/arena_rt.c)
target_sources(arena_driver PRIVATE $rt/arena_rt.c)
find_package(Threads)
target_link_libraries("\${CJSON_LIB}" Threads::Threads)
target_link_libraries(arena_driver Threads::Threads)
CM
build() { # srcdir builddir extra-cflags
	cmake -S "$1" -B "$2" -DENABLE_CJSON_TEST=ON -DENABLE_CUSTOM_COMPILER_FLAGS=OFF \
		-DBUILD_SHARED_LIBS=OFF -DCMAKE_C_FLAGS="$san $3" -DCMAKE_EXE_LINKER_FLAGS="$san" \
		> "$2.log" 2>&1 && cmake --build "$2" -j2 >> "$2.log" 2>&1 || { tail -n 30 "$2.log"; fail "build $2"; }
}
build orig b-orig ""
build "$src" b-arena "-I$rt"
build "$src" b-malloc "-I$rt -DARENA_USE_MALLOC"
inputs=$(ls "$src"/tests/inputs/test* 2> /dev/null | grep -v '\.expected$')
for b in b-orig b-arena b-malloc; do
	(cd $b && ctest -j2 > ../$b.ctest 2>&1) || { cat $b.ctest; fail "cJSON's own tests in $b"; }
	# shellcheck disable=SC2086
	./$b/arena_driver $inputs > $b.out 2> $b.err || { cat $b.err; fail "driver in $b"; }
	[ -s $b.err ] && { cat $b.err; fail "driver in $b wrote to stderr"; }
done
cmp -s b-orig.out b-arena.out || { diff b-orig.out b-arena.out | head; fail "arena driver output differs"; }
cmp -s b-orig.out b-malloc.out || { diff b-orig.out b-malloc.out | head; fail "malloc-mode driver output differs"; }
echo "cjson: $(grep -c . b-orig.out) driver lines equal in the three builds; cJSON's own tests:" \
	"$(grep -o 'tests passed.*out of [0-9]*' b-arena.ctest | head -n1) (arena)," \
	"$(grep -o 'tests passed.*out of [0-9]*' b-malloc.ctest | head -n1) (malloc mode)"
echo "1 passed, 0 failed"
