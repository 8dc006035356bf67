#!/usr/bin/env bash
# Benchmark (not a test): time of `--lint` of a large file against `clang -fsyntax-only` of
# the same file, side by side, median of N runs each. usage: bench_lint.sh TOOL [LINES] [N]
set -euo pipefail
tool=$(realpath "$1") lines=${2:-60000} runs=${3:-7}
runtime=$(cd "$(dirname "$0")/../../runtime" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
# A large translation unit: many small functions that allocate, loop, branch and free.
{
	echo '#include <stdio.h>'
	echo '#include <stdlib.h>'
	echo '#include <string.h>'
	echo '#include "arena_rt.h"'
	echo 'struct node { int v; struct node *next; char *name; };'
	n=$((lines / 20))
	for i in $(seq 1 "$n"); do
		if [ $((i % 10)) = 0 ]; then
			cat <<C
static int arena_work_$i(int n)
{
	arena_t a __attribute__((cleanup(arena_release))) = ARENA_INIT;
	struct node *head = NULL;
	for (int i = 0; i < n; i++) {
		struct node *x = arena_alloc(&a, sizeof *x);
		if (!x)
			return -1;
		x->v = i * $i;
		x->name = arena_strdup(&a, "node");
		x->next = head;
		head = x;
	}
	int s = 0;
	for (struct node *x = head; x; x = x->next)
		s += x->v + (int)strlen(x->name);
	return s;
}
C
			continue
		fi
		cat <<C
static int work_$i(int n)
{
	struct node *head = NULL;
	for (int i = 0; i < n; i++) {
		struct node *x = malloc(sizeof *x);
		if (!x)
			return -1;
		x->v = i * $i;
		x->name = strdup("node");
		x->next = head;
		head = x;
	}
	int s = 0;
	while (head) {
		struct node *nx = head->next;
		s += head->v + (int)strlen(head->name);
		free(head->name);
		free(head);
		head = nx;
	}
	return s;
}
C
	done
	echo 'int main(void) { return work_1(3) > 0 ? 0 : 1; }'
} > big.c
printf '{"hotspots": [{"function": "work_1"}, {"function": "work_%d"}]}\n' $((lines / 40 + 1)) > hot.json
# Both runs must succeed (exit 0: the generated code is safe), or the timing means nothing.
"$tool" --lint big.c -- -I"$runtime" || { echo "lint failed" >&2; exit 1; }
"$tool" --lint --hotspots hot.json big.c -- -I"$runtime" || { echo "lint --hotspots failed" >&2; exit 1; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
t() { local s e; s=$(date +%s%N); "$@" > /dev/null 2>&1 || true; e=$(date +%s%N); echo $(((e - s) / 1000)); }
clang_us=$(for i in $(seq "$runs"); do t clang -fsyntax-only -I"$runtime" big.c; done | median)
# The lint converts every body (not only the hotspots') and analyses every function; the file
# has a hand-written arena user as every 10th function so the analysis has work to do.
lint_us=$(for i in $(seq "$runs"); do t "$tool" --lint big.c -- -I"$runtime"; done | median)
hot_us=$(for i in $(seq "$runs"); do t "$tool" --lint --hotspots hot.json big.c -- -I"$runtime"; done | median)
echo "file: $(wc -l < big.c) lines, $(wc -c < big.c) bytes; median of $runs runs"
printf "clang -fsyntax-only : %8.1f ms\n" "$(echo "$clang_us / 1000" | bc -l)"
printf "lint                : %8.1f ms  %5.2fx\n" "$(echo "$lint_us / 1000" | bc -l)" \
	"$(echo "$lint_us / $clang_us" | bc -l)"
printf "lint --hotspots     : %8.1f ms  %5.2fx\n" "$(echo "$hot_us / 1000" | bc -l)" \
	"$(echo "$hot_us / $clang_us" | bc -l)"
