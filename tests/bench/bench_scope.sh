#!/usr/bin/env bash
# Benchmark (not a test) for cross-function scopes: the JSON-document-like workload of
# tests/bench/scope/jsondoc.c (parse into a tree of small nodes, strings and growing child
# arrays; walk it; free it), built -O2 side by side:
#   original                 as written (malloc/realloc/strndup/free)
#   rewritten                arena-rewrite with hotspots.json (scope = handle_doc)
#   rewritten + release      the same plus rules.json naming node_free a release function,
#                            so the tree's teardown walk in the scope is dropped
#   malloc mode              the rewritten + release program with -DARENA_USE_MALLOC
#   hand-written arena       -DHAND_ARENA: a bump arena written by hand, no teardown walk
# Prints the median of N runs of each and the ratios to the original.
# usage: bench_scope.sh TOOL [DOCS] [N]
set -euo pipefail
tool=$1 docs=${2:-2000} runs=${3:-7}
here=$(cd "$(dirname "$0")" && pwd)
rt=$(cd "$here/../../runtime" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
cc=${CC:-gcc}
flags="-O2 -std=gnu11"
mkdir plain release
cp "$here/scope/jsondoc.c" "$here/scope/hotspots.json" "$here/scope/rules.json" plain/
cp plain/* release/
$cc $flags plain/jsondoc.c -o original
$cc $flags -DHAND_ARENA plain/jsondoc.c -o hand
(cd plain && "$tool" --hotspots hotspots.json -i jsondoc.c --)
(cd release && "$tool" --hotspots hotspots.json --rules rules.json -i jsondoc.c --)
$cc $flags -I"$rt" plain/jsondoc.c "$rt/arena_rt.c" -o rewritten -lpthread
$cc $flags -I"$rt" release/jsondoc.c "$rt/arena_rt.c" -o released -lpthread
$cc $flags -DARENA_USE_MALLOC -I"$rt" release/jsondoc.c "$rt/arena_rt.c" -o mallocmode -lpthread
want=$(./original "$docs")
for b in hand rewritten released mallocmode; do
	[ "$(./$b "$docs")" = "$want" ] || { echo "$b prints a different checksum"; exit 1; }
done
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
t() { local s e; s=$(date +%s%N); "$@" > /dev/null; e=$(date +%s%N); echo $(((e - s) / 1000)); }
declare -A med
for b in original rewritten released mallocmode hand; do
	med[$b]=$(for i in $(seq "$runs"); do t ./$b "$docs"; done | median)
done
echo "jsondoc: $docs documents, median of $runs runs ($cc $flags)"
printf "%-26s %9s %9s\n" variant ms "vs orig"
for b in original rewritten released mallocmode hand; do
	case $b in
	original) label="original" ;;
	rewritten) label="rewritten" ;;
	released) label="rewritten + release rule" ;;
	mallocmode) label="  same, ARENA_USE_MALLOC" ;;
	hand) label="hand-written bump arena" ;;
	esac
	printf "%-26s %9.1f %8.2fx\n" "$label" "$(echo "${med[$b]} / 1000" | bc -l)" \
		"$(echo "${med[original]} / ${med[$b]}" | bc -l)"
done
