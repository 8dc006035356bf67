#!/usr/bin/env bash
# The hand-written corpus of issue 21: small programs in the idioms of real C code, each with the
# verdict a safe tool must reach. One ctest per case runs both exit styles.
#
# usage: run.sh TOOL RUNTIME_DIR CASE_DIR                  check one case (the ctest)
#        run.sh --report TOOL RUNTIME_DIR [-j N] [CASE_DIR...]
#                                                          the table: per case, the verdict wanted
#                                                          and what happened, totals per class
#
# A case folder is a golden case's (tests/golden/lib_run.sh: sources, hot.json, args, toolargs,
# rules.json, ...) plus:
#   verdict        what the tool must do, in both exit styles (verdict.STYLE for one style):
#                    accept   exit 0; the rewritten program runs ASan/UBSan/LSan-clean with the
#                             original's output in arena mode, malloc mode and plain arena mode,
#                             and a second run of the tool over it changes nothing
#                    refuse   exit 1 and nothing written: no diff on stdout, and -i in a copy
#                             changes no file (the rewrite would be unsafe)
#                    partial  exit 1; the hotspots not refused are rewritten, and that program
#                             passes the checks of `accept` (a second run exits 1, changing nothing)
#                    error    exit 2 and nothing written (a rules file the code contradicts)
#   may_rewrite    with `refuse`: a rewrite that handles the construct is also right, so exit 0
#                  passes when the program then passes the checks of `accept` (one line: what
#                  such a rewrite does)
#   refused        with `partial`: names (one a line) that stderr must report as refused
#   rerun_exit     with `partial`: the second run's exit status when it is not 1 (0: what the
#                  refused hotspot kept, an ownership-aware realloc an accepted scope needs, is
#                  all that is left to judge in its body)
#   xfail          one line: why today's tool gets the case wrong. The ctest then passes on a
#                  failure (XFAIL) and says XPASS when the case passes, so the file can go
#                  (CORPUS_STRICT_XFAIL=1 makes an XPASS fail).
# CORPUS_LOGS=DIR keeps each case's logs (tool output, diffs, builds, runs) as DIR/NAME.STYLE.log.
# The class of a case is the prefix of its folder name, up to the first '_' (see `classes`).
#
# Outcomes, per exit style: refused, accepted-safe, partial-ok, error-ok (what was wanted),
# unchanged (exit 0 and nothing rewritten, for a `refuse` case with may_rewrite: the program is
# the original), or
#   ACCEPTED-UNSAFE  exit 0 where a refusal was wanted, or a rewrite that fails its run (in
#                    --report the refused-wanted rewrite is built and run: the first line of the
#                    sanitizer's report, or "runs clean" when no sanitizer sees the fault)
#   OVER-CAUTIOUS    a refusal (exit 1) of a program whose rewrite is safe
#   REFUSED-BUT-WROTE  exit 1 with edits printed or written for a refused program
#   NOT-AN-ERROR     exit 1 where the rules file should have been rejected (exit 2)
#   NOT-REFUSED      exit 0 and nothing rewritten where a refusal was wanted
#   TOOL-ERROR       an unexpected exit 2, or a crash of the tool (exit above 2)
set -u
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/golden/lib_run.sh
. "$here/../golden/lib_run.sh"

classes="libc:libc functions outside the old lists
hide:pointers hidden (bytes, integers, unions, varargs, pipes)
call:calls not followed (function pointers, cleanup attribute)
acc:storage through an accessor
outp:out-parameters through an intermediate function
nest:nested scopes
part:partial frees
jump:non-local exits
spell:spelling (macros, digraphs, K&R)
refw:refusal writes nothing
mem:memory read back out of memory
lfree:a library's documented free
rule:rule kinds that do not match the wrapper"

lr_run="timeout 60"
# The runtime's three objects are compiled once and shared by every case, and a build both
# styles share is compiled once (tests/golden/lib_run.sh).
rt_cache() {
	rt_cache=${CORPUS_RT_CACHE:-$(dirname "$tool")/corpus-rt}
	lr_bin_cache=$rt_cache/bin
}

