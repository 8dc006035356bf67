#!/usr/bin/env bash
# The generator check (issue 10): for each seed, gen_prog writes a random self-checking C
# program and a hotspot choice; the original is built with ASan+UBSan and run (leaks detected);
# arena-rewrite rewrites a copy in place; then
#   exit 0  the rewritten program, run again through the tool unchanged (idempotence), builds in
#           arena mode (with and without ASan) and malloc mode and prints exactly what the
#           original printed, sanitizer-clean;
#   exit 1  stderr names what was refused and why; nothing is written (a partial write, where
#           other hotspots were accepted, is checked like exit 0 and counted apart; --strict
#           makes it a failure);
# anything else (exit 2 on a valid program, a crash, a sanitizer report, other output, a
# refusal without a reason) is a failure, printed with its seed and a command reproducing it.
#
# usage: run.sh [--tool PATH] [--gen PATH] [--runtime DIR] [--from SEED] [--count N] [-j N]
#               [--keep | --keep-failed] [--strict] [--skip LIST]
# Defaults: the tool and gen_prog of build-test/ at the top of the tree, seeds 1..300, -j 2.
# --keep keeps every seed's folder, --keep-failed those of failing seeds (the path is printed).
# --skip LIST is gen_prog's SKIP (modules and MODULE+FLAG variants left out, to look past a known
# failure class; it changes what each seed makes; "=MODULE+FLAG" items make programs of those
# alone, with the flag on). The summary breaks the figures down by module (gen_prog's mods file).
# Exit status 1 when a seed failed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
tool=$top/build-test/arena-rewrite gen=$top/build-test/tests/gen/gen_prog rt=$top/runtime
from=1 count=300 jobs=2 keep=0 strict=0 skip=
while [ $# -gt 0 ]; do
	case $1 in
	--tool) tool=$2; shift ;;
	--gen) gen=$2; shift ;;
	--runtime) rt=$2; shift ;;
	--from) from=$2; shift ;;
	--count) count=$2; shift ;;
	-j) jobs=$2; shift ;;
	--keep) keep=1 ;;
	--keep-failed) keep=2 ;;
	--strict) strict=1 ;;
	--skip) skip=$2; shift ;;
	*) echo "run.sh: unknown argument: $1" >&2; exit 2 ;;
	esac
	shift
done
for f in "$tool" "$gen"; do
	[ -x "$f" ] || { echo "run.sh: not an executable: $f" >&2; exit 2; }
done
# run_one.sh works inside each seed's folder: paths given relative to here must still resolve.
tool=$(readlink -f "$tool") gen=$(readlink -f "$gen") rt=$(readlink -f "$rt")
work=$(mktemp -d "${TMPDIR:-/tmp}/gen.XXXXXX")
[ $keep = 0 ] && trap 'rm -rf "$work"' EXIT
mkdir -p "$work/res" "$work/mods" "$work/rt"
start=$(date +%s)

# The runtime is compiled once per mode and linked into every rewritten program: arena and
# malloc mode under ASan+UBSan, and arena mode without ASan ("plain": LSan+UBSan, -O1), whose
# inline fast paths ASan compiles out. The objects are kept next to the tool (gen-rt/KEY, KEY a
# hash of the runtime's files, the compiler and the flags), so the ten gen tests of a suite run
# compile them once; GEN_RT_CACHE moves them.
cc=${GEN_CC:-gcc}
rtflags="-std=gnu11 -g1 -O0 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all -pthread"
rtkey=$( { cat "$rt/arena_rt.c" "$rt/arena_rt.h"; $cc --version; echo "$rtflags"; } | sha1sum | cut -c1-16)
rtobj=${GEN_RT_CACHE:-$(dirname "$tool")/gen-rt}/$rtkey
if [ ! -f "$rtobj/rt_plain.o" ]; then
	mkdir -p "${rtobj%/*}" && rttmp=$(mktemp -d "$rtobj.tmp.XXXXXX") ||
		{ echo "run.sh: cannot write ${rtobj%/*}" >&2; exit 2; }
	# shellcheck disable=SC2086
	$cc $rtflags -I"$rt" -c "$rt/arena_rt.c" -o "$rttmp/rt_arena.o" &&
		$cc $rtflags -I"$rt" -DARENA_USE_MALLOC -c "$rt/arena_rt.c" -o "$rttmp/rt_malloc.o" &&
		$cc ${rtflags/address,/leak,} -O1 -I"$rt" -c "$rt/arena_rt.c" -o "$rttmp/rt_plain.o" ||
		{ rm -rf "$rttmp"; echo "run.sh: the runtime does not build" >&2; exit 2; }
	mv -T "$rttmp" "$rtobj" 2> /dev/null || rm -rf "$rttmp" # another run was first: same objects
