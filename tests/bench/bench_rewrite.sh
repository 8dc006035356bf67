#!/usr/bin/env bash
# Benchmark (not a test): time of a rewrite of a large file against `clang -fsyntax-only` of
# the same file, side by side, median of N runs each. usage: bench_rewrite.sh TOOL [LINES] [N]
set -euo pipefail
tool=$1 lines=${2:-60000} runs=${3:-7}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
# A large translation unit: many small functions that allocate, loop, branch and free.
{
	echo '#include <stdio.h>'
	echo '#include <stdlib.h>'
	echo '#include <string.h>'
	echo 'struct node { int v; struct node *next; char *name; };'
	n=$((lines / 20))
	for i in $(seq 1 "$n"); do
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
printf '{"hotspots": [{"function": "work_1"}, {"function": "work_%d"}]}\n' $((lines / 40)) > hot.json
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
t() { local s e; s=$(date +%s%N); "$@" > /dev/null 2>&1 || true; e=$(date +%s%N); echo $(((e - s) / 1000)); }
clang_us=$(for i in $(seq "$runs"); do t clang -fsyntax-only big.c; done | median)
tool_us=$(for i in $(seq "$runs"); do t "$tool" --hotspots hot.json big.c --; done | median)
echo "file: $(wc -l < big.c) lines, $(wc -c < big.c) bytes; median of $runs runs"
printf "clang -fsyntax-only : %8.1f ms\n" "$(echo "$clang_us / 1000" | bc -l)"
printf "arena-rewrite       : %8.1f ms\n" "$(echo "$tool_us / 1000" | bc -l)"
printf "ratio               : %8.2fx\n" "$(echo "$tool_us / $clang_us" | bc -l)"
