#!/usr/bin/env bash
# The committed runtime/arena_rt.c (what users copy) is exactly what runtime/amalgamate.sh joins
# from runtime/src/ now. Fails after a piece is edited and the copy not refreshed, or the copy
# edited by hand (the edit belongs in runtime/src/).
set -euo pipefail
rt=$1
if ! bash "$rt/amalgamate.sh" - | diff -u "$rt/arena_rt.c" - > "${TMPDIR:-/tmp}/amalgamation.$$.diff"; then
	head -n 40 "${TMPDIR:-/tmp}/amalgamation.$$.diff"
	rm -f "${TMPDIR:-/tmp}/amalgamation.$$.diff"
	echo "FAIL: runtime/arena_rt.c is not what runtime/amalgamate.sh makes from runtime/src/;" \
		"edit the pieces, then run: bash runtime/amalgamate.sh runtime/arena_rt.c"
	exit 1
fi
rm -f "${TMPDIR:-/tmp}/amalgamation.$$.diff"
echo "runtime/arena_rt.c is current"