fi

# gold links the sanitizer runtimes in a third of bfd's time; a link is most of a build here.
GEN_LDFLAGS=
echo 'int main(void) { return 0; }' | $cc -x c - -fuse-ld=gold -o "$work/rt/ld" 2> /dev/null &&
	GEN_LDFLAGS=-fuse-ld=gold
export GEN_LDFLAGS
export GEN_TOOL=$tool GEN_BIN=$gen GEN_RT=$rt GEN_RTOBJ=$rtobj GEN_WORK=$work GEN_KEEP=$keep
export GEN_STRICT=$strict GEN_SELF=$here/run.sh GEN_SKIP=$skip
seq "$from" $((from + count - 1)) | xargs -P "$jobs" -n 1 bash "$here/run_one.sh"
[ $keep = 0 ] || echo "gen: seed folders kept in $work"

# Summary: one result file per seed, "SEED LABEL OUTCOME DETAIL".
cat "$work"/res/* 2> /dev/null > "$work/all"
n() { awk "$1" "$work/all" | wc -l; }
tried=$(n '1')
safe=$(n '$2 == "safe"')
accepted=$(n '$3 == "accepted" || $3 == "unchanged"')
unchanged=$(n '$3 == "unchanged"')
refused=$(n '$3 == "refused" || $3 == "partial"')
partial=$(n '$3 == "partial"')
failed=$(n '$3 ~ /^FAIL/')
safe_refused=$(n '$2 == "safe" && ($3 == "refused" || $3 == "partial")')
unsafe_ok=$(n '$2 == "unsafe" && ($3 == "accepted" || $3 == "unchanged")')
share=$(awk -v a="$safe_refused" -v b="$safe" 'BEGIN { printf "%.1f", b ? 100 * a / b : 0 }')
echo "gen: seeds $from..$((from + count - 1)), $(($(date +%s) - start)) s"
echo "gen: programs tried: $tried (safe by construction: $safe)"
echo "gen: rewrites accepted: $accepted (of which nothing to rewrite: $unchanged)"
echo "gen: refusals: $refused (of which partial, other hotspots written and checked: $partial)"
echo "gen: failures: $failed"
echo "gen: over-caution: $safe_refused of $safe safe-by-construction programs refused ($share%)"
echo "gen: unsafe programs accepted and still correct: $unsafe_ok"
if [ "$safe_refused" -gt 0 ]; then
	echo "gen: over-caution by first reason:"
	awk '$2 == "safe" && ($3 == "refused" || $3 == "partial") { n[$4]++ } END { for (k in n) printf "  %s %d\n", k, n[k] }' "$work/all" | sort
fi
# By module (gen_prog's mods file): a program counts under every module a hotspot came from.
# "safe" counts the safe-by-construction programs (over-caution); "unsafe" those where this
# module's own entry is unsafe: "accepted" there means exit 0 and every check passed, so the
# deliberate escape did not show (a gap to look at, or a label more cautious than the run).
cat "$work"/mods/* 2> /dev/null > "$work/mods.all"
echo "gen: by module: programs; safe programs (refused, share); unsafe entries (refused, accepted); failures"
awk '{ m = $4; n[m]++
	ok = $2 == "accepted" || $2 == "unchanged"; ref = $2 == "refused" || $2 == "partial"
	if ($3 == "safe") { s[m]++; sr[m] += ref }
	if ($5 == "unsafe") { u[m]++; ur[m] += ref; ua[m] += ok }
	f[m] += $2 ~ /^FAIL/ }
	END { for (m in n) printf "  %-9s %5d; safe %5d (refused %4d, %5.1f%%); unsafe %5d (refused %4d, accepted %3d); failures %d\n",
		m, n[m], s[m], sr[m], s[m] ? 100 * sr[m] / s[m] : 0, u[m], ur[m], ua[m], f[m] }' \
	"$work/mods.all" | sort
if [ "$failed" -gt 0 ]; then
	echo "gen: failures by class:"
	awk '$3 ~ /^FAIL/ { n[$3]++ } END { for (k in n) printf "  %s %d\n", k, n[k] }' "$work/all" | sort
fi
if [ "$tried" -lt "$count" ]; then
	echo "gen: only $tried of $count seeds reported a result"
	exit 1
fi
[ "$failed" = 0 ]