# style_eval STYLE MODE: runs one exit style of $case in a subshell; writes "OUTCOME<TAB>DETAIL"
# to $res and the logs to $log. MODE is check (the ctest) or report (also builds and runs a
# rewrite that should have been refused, for the sanitizer's first line).
style_eval() {
	(
		style=$1 mode=$2
		work=$(mktemp -d)
		trap 'rm -rf "$work"' EXIT
		outcome="" # set before lr_* steps that may fail: what a failure of them means
		fail() {
			local first
			first=$(grep -m1 -E '(Address|Leak|Thread)Sanitizer: |runtime error:|^arena_rt: |^(free|realloc|malloc|munmap_chunk)\(\)|double free' "$log" |
				sed -E 's/^==[0-9]+==//; s/ on (unknown )?address.*//; s/ at pc .*//; s/ \(pc .*//; s/:? 0x[0-9a-f]+//g; s/ \(0x[0-9a-f]+\)//g; s/ \(tid=[0-9]+\)//')
			echo "FAIL: $*"
			printf '%s\t%s%s\n' "$outcome" "$*" "${first:+: $first}" > "$res"
			exit 1
		}
		done_() { printf '%s\t%s\n' "$1" "${2:-}" > "$res"; exit 0; }
		lr_prepare
		want=$(cat "$case/verdict")
		[ -f "$case/verdict.$style" ] && want=$(cat "$case/verdict.$style")
		lr_run_tool > "$work/out.diff" 2> "$work/err.txt"
		rc=$?
		cat "$work/err.txt"
		why=$(grep -m1 -A1 -E "(error|warning): (hotspot|scope) '[^']*' (refused|rewritten)" "$work/err.txt" | tail -n 1 | sed 's/^ *//')
		[ -n "$why" ] || why=$(grep -m1 . "$work/err.txt")
		nothing_written() { # exit status $1 wanted: no diff, and -i in a copy changes no file
			[ -s "$work/out.diff" ] && { cat "$work/out.diff"; done_ REFUSED-BUT-WROTE "a diff was printed"; }
			cp -r "$work/src" "$work/inplace"
			(cd "$work/inplace" && { [ ! -f "$case/cdb" ] || lr_gen_cdb; } && lr_run_tool -i > "$work/inplace.out" 2>&1)
			local irc=$?
			rm -f "$work/inplace/compile_commands.json" "$work/src/compile_commands.json"
			diff -r "$work/src" "$work/inplace" > "$work/inplace.diff" || { cat "$work/inplace.diff"; done_ REFUSED-BUT-WROTE "-i changed files"; }
			[ "$irc" = "$1" ] || done_ TOOL-ERROR "-i exited $irc"
		}
		case $rc in
		0)
			case $want in
			accept) outcome=ACCEPTED-UNSAFE ;;
			refuse)
				outcome=ACCEPTED-UNSAFE
				if [ ! -f "$case/may_rewrite" ] && [ "$mode" = check ]; then
					done_ ACCEPTED-UNSAFE "exit 0 (--report builds and runs it)"
				fi
				;;
			*) outcome=ACCEPTED-UNSAFE
				[ "$mode" = check ] && done_ ACCEPTED-UNSAFE "exit 0, want $want"
				;;
			esac
			if [ ! -s "$work/out.diff" ]; then # the program is unchanged: safe, but no refusal
				[ "$want" = accept ] && done_ OVER-CAUTIOUS "exit 0 with nothing rewritten: $why"
				[ -f "$case/may_rewrite" ] && done_ unchanged "exit 0 with nothing rewritten: $why"
				done_ NOT-REFUSED "exit 0 with nothing rewritten: $why"
			fi
			lr_apply "$work/out.diff"
			lr_rerun 0
			lr_runtime_objs "$rt_cache"
			lr_build_run
			case $want in
			accept) done_ accepted-safe ;;
			refuse) [ -f "$case/may_rewrite" ] && done_ accepted-safe "rewritten: $(head -n 1 "$case/may_rewrite")" ;;
			esac
			done_ ACCEPTED-UNSAFE "runs clean (no sanitizer sees the fault)"
			;;
		1)
			case $want in
			accept) done_ OVER-CAUTIOUS "$why" ;;
			refuse)
				nothing_written 1
				done_ refused "$why"
				;;
			error)
				nothing_written 1
				done_ NOT-AN-ERROR "$why"
				;;
			partial)
				if [ -f "$case/refused" ]; then
					while IFS= read -r n; do
						grep -qE "'$n' refused" "$work/err.txt" || done_ OVER-CAUTIOUS "'$n' not refused: $why"
					done < "$case/refused"
				fi
				[ -s "$work/out.diff" ] || done_ OVER-CAUTIOUS "nothing rewritten: $why"
				outcome=ACCEPTED-UNSAFE
				lr_apply "$work/out.diff"
				lr_rerun "$(cat "$case/rerun_exit" 2> /dev/null || echo 1)"
				lr_runtime_objs "$rt_cache"
				lr_build_run
				done_ partial-ok "$why"
				;;
			esac
			;;
		2)
			if [ "$want" = error ]; then
				nothing_written 2
				done_ error-ok "$why"
			fi
			done_ TOOL-ERROR "exit 2: $(grep -m1 . "$work/err.txt")"
			;;
		*) done_ TOOL-ERROR "the tool crashed (exit $rc): $(grep -m1 . "$work/err.txt")" ;;
		esac
	) > "$log" 2>&1
}

