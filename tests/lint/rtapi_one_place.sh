#!/usr/bin/env bash
# usage: rtapi_one_place.sh TOP. Fails when a string literal outside rules/rtapi.c names a
# runtime function or the runtime's header (arena_..., arena_rt.h).
set -u
cd "$1" || exit 1
hits=$(grep -n '"[^"]*\barena_[a-z_]*' tool/*.[ch] rewrite/*.[ch] rewrite/*/*.[ch] rules/*.[ch] base/*.[ch] |
	grep -v '^rules/rtapi\.c:')
if [ -n "$hits" ]; then
	echo "runtime names spelled outside rules/rtapi.c:"
	echo "$hits"
	exit 1
fi
echo "runtime names: only in rules/rtapi.c"
