#!/usr/bin/env bash
# Installs the build tree given as $1 into a temporary prefix and checks what landed there.
set -euo pipefail
build=$1
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" > /dev/null
fail=0
check() {
	if [ -e "$prefix/$1" ]; then echo "ok: $1"; else echo "MISSING: $1"; fail=1; fi
}
check bin/arena-rewrite
check share/man/man1/arena-rewrite.1
check include/arena_rt.h
check lib/pkgconfig/arena_rt.pc
"$prefix/bin/arena-rewrite" --version | grep -q '^arena-rewrite [0-9]' || { echo "bad --version"; fail=1; }
if command -v man > /dev/null; then
	man -l "$prefix/share/man/man1/arena-rewrite.1" 2> /dev/null | grep -q 'EXIT STATUS' || { echo "man page does not render"; fail=1; }
fi
exit $fail
