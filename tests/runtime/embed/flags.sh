#!/bin/sh
# Compiles the runtime (arena_rt.c) and a user file including arena_rt.h (also behind a config.h
# that defines `inline` away) under every flag set × compiler × runtime mode that strict
# projects use, with -Werror. Compile only; prints the failing builds and exits 1 on any.
# Usage: flags.sh RUNTIME_DIR TEST_DIR OUT_DIR   (CCS="gcc clang" to choose compilers)
set -u
rt=$1 here=$2 out=$3
mkdir -p "$out" || exit 1
warn="-Wall -Wextra -Werror -Wcast-qual -Wshadow -Wstrict-prototypes -Wmissing-prototypes"
warn="$warn -Wpointer-arith -Wundef -Wwrite-strings"
n=0
for cc in ${CCS:-gcc clang}; do
	command -v "$cc" >/dev/null || { echo "flags.sh: no $cc"; exit 1; }
	for std in "-std=c11 -D_GNU_SOURCE" "-std=gnu11" "-std=c99" "-std=gnu99" \
		"-std=c11 -pedantic"; do
		for mode in "" "-DARENA_USE_MALLOC" "-DARENA_DEBUG"; do
			for src in "$rt/arena_rt.c" "$here/user.c" "$here/user.c -DWITH_CONFIG_H"; do
				# debug mode changes only the .c
				[ "$mode" = -DARENA_DEBUG ] && [ "$src" != "$rt/arena_rt.c" ] && continue
				n=$((n + 1))
				cmd="$cc $std $mode $warn -I$rt -I$here -c $src -o $out/$n.o"
				printf '%s >%s 2>&1 || { echo "FAIL: %s"; head -5 %s; }\n' \
					"$cmd" "$out/$n.log" "$cmd" "$out/$n.log" >"$out/$n.sh"
			done
		done
	done
	# The header alone in C89 units (a library's -std=c89 -pedantic build includes it; the .c
	# is built as its own C99 target).
	for std in "-std=c89 -pedantic-errors" "-ansi -pedantic-errors" "-std=gnu89 -pedantic"; do
		for mode in "" "-DARENA_USE_MALLOC"; do
			for src in "$here/user.c" "$here/user.c -DWITH_CONFIG_H"; do
				n=$((n + 1))
				cmd="$cc $std $mode $warn -I$rt -I$here -c $src -o $out/$n.o"
				printf '%s >%s 2>&1 || { echo "FAIL: %s"; head -5 %s; }\n' \
					"$cmd" "$out/$n.log" "$cmd" "$out/$n.log" >"$out/$n.sh"
			done
		done
	done
done
# two at a time: the matrix stays well under a minute on two cores
seq 1 $n | sed "s|.*|$out/&.sh|" | xargs -P2 -n1 sh >"$out/fails"
fails=$(grep -c '^FAIL' "$out/fails")
echo "flags.sh: $((n - fails)) of $n builds warning-free"
cat "$out/fails"
[ "$fails" -eq 0 ]
