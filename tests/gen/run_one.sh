#!/usr/bin/env bash
# One seed of the generator check (run.sh drives it; see there for the contract).
# usage: run_one.sh SEED    with GEN_* variables exported by run.sh
# Writes "SEED LABEL OUTCOME DETAIL" to $GEN_WORK/res/SEED; OUTCOME is accepted, unchanged,
# refused, partial or FAIL:<class>. Prints nothing unless the seed fails.
set -u
seed=$1
dir=$GEN_WORK/s$seed
mkdir -p "$dir/src"
cd "$dir" || exit 2
label=unsafe
res() { # outcome detail...
	local outcome=$1
	shift
	echo "$seed $label $outcome $*" > "$GEN_WORK/res/$seed"
	# "SEED OUTCOME LABEL MODULE safe|unsafe" per module a hotspot came from, for run.sh's table
	[ -f src/mods ] && sed "s/^/$seed $outcome $label /" src/mods > "$GEN_WORK/mods/$seed"
	if [ "${outcome#FAIL}" != "$outcome" ]; then
		echo "FAIL seed $seed ($label; $(cat src/desc 2>/dev/null)): ${outcome#FAIL:}: $*"
		echo "  reproduce: bash $GEN_SELF --tool $GEN_TOOL --gen $GEN_BIN --runtime $GEN_RT --from $seed --count 1 --keep${GEN_SKIP:+ --skip $GEN_SKIP}"
		[ -s "$dir/why" ] && sed 's/^/  | /' "$dir/why" | head -n 12
	fi
	[ "$GEN_KEEP" = 1 ] || [ "${outcome#FAIL}" != "$outcome" ] || rm -rf "$dir"
	exit 0
}

"$GEN_BIN" "$seed" src ${GEN_SKIP:+"$GEN_SKIP"} > why 2>&1 || res FAIL:generator "gen_prog failed"
label=$(cat src/label)
toolargs=$(cat src/toolargs)
cc=${GEN_CC:-gcc}
flags="-std=gnu11 -Wall -Wextra -Werror -g1 -O0 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all -pthread $GEN_LDFLAGS"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

# run_prog NAME: runs ./NAME, output in NAME.out, stderr in NAME.err; sets $prc
run_prog() {
	timeout 30 "./$1" > "$1.out" 2> "$1.err"
	prc=$?
}
# classify NAME: the failure class of a run whose stderr or status is wrong
classify() {
	if grep -q LeakSanitizer "$1.err"; then echo leak
	elif grep -q "AddressSanitizer" "$1.err"; then echo asan
	elif grep -q "runtime error" "$1.err"; then echo ubsan
	elif [ "$prc" = 124 ]; then echo timeout
	elif [ "$prc" != 0 ]; then echo crash
	else echo stderr
	fi
}

# A program that already uses the runtime by hand (gen_mods_f's scratch arena) needs it in the
# original too: arena mode's objects, built with the same sanitizers.
origrt=
grep -q '^#include "arena_rt.h"' src/prog.c && origrt="-I$GEN_RT $GEN_RTOBJ/rt_arena.o"
# shellcheck disable=SC2086
$cc $flags src/prog.c $origrt -o orig > why 2>&1 || res FAIL:generator "original does not build"
run_prog orig
{ [ "$prc" = 0 ] && [ ! -s orig.err ]; } || { cp orig.err why; res FAIL:generator "original run: $(classify orig)"; }

# The tool rewrites a copy in place; the report lands outside the sources.
cp -r src rw
# shellcheck disable=SC2086
(cd rw && timeout 120 "$GEN_TOOL" --hotspots hot.json -i --report ../report.json $toolargs prog.c --) > tool.out 2> tool.err
trc=$?
changed=0
cmp -s src/prog.c rw/prog.c || changed=1
for f in hot.json toolargs label desc $(cd src && ls rules.json 2> /dev/null); do
	cmp -s "src/$f" "rw/$f" || res FAIL:tool-wrote "the tool changed $f"
done

case $trc in
0) ;;
1)
	# A refusal must say why: an error line naming what was refused, then a reason line
	# (or a rule id in brackets).
	if ! grep -A1 'refused' tool.err | grep -Eq '^[[:space:]]+[^[:space:]]|\[[a-z0-9-]+\]'; then
		cp tool.err why
		res FAIL:no-reason "exit 1 without a reason on stderr"
	fi
	# The detail starts with the first rule id: run.sh counts over-caution by it.
	reason="$(grep -m1 -o '\[[a-z0-9-]*\]' tool.err || echo '[no-rule-id]') $(grep -m1 -o "\(hotspot\|scope\) '[^']*' refused" tool.err)"
	[ $changed = 0 ] && res refused "$reason"
	[ "$GEN_STRICT" = 1 ] && { cp tool.err why; res FAIL:partial-write "exit 1 but prog.c was rewritten"; }
	;;
*)
	cp tool.err why
	if [ $trc -ge 124 ]; then res FAIL:tool-crash "arena-rewrite exited $trc"; fi
	res FAIL:tool-exit "arena-rewrite exited $trc on a valid program"
	;;
esac
[ $changed = 0 ] && res unchanged "exit 0, nothing to rewrite"

# Idempotence: the tool run again over its own output changes nothing.
cp -r rw rw2
# shellcheck disable=SC2086
(cd rw2 && timeout 120 "$GEN_TOOL" --hotspots hot.json -i $toolargs prog.c --) > again.out 2> again.err
arc=$?
# A refused entry's body may keep only the ownership-aware free or realloc an accepted scope
# needs (docs/rewrite.md, "Refusals are judged in rounds"): run again, nothing is left to
# refuse there, so a partial run's second run may exit 0, refusing nothing and changing nothing.
again_ok=0
[ "$trc" = 1 ] && [ "$arc" = 0 ] && ! grep -q "refused, nothing written" again.err && again_ok=1
[ "$arc" = "$trc" ] || [ $again_ok = 1 ] || { cp again.err why; res FAIL:idempotence "second run exited $arc, first $trc"; }
cmp -s rw/prog.c rw2/prog.c || { diff rw/prog.c rw2/prog.c > why; res FAIL:idempotence "second run changed its own output"; }

for mode in arena plain malloc; do
	obj=$GEN_RTOBJ/rt_$mode.o def= mflags=$flags
	[ $mode = malloc ] && def=-DARENA_USE_MALLOC
	[ $mode = plain ] && mflags="${flags/address,/leak,} -O1"
	# shellcheck disable=SC2086
	$cc $mflags -I"$GEN_RT" $def rw/prog.c "$obj" -o $mode > why 2>&1 || res FAIL:build "$mode mode does not build"
	run_prog $mode
	if [ "$prc" != 0 ] || [ -s $mode.err ]; then
		cp $mode.err why
		res "FAIL:$(classify $mode)" "$mode mode: exit $prc"
	fi
	cmp -s orig.out $mode.out || { diff orig.out $mode.out > why; res FAIL:wrong-output "$mode mode output differs"; }
done
[ $trc = 1 ] && res partial "$reason (the accepted hotspots were written and checked)"
res accepted "exit 0, every mode matches"
