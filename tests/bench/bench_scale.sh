#!/usr/bin/env bash
# Benchmark (not a test): how the rewrite and the lint scale with the size of a translation unit
# and the number of hotspots, and how -j scales over several units, side by side with
# `clang -fsyntax-only` of the same input. Prints medians of RUNS runs (/usr/bin/time: elapsed
# seconds, CPU seconds (user + system: what a loaded machine moves less) and peak resident
# memory), the ratio of each to clang, and the growth per doubling of the elapsed time.
#
# usage: bench_scale.sh TOOL [RUNS] [SIZES] [JOBS_FILES] [JOBS_FUNCS]
#   SIZES       functions per file, space-separated (default "1000 2000 4000 8000"); half of
#               them are hotspots
#   JOBS_FILES  files in the -j section (default 16), JOBS_FUNCS functions each (default 300)
# Environment: CLANG (default clang).
set -euo pipefail
tool=$(realpath "$1") runs=${2:-3} sizes=${3:-1000 2000 4000 8000}
jfiles=${4:-16} jfuncs=${5:-300}
clang=${CLANG:-clang}
[ -x /usr/bin/time ] || { echo "bench_scale: needs /usr/bin/time (package time)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

# gen PREFIX N FILE HOTFILE: N functions named PREFIX_I that each build and free a list;
# every even I is listed as a hotspot.
gen() {
	awk -v p="$1" -v n="$2" -v hot="$4" 'BEGIN {
	print "#include <stdlib.h>"
	print "#include <string.h>"
	print "struct node { int v; struct node *next; char *name; };"
	printf "{\"hotspots\": [" > hot
	sep = ""
	for (i = 1; i <= n; i++) {
		printf "int %s_%d(int n)\n{\n\tstruct node *head = NULL;\n", p, i
		print "\tfor (int i = 0; i < n; i++) {"
		print "\t\tstruct node *x = malloc(sizeof *x);"
		print "\t\tif (!x)\n\t\t\treturn -1;"
		printf "\t\tx->v = i * %d;\n", i
		print "\t\tx->name = strdup(\"node\");"
		print "\t\tx->next = head;\n\t\thead = x;\n\t}"
		print "\tint s = 0;\n\twhile (head) {"
		print "\t\tstruct node *nx = head->next;"
		print "\t\ts += head->v + (int)strlen(head->name);"
		print "\t\tfree(head->name);\n\t\tfree(head);\n\t\thead = nx;\n\t}"
		print "\treturn s;\n}"
		if (i % 2 == 0) {
			printf "%s{\"function\": \"%s_%d\"}", sep, p, i > hot
			sep = ", "
		}
	}
	print "]}" > hot
	}' > "$3"
}

# measure SETUP CMD...: runs SETUP then CMD, RUNS times; sets $sec, $cpu and $kb (medians).
median() { sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
measure() {
	local setup=$1 i
	shift
	: > times
	for ((i = 0; i < runs; i++)); do
		eval "$setup"
		/usr/bin/time -o t1 -f "%e %M %U %S" "$@" > /dev/null 2>&1 || true
		tail -n 1 t1 >> times
	done
	sec=$(awk '{print $1}' times | median)
	kb=$(awk '{print $2}' times | median)
	cpu=$(awk '{print $3 + $4}' times | median)
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf (b > 0 ? "%.2f" : "-"), (b > 0 ? a / b : 0)}'; }

echo "arena-rewrite scale benchmark: median of $runs runs; time in s, peak memory in MB"
echo "commit: $(git -C "$(dirname "$tool")" rev-parse --short HEAD 2> /dev/null || echo unknown)"
echo "cores: $(nproc); $("$clang" --version | head -n 1)"
echo
printf "%6s %-12s %8s %7s %8s %7s %8s %7s %8s\n" funcs run time xclang cpu xclang MB xclang growth
declare -A prev
for n in $sizes; do
	gen work "$n" "big$n.c" "hot$n.json"
	measure : "$clang" -fsyntax-only "big$n.c"
	ct=$sec cm=$kb cc=$cpu
	for what in clang diff inplace lint; do
		case $what in
		clang) sec=$ct kb=$cm cpu=$cc ;;
		diff) measure : "$tool" --hotspots "hot$n.json" "big$n.c" -- ;;
		inplace) measure "cp big$n.c copy$n.c" "$tool" --hotspots "hot$n.json" -i "copy$n.c" -- ;;
		lint) measure : "$tool" --lint --hotspots "hot$n.json" "big$n.c" -- ;;
		esac
		growth=-
		[ -n "${prev[$what]:-}" ] && growth=$(ratio "$sec" "${prev[$what]}")
		prev[$what]=$sec
		printf "%6s %-12s %8.2f %7s %8.2f %7s %8.0f %7s %8s\n" "$n" "$what" "$sec" \
			"$(ratio "$sec" "$ct")" "$cpu" "$(ratio "$cpu" "$cc")" \
			"$(awk -v k="$kb" 'BEGIN {print k / 1024}')" "$(ratio "$kb" "$cm")" "$growth"
	done
	echo "       (diff: $("$tool" --hotspots "hot$n.json" "big$n.c" -- 2> /dev/null | wc -l) lines; file: $(wc -l < "big$n.c") lines)"
done

echo
echo "-j scaling: $jfiles files of $jfuncs functions (half hotspots)"
files=()
: > hotj.json
for ((f = 1; f <= jfiles; f++)); do
	gen "u${f}" "$jfuncs" "u$f.c" "hot_u$f.json"
	files+=("u$f.c")
done
# One list naming the hotspots of every file.
sed -e 's/^{"hotspots": \[//' -e 's/\]}$//' hot_u*.json | paste -sd, | sed 's/^/{"hotspots": [/; s/$/]}/' > hotj.json
printf 'for f in %s; do %q -fsyntax-only "$f"; done\n' "${files[*]}" "$clang" > seq.sh
measure : bash seq.sh
seqt=$sec
printf "%-28s %8s %7s %8s\n" "" time xclang cpu
printf "%-28s %8.2f %7s %8.2f\n" "clang, $jfiles files one by one" "$seqt" 1.00 "$cpu"
for j in 1 2; do
	measure : "$tool" -j"$j" --hotspots hotj.json "${files[@]}" --
	printf "%-28s %8.2f %7s %8.2f\n" "rewrite (diff) -j$j" "$sec" "$(ratio "$sec" "$seqt")" "$cpu"
done
for j in 1 2; do
	measure : "$tool" -j"$j" --lint --hotspots hotj.json "${files[@]}" --
	printf "%-28s %8.2f %7s %8.2f\n" "lint -j$j" "$sec" "$(ratio "$sec" "$seqt")" "$cpu"
done
