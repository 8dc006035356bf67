#!/bin/sh
# Builds small projects that use the runtime the three documented ways, each a C99 program that
# must build and print "arena_rt ok": add_subdirectory from a C99 parent that never called
# find_package(Threads); after `cmake --install`, pkg-config; and find_package(arena_rt).
# Usage: parents.sh RUNTIME_DIR TEST_DIR OUT_DIR
set -eu
rt=$1 here=$2 out=$3
rm -rf "$out"
mkdir -p "$out"
gen() { cmake -DCMAKE_BUILD_TYPE=Release "$@" >"$out/log" 2>&1 || { cat "$out/log"; exit 1; }; }
build() { cmake --build "$1" -j2 >"$out/log" 2>&1 || { cat "$out/log"; exit 1; }; }
ran() { out1=$("$@") && [ "$out1" = "arena_rt ok" ] || { echo "FAIL: $* printed '$out1'"; exit 1; }; }

echo "== add_subdirectory from a C99 parent"
gen -S "$here/parent" -B "$out/parent" -DARENA_RT_DIR="$rt"
build "$out/parent"
ran "$out/parent/user"

echo "== cmake --install, then pkg-config"
gen -S "$rt" -B "$out/rt" -DCMAKE_INSTALL_PREFIX="$out/prefix"
build "$out/rt"
cmake --install "$out/rt" >"$out/log" 2>&1 || { cat "$out/log"; exit 1; }
pc=$(dirname "$(find "$out/prefix" -name arena_rt.pc)")
flags=$(PKG_CONFIG_PATH=$pc pkg-config --cflags --libs arena_rt)
${CC:-cc} -std=c99 -Wall -Wextra -Werror "$here/main.c" $flags -o "$out/pc_user"
ran "$out/pc_user"

echo "== find_package(arena_rt)"
gen -S "$here/consumer" -B "$out/consumer" -DCMAKE_PREFIX_PATH="$out/prefix"
build "$out/consumer"
ran "$out/consumer/user"
echo "parents.sh: all three ways build and run"
