#!/usr/bin/env bash
# Deep nesting: a function whose body is one very deep tree, as clang builds it for
#   a sum of N terms (left-nested operators), N comma operators, N case labels on one
#   statement (nested case statements) and an else-if chain of M links,
# rewritten as a hotspot and linted with --hotspots. Each run must end with exit 0, 1 or 2,
# never a signal (the conversion used to recurse once per level and overflow the stack at a few
# thousand). N defaults to 100,000. M defaults to 10,000: clang's parser is quadratic on
# else-if chains (and clang -fsyntax-only itself overflows beyond about 10,000), so 100,000
# links cost minutes of libclang time, not of the tool's; DEEP_ELIF_N=100000 runs them.
#
# usage: run.sh TOOL   (env: DEEP_N, DEEP_ELIF_N)
set -u
tool=$1
n=${DEEP_N:-100000}
m=${DEEP_ELIF_N:-10000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
fail=0

# gen SHAPE COUNT > FILE: f allocates (so the rewrite has work), then the deep part.
gen() {
	echo '#include <stdlib.h>'
	echo 'int f(int x)'
	echo '{'
	echo '	int *p = malloc(sizeof *p);'
	echo '	if (!p)'
	echo '		return 0;'
	echo '	*p = x;'
	echo '	int r = 0;'
	case $1 in
	sum) printf '\tr = *p'; awk -v n="$2" 'BEGIN { for (i = 1; i < n; i++) printf " + x"; }'; echo ';' ;;
	comma) printf '\tr = (*p'; awk -v n="$2" 'BEGIN { for (i = 1; i < n; i++) printf ", x"; }'; echo ');' ;;
	case)
		echo '	switch (*p) {'
		awk -v n="$2" 'BEGIN { for (i = 0; i < n; i++) printf "\tcase %d:\n", i; }'
		echo '		r = 1;'
		echo '	}' ;;
	elif)
		echo '	if (*p == 0)'
		echo '		r = 0;'
		awk -v n="$2" 'BEGIN { for (i = 1; i < n; i++) printf "\telse if (*p == %d)\n\t\tr = %d;\n", i, i; }' ;;
	esac
	echo '	free(p);'
	echo '	return r;'
	echo '}'
}

echo '{"hotspots": [{"function": "f"}]}' > hot.json
# check NAME ARGS...: the tool ends with 0, 1 or 2 (a signal is 128 + N)
check() {
	local name=$1 rc
	shift
	"$tool" "$@" > out.txt 2> err.txt
	rc=$?
	case $rc in
	0 | 1 | 2) echo "ok $name (exit $rc)" ;;
	*) echo "FAIL $name: exit $rc"; tail -3 err.txt; fail=1 ;;
	esac
}
for shape in sum comma case elif; do
	count=$n
	[ $shape = elif ] && count=$m
	gen $shape "$count" > "$shape.c"
	check "$shape x$count rewrite" --hotspots hot.json "$shape.c" --
	check "$shape x$count lint" --lint --hotspots hot.json "$shape.c" --
done
[ "$fail" = 0 ] && echo "PASS"
exit "$fail"
