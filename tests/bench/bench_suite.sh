#!/usr/bin/env bash
# Benchmark suite (not a test): allocation-heavy programs of tests/bench/suite (graph + BFS with
# a function-local arena, a JSON-like DOM parse + digest per scope (scope/jsondoc.c), string
# building, hash table churn, and a hotspot of one to three small allocations called 5 * 10^6
# times), each built -O2 four ways:
#   original     as written
#   rewritten    arena-rewrite --hotspots P.json run here on the original (no rules: no release)
#   hand         -DHAND_ARENA: a hand-written arena (suite/hand.h or a stack buffer), no teardown
#   revert       the rewritten source with -DARENA_USE_MALLOC (the rollback build)
# Checks that all four print the same checksum, then runs every build of every program in turn,
# RUNS rounds (interleaved, so load drifts hit all alike), and prints two tables: median CPU
# seconds (user + sys) of each build, the speed-ups over the original, the share of the hand
# arena's speed-up that the rewrite reaches (hand time / rewritten time) and the revert build's
# cost (revert / original); then each build's peak RSS (one run under /usr/bin/time) and the
# bytes that ARENA_STATS=1 reports for the rewritten build's arenas. Every timed run is pinned to one processor (BENCH_CPU, default 0;
# empty: not pinned) when taskset is there: on a shared machine the two processors need not be
# alike (here `graph` ran 2.5 times slower on one than on the other), and a median over runs
# that landed on either is a coin toss.
# usage: bench_suite.sh TOOL [RUNS]     (CC picks the compiler; default gcc)
set -euo pipefail
tool=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") runs=${2:-7}
here=$(cd "$(dirname "$0")" && pwd)
rt=$(cd "$here/../../runtime" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
cc=${CC:-gcc}
flags="-O2 -std=gnu11"
progs="graph jsondoc strbuild hashchurn tiny"
builds="original rewritten hand revert"

src_of() { if [ "$1" = jsondoc ]; then echo "$here/scope"; else echo "$here/suite"; fi; }
hot_of() { if [ "$1" = jsondoc ]; then echo "$here/scope/hotspots.json"; else echo "$here/suite/$1.json"; fi; }

for p in $progs; do
	mkdir -p "$p"
	cp "$(src_of $p)/$p.c" "$p/$p.c"
	cp "$p/$p.c" "$p/rw.c"
	(cd "$p" && "$tool" --hotspots "$(hot_of $p)" -i rw.c -- -std=gnu11 -I"$here/suite" >/dev/null)
	$cc $flags -I"$here/suite" "$p/$p.c" -o "$p/original"
	$cc $flags -I"$here/suite" -DHAND_ARENA "$p/$p.c" -o "$p/hand"
	$cc $flags -I"$here/suite" -I"$rt" "$p/rw.c" "$rt/arena_rt.c" -o "$p/rewritten" -lpthread
	$cc $flags -I"$here/suite" -I"$rt" -DARENA_USE_MALLOC "$p/rw.c" "$rt/arena_rt.c" \
		-o "$p/revert" -lpthread
	want=$("$p/original")
	for b in $builds; do
		[ "$("$p/$b")" = "$want" ] || { echo "$p/$b prints a different checksum" >&2; exit 1; }
	done
done

TIMEFORMAT='%3U %3S'
pinned="not pinned"
cpu_id=${BENCH_CPU-0}
# the shell itself, so that every run inherits it and no run pays for taskset
[ -n "$cpu_id" ] && command -v taskset > /dev/null && taskset -cp "$cpu_id" $$ > /dev/null &&
	pinned="pinned to processor $cpu_id"
cpu() { { time "$1" >/dev/null; } 2>&1 | awk '{printf "%.3f\n", $1 + $2}'; }
for r in $(seq "$runs"); do
	for p in $progs; do
		for b in $builds; do
			echo "$(cpu "$p/$b")" >>"$p/$b.times"
		done
	done
done
median() { sort -n "$1" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "benchmark suite: median CPU seconds (user + sys) of $runs interleaved runs ($cc $flags)," \
	"$pinned"
echo
echo "| program | original | rewritten | hand arena | revert | rewritten speed-up | hand speed-up | rewritten / hand speed-up | revert / original |"
echo "|---|---|---|---|---|---|---|---|---|"
for p in $progs; do
	o=$(median "$p/original.times") w=$(median "$p/rewritten.times")
	h=$(median "$p/hand.times") v=$(median "$p/revert.times")
	awk -v p="$p" -v o="$o" -v w="$w" -v h="$h" -v v="$v" 'BEGIN {
		printf "| %s | %.3f | %.3f | %.3f | %.3f | %.2fx | %.2fx | %.0f%% | %.2fx |\n",
		       p, o, w, h, v, o / w, o / h, 100 * h / w, v / o }'
done

# memory: peak RSS of one run of each build (KiB), and what the rewritten build's arenas held
rss() { /usr/bin/time -f '%M' "$1" 2>&1 >/dev/null | tail -1; }
# the ARENA_STATS lines of one run (streamed: tiny releases 5 * 10^6 arenas): bytes requested
# over all arenas, the most one arena held at its release, the warnings
arena_stats() {
	ARENA_STATS=1 "$1" 2>&1 >/dev/null | awk '/arena_rt: arena/ { for (i = 1; i <= NF; i++) {
			if ($(i + 1) == "B" && $(i + 2) == "requested,") q += $i
			if ($(i + 1) == "B" && $(i + 2) == "held" && $i > m) m = $i } }
		/arena_rt: warning/ { w++ }
		END { printf "%d %d %d", q, m, w }'
}
echo
echo "peak RSS (KiB, one run each) and the rewritten build's arenas under ARENA_STATS=1 (bytes"
echo "requested over all its arenas, the most one arena held at its release, warnings printed)"
echo
echo "| program | original | rewritten | hand arena | revert | rewritten / original | revert / original | requested | largest held | warnings |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for p in $progs; do
	o=$(rss "$p/original") w=$(rss "$p/rewritten") h=$(rss "$p/hand") v=$(rss "$p/revert")
	set -- $(arena_stats "$p/rewritten")
	awk -v p="$p" -v o="$o" -v w="$w" -v h="$h" -v v="$v" -v q="$1" -v m="$2" -v n="$3" 'BEGIN {
		printf "| %s | %d | %d | %d | %d | %.2fx | %.2fx | %.1f MB | %.1f MB | %d |\n",
		       p, o, w, h, v, w / o, v / o, q / 1e6, m / 1e6, n }'
done
