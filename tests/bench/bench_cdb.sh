#!/usr/bin/env bash
# Benchmark (not a test): rewriting one source of a project whose compile_commands.json has
# ENTRIES entries (issue 24: loading the database made n^2/2 stat calls), side by side with
# `clang -fsyntax-only` of that one file. Every entry names a file of its own that exists, in a
# folder of 1,000, with its own -I and -D flags. Prints, per size, the medians of RUNS runs
# (elapsed and CPU seconds, /usr/bin/time), the ratio to clang, and the tool's stat-family
# calls (strace -c, one run; "-" without strace) against the number of entries.
#
# usage: bench_cdb.sh TOOL [RUNS] [SIZES]
#   SIZES  entries, space-separated (default "10000 50000")
# Environment: CLANG (default clang); NO_STRACE=1 skips the count (under strace a tool that
# makes n^2/2 calls takes hours).
set -euo pipefail
tool=$(realpath "$1") runs=${2:-3} sizes=${3:-10000 50000}
clang=${CLANG:-clang}
[ -x /usr/bin/time ] || { echo "bench_cdb: needs /usr/bin/time (package time)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

cat > hot.json <<'J'
{"hotspots": [{"function": "f"}]}
J

# project N: src/dK/uI.c for I < N (1,000 a folder), src/d0/u0.c holding the hotspot.
project() {
	local n=$1
	rm -rf src build && mkdir -p build
	awk -v n="$n" -v top="$PWD" 'BEGIN {
		printf "[" > "build/compile_commands.json"
		for (i = 0; i < n; i++) {
			d = int(i / 1000)
			if (i % 1000 == 0)
				system("mkdir -p src/d" d " inc/d" d)
			f = "src/d" d "/u" i ".c"
			if (i == 0) {
				print "#include <stdlib.h>" > f
				print "int f(int n)\n{\n\tint *p = malloc(sizeof(int) * (size_t)n);\n\tfree(p);\n\treturn n;\n}" > f
			} else {
				print "int g" i "(void) { return " i "; }" > f
			}
			close(f)
			printf "%s{\"directory\": \"%s\", \"file\": \"%s\", \"arguments\": [\"cc\", \"-Iinc/d%d\", \"-DUNIT=%d\", \"-O2\", \"-c\", \"%s\", \"-o\", \"%s.o\"]}", \
				(i ? ",\n" : ""), top, f, d, i, f, f > "build/compile_commands.json"
		}
		print "]" > "build/compile_commands.json"
	}'
}

# median of the numbers on stdin
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# timed NAME CMD...: RUNS runs, "elapsed cpu" medians on stdout
timed() {
	local i
	for i in $(seq "$runs"); do
		/usr/bin/time -f '%e %U %S' -o t.$i "$@" > /dev/null 2>&1 || { echo "bench_cdb: $* failed" >&2; exit 1; }
	done
	local e c
	e=$(for i in $(seq "$runs"); do awk '{ print $1 }' t.$i; done | median)
	c=$(for i in $(seq "$runs"); do awk '{ print $2 + $3 }' t.$i; done | median)
	echo "$e $c"
}

stats() {
	{ command -v strace > /dev/null && [ -z "${NO_STRACE:-}" ]; } || { echo -; return; }
	strace -f -c -o s.txt "$@" > /dev/null 2>&1 || true
	awk '$NF ~ /^(stat|lstat|newfstatat|fstatat64|statx)$/ { n += $4 } END { print n + 0 }' s.txt
}

printf '%-8s %-26s %-22s %-10s %-10s\n' entries "arena-rewrite -p (s, cpu)" "clang -fsyntax-only" ratio "stat calls"
for n in $sizes; do
	project "$n"
	read -r te tc < <(timed "$tool" --hotspots hot.json -p build src/d0/u0.c)
	read -r ce cc < <(timed "$clang" -fsyntax-only -Iinc/d0 -DUNIT=0 -O2 src/d0/u0.c)
	s=$(stats "$tool" --hotspots hot.json -p build src/d0/u0.c)
	printf '%-8s %-26s %-22s %-10s %-10s\n' "$n" "$te ($tc)" "$ce ($cc)" \
		"$(awk -v a="$te" -v b="$ce" 'BEGIN { printf "%.1fx", a / b }')" "$s"
done
