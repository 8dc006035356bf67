#!/usr/bin/env bash
# Memory benchmark (not a test): the shapes where an arena's memory price shows (tests/bench/mem):
#   growone  grow-by-one arrays and objects (yajl's tree), a scope per document
#   freego   a long scope that frees as it goes (one connection of 100,000 messages)
#   docloop  a scope around a loop of documents (run(), not the document)
# each built -O2 as: original, rewritten (arena-rewrite --hotspots P.json on the original),
# revert (the rewritten source with -DARENA_USE_MALLOC) and, for growone, hand (-DHAND_ARENA:
# the suite's hand-written bump arena, whose grow is a copy). All builds must print the same
# checksum. Prints per build the peak RSS (KiB, /usr/bin/time) and the median CPU seconds of
# RUNS runs, the ratios to the original, and what ARENA_STATS=1 reports for the rewritten build
# (its largest arena's line, and the warnings it printed).
# usage: bench_memory.sh TOOL [RUNS]     (CC picks the compiler; default gcc)
set -euo pipefail
tool=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") runs=${2:-5}
here=$(cd "$(dirname "$0")" && pwd)
rt=$(cd "$here/../../runtime" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
cc=${CC:-gcc}
flags="-O2 -std=gnu11"
progs="growone freego docloop"
inc="-I$here/suite"

builds_of() { if [ "$1" = growone ]; then echo "original rewritten hand revert"; else echo "original rewritten revert"; fi; }

for p in $progs; do
	mkdir -p "$p"
	cp "$here/mem/$p.c" "$p/$p.c"
	cp "$p/$p.c" "$p/rw.c"
	(cd "$p" && "$tool" --hotspots "$here/mem/$p.json" -i rw.c -- -std=gnu11 $inc >/dev/null 2>&1)
	$cc $flags $inc "$p/$p.c" -o "$p/original"
	[ "$p" = growone ] && $cc $flags $inc -DHAND_ARENA "$p/$p.c" -o "$p/hand"
	$cc $flags $inc -I"$rt" "$p/rw.c" "$rt/arena_rt.c" -o "$p/rewritten" -lpthread
	$cc $flags $inc -I"$rt" -DARENA_USE_MALLOC "$p/rw.c" "$rt/arena_rt.c" -o "$p/revert" -lpthread
	want=$("$p/original")
	for b in $(builds_of $p); do
		[ "$("$p/$b")" = "$want" ] || { echo "$p/$b prints a different checksum" >&2; exit 1; }
	done
done

# peak RSS (KiB) and CPU seconds of one run
measure() { /usr/bin/time -f '%M %U %S' "$1" 2>&1 >/dev/null | tail -1; }
for r in $(seq "$runs"); do
	for p in $progs; do
		for b in $(builds_of $p); do
			measure "$p/$b" | awk '{printf "%s %.3f\n", $1, $2 + $3}' >>"$p/$b.m"
		done
	done
done
median() { awk "{print \$$2}" "$1" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "memory benchmark: peak RSS (KiB, median) and median CPU seconds of $runs runs ($cc $flags)"
echo
echo "| program | build | peak RSS KiB | RSS / original | CPU s | time / original |"
echo "|---|---|---|---|---|---|"
for p in $progs; do
	o_rss=$(median "$p/original.m" 1) o_t=$(median "$p/original.m" 2)
	for b in $(builds_of $p); do
		awk -v p="$p" -v b="$b" -v r="$(median "$p/$b.m" 1)" -v t="$(median "$p/$b.m" 2)" \
			-v or="$o_rss" -v ot="$o_t" 'BEGIN {
			printf "| %s | %s | %d | %.2fx | %.3f | %.2fx |\n", p, b, r, r / or, t, (ot > 0 ? t / ot : 0) }'
	done
done
echo
echo "ARENA_STATS=1 on the rewritten builds (the arena that held most, and the warnings):"
for p in $progs; do
	ARENA_STATS=1 "$p/rewritten" 2>"$p/stats" >/dev/null
	echo
	echo "$p: $(grep -c 'arena_rt: warning' "$p/stats" || true) warning(s) over" \
		"$(grep -c 'arena_rt: arena' "$p/stats" || true) arena(s)"
	grep 'arena_rt: arena' "$p/stats" | sort -t, -k3 -n -r | head -1 | sed 's/^/    /' || true
	grep 'arena_rt: warning' "$p/stats" | head -1 | sed 's/^/    /' || true
done