# passes OUTCOME: the outcome is what the verdict wanted.
passes() {
	case $1 in refused | accepted-safe | partial-ok | error-ok | unchanged) return 0 ;; esac
	return 1
}

# case_eval CASE MODE: both styles; prints "NAME CLASS WANT XFAIL PASS" then one line per style
# "STYLE<TAB>OUTCOME<TAB>DETAIL"; the logs stay in $tmp/STYLE.log.
case_eval() {
	case=$(cd "$1" && pwd)
	name=$(basename "$case")
	tmp=$(mktemp -d)
	local ok=1 style
	for style in cleanup explicit; do
		res=$tmp/$style.res log=$tmp/$style.log
		: > "$res"
		style_eval "$style" "$2"
		[ -s "$res" ] || printf 'TOOL-ERROR\tthe harness stopped: %s\n' "$(tail -n 1 "$log")" > "$res"
		passes "$(cut -f1 "$res")" || ok=0
	done
	want=$(cat "$case/verdict")
	local w
	for w in cleanup explicit; do
		[ -f "$case/verdict.$w" ] && want="$want,$w:$(cat "$case/verdict.$w")"
	done
	printf '%s %s %s %s %s\n' "$name" "${name%%_*}" "$want" "$([ -f "$case/xfail" ] && echo xfail || echo -)" "$ok"
	for style in cleanup explicit; do
		printf '%s\t%s\n' "$style" "$(cat "$tmp/$style.res")"
		[ -n "${CORPUS_LOGS:-}" ] && mkdir -p "$CORPUS_LOGS" && cp "$tmp/$style.log" "$CORPUS_LOGS/$name.$style.log"
	done
	return 0
}

