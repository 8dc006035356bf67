#!/usr/bin/env bash
# Robustness: the tool is fed mutated versions of the golden sources (bytes deleted, lines
# swapped, truncated, random bytes inserted) and must always exit 0, 1 or 2, never crash.
# usage: mutate_sources.sh TOOL GOLDEN_CASES_DIR [ROUNDS]
set -u
tool=$1 cases=$2 rounds=${3:-60}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
srcs=$(ls "$cases"/*/prog.c)
n=0 bad=0
seed=1
rand() { seed=$(((seed * 1103515245 + 12345) % 2147483648)); echo $((seed % $1)); }
for r in $(seq "$rounds"); do
	src=$(echo "$srcs" | sed -n "$(($(rand "$(echo "$srcs" | wc -l)") + 1))p")
	case=$(dirname "$src")
	hot=$(ls "$case"/hot.json "$case"/hot.txt 2> /dev/null | head -n 1)
	size=$(wc -c < "$src")
	f="$work/m.c"
	case $(rand 4) in
	0) head -c "$(rand "$size")" "$src" > "$f" ;;
	1) { head -c "$(rand "$size")" "$src"; head -c 40 /dev/urandom; tail -c "$(rand "$size")" "$src"; } > "$f" ;;
	2) awk -v k="$(rand 40)" 'NR % 7 == k % 7 {next} {print}' "$src" > "$f" ;;
	3) { tail -c "$(rand "$size")" "$src"; head -c "$(rand "$size")" "$src"; } > "$f" ;;
	esac
	cp "$hot" "$work/"
	(cd "$work" && timeout 60 "$tool" --hotspots "$(basename "$hot")" m.c -- > /dev/null 2> err.txt)
	rc=$?
	n=$((n + 1))
	if [ "$rc" -gt 2 ]; then
		bad=$((bad + 1))
		cp "$f" "$work/crash_$r.c"
		echo "CRASH (exit $rc) on a mutation of $src:"
		head -5 "$work/err.txt"
	fi
	# The lint too.
	(cd "$work" && timeout 60 "$tool" --lint m.c -- > /dev/null 2> err.txt)
	rc=$?
	if [ "$rc" -gt 2 ]; then
		bad=$((bad + 1))
		echo "CRASH in --lint (exit $rc) on a mutation of $src"
	fi
done
echo "$((2 * n - bad)) passed, $bad failed"
[ "$bad" = 0 ]
