#!/usr/bin/env bash
# Real-world suite (opt-in: ARENA_REAL_WORLD=1). Fetches Debian source packages with
# `apt-get source` at test time (nothing of theirs is kept in this repository), rewrites their
# allocation hotspots through their own build's compile_commands.json, and checks that their own
# test suites and our drivers behave the same in arena mode and in ARENA_USE_MALLOC mode, under
# ASan+UBSan with leak detection; then times the driver's workload (original, rewritten, and a
# hand-written arena where the library's hooks allow one). One folder per library
# (tests/realworld/LIB/case.sh, hotspots.json, rules.json, driver.c); the steps are in lib.sh;
# table.sh turns the results into docs/realworld.md.
#
# usage: run.sh TOOL RUNTIME_DIR [LIB...]     (exit 77: skipped)
#   ARENA_REAL_WORLD_CACHE  where fetched sources are kept (default: next to TOOL)
#   ARENA_REAL_WORLD_ROUNDS timed runs per variant (default 5)
set -u
tool=$(realpath "$1") rt=$(realpath "$2")
shift 2
here=$(cd "$(dirname "$0")" && pwd)
if [ "${ARENA_REAL_WORLD:-0}" != 1 ]; then
	echo "skipped: set ARENA_REAL_WORLD=1 to fetch and test Debian sources"
	exit 77
fi
fail() { echo "FAIL: $*"; exit 1; }
need_root() { [ "$(id -u)" = 0 ] || fail "needs root to add the deb-src entry and install the tools"; }

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
# The Debian packages of the tools the steps run: dpkg-source (`apt-get source`), bear (Mini-XML's
# compile database), valgrind (the DHAT profile).
missing=
for t in dpkg-source:dpkg-dev bear:bear valgrind:valgrind; do
	command -v "${t%%:*}" > /dev/null || missing="$missing ${t#*:}"
done
if [ -n "$missing" ]; then
	need_root
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing > /dev/null || fail "apt-get install$missing"
fi

top=$(dirname "$tool")
cache=${ARENA_REAL_WORLD_CACHE:-$top/realworld-cache}
work=$top/realworld-work
results=$top/realworld-results
mkdir -p "$cache" "$work" "$results"
san="-fsanitize=address,undefined -fno-omit-frame-pointer -g -O1"
export ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# shellcheck source=lib.sh
. "$here/lib.sh"

[ $# -gt 0 ] || set -- $(cd "$here" && ls -d */ | tr -d /)
passed=0 failed=0
for lib in "$@"; do
	[ -f "$here/$lib/case.sh" ] || fail "no case tests/realworld/$lib"
	start=$(date +%s)
	if (rw_case); then
		passed=$((passed + 1))
		echo "$lib: green in $(($(date +%s) - start)) s"
	else
		failed=$((failed + 1))
		echo "$lib: FAILED after $(($(date +%s) - start)) s (work folder $work/$lib)"
	fi
done
echo "$passed passed, $failed failed"
[ $failed = 0 ]