if [ "${1:-}" = --report ]; then
	shift
	tool=$(realpath "$1") runtime=$(realpath "$2")
	shift 2
	jobs=2
	[ "${1:-}" = -j ] && { jobs=$2; shift 2; }
	[ $# = 0 ] && set -- $(ls -d "$here"/*/ | sed 's:/$::')
	out=$(mktemp -d)
	trap 'rm -rf "$out"' EXIT
	export tool runtime
	rt_cache
	printf '%s\n' "$@" | xargs -P "$jobs" -I{} bash "$here/run.sh" --one "$tool" "$runtime" {} "$out"
	printf '%-34s %-8s %-4s %-16s %-16s %s\n' case want xf cleanup explicit detail
	for c in "$@"; do
		f=$out/$(basename "$c")
		read -r n cls want xf ok < <(head -n 1 "$f")
		co=$(sed -n 2p "$f" | cut -f2) cd_=$(sed -n 2p "$f" | cut -f3)
		eo=$(sed -n 3p "$f" | cut -f2) ed=$(sed -n 3p "$f" | cut -f3)
		detail=$cd_
		[ "$ed" != "$cd_" ] && detail="$cd_ | explicit: $ed"
		printf '%-34s %-8s %-4s %-16s %-16s %s\n' "$n" "$want" "$([ "$xf" = xfail ] && echo xf || echo -)" "$co" "$eo" "$detail"
	done
	echo
	# Totals per class: a case counts as ACCEPTED-UNSAFE (or OVER-CAUTIOUS, ...) when one of its
	# styles is.
	for c in "$@"; do
		f=$out/$(basename "$c")
		read -r n cls want xf ok < <(head -n 1 "$f")
		echo "$cls $want $ok $(sed -n '2,3p' "$f" | cut -f2 | tr '\n' ' ')"
	done | awk -v classes="$classes" '
		BEGIN {
			n = split(classes, L, "\n")
			for (i = 1; i <= n; i++) { k = substr(L[i], 1, index(L[i], ":") - 1); order[i] = k; desc[k] = substr(L[i], index(L[i], ":") + 1) }
		}
		{
			c = $1; cases[c]++; all++
			if ($2 ~ /^accept/) safe[c]++; else unsafe[c]++
			if ($3 == 1) pass[c]++
			s = $4 " " $5
			if (s ~ /ACCEPTED-UNSAFE/) { au[c]++; if ($2 ~ /^accept/) aus[c]++ }
			if (s ~ /OVER-CAUTIOUS/) oc[c]++
			if (s ~ /REFUSED-BUT-WROTE/) rw[c]++
			if (s ~ /TOOL-ERROR|NOT-AN-ERROR/) te[c]++
		}
		END {
			printf "%-6s %5s %5s %5s %6s %9s %8s %6s %6s  %s\n", "class", "cases", "safe", "pass", "unsafe", "acc-unsafe", "over-cau", "wrote", "error", "description"
			for (i = 1; i <= n; i++) {
				c = order[i]; if (!(c in cases)) continue
				printf "%-6s %5d %5d %5d %6d %9d %8d %6d %6d  %s\n", c, cases[c], safe[c], pass[c], unsafe[c], au[c], oc[c], rw[c], te[c], desc[c]
				T[1] += cases[c]; T[2] += safe[c]; T[3] += pass[c]; T[4] += unsafe[c]; T[5] += au[c]; T[6] += oc[c]; T[7] += rw[c]; T[8] += te[c]
			}
			for (c in cases) { known = 0; for (i = 1; i <= n; i++) if (order[i] == c) known = 1; if (!known) printf "unknown class: %s\n", c }
			printf "%-6s %5d %5d %5d %6d %9d %8d %6d %6d\n", "total", T[1], T[2], T[3], T[4], T[5], T[6], T[7], T[8]
			printf "acc-unsafe: an exit 0 whose rewrite is unsafe (of them, %d on programs whose verdict is accept: a rewrite that failed its run)\n", 0 + aus_total()
		}
		function aus_total(   k, t) { for (k in aus) t += aus[k]; return t }'
	exit 0
fi

if [ "${1:-}" = --one ]; then # report mode, one case: the lines of case_eval into OUT/NAME
	tool=$2 runtime=$3
	rt_cache
	case_eval "$4" report > "$5/$(basename "$4").tmp"
	mv "$5/$(basename "$4").tmp" "$5/$(basename "$4")"
	rm -rf "$tmp"
	exit 0
fi

tool=$(realpath "$1") runtime=$(realpath "$2")
rt_cache
sum=$(mktemp)
case_eval "$3" check > "$sum"
trap 'rm -rf "$sum" "$tmp"' EXIT
read -r n cls want xf ok < "$sum"
report() { sed -n '2,3p' "$sum" | sed 's/^/  /'; }
if [ "$ok" = 1 ]; then
	if [ "$xf" = xfail ]; then
		echo "XPASS [$n]: passes now; remove tests/corpus/$n/xfail"
		report
		[ -n "${CORPUS_STRICT_XFAIL:-}" ] && exit 1
		exit 0
	fi
	echo "ok [$n] ($want)"
	report
	exit 0
fi
if [ "$xf" = xfail ]; then
	echo "XFAIL [$n]: $(head -n 1 "$case/xfail")"
	report
	exit 0
fi
echo "FAIL [$n]: want $want"
report
for style in cleanup explicit; do
	echo "--- $style log"
	tail -n 60 "$tmp/$style.log"
done
exit 1
