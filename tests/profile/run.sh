#!/bin/bash
# tests/profile/run.sh: the `arena-rewrite --profile` tests (issue 6), one ctest test a part.
#
#   run.sh PART TOOL PROF_EXPECT SRCDIR WORKDIR CC
#
#   dhat    builds progs/alloc_mix.c (-O0 -g) and progs/clone_o2.c (gcc -O2 -g), profiles them
#           with valgrind --tool=dhat, checks the ranking against the counts the programs are
#           written to make, and feeds the lists back to --hotspots (round trip, exit 0).
#           Exits 77 (ctest: skipped) when valgrind is missing.
#   folded  the fixtures/*.folded files (heaptrack_print -F output, stackcollapse-perf --all and
#           stackcollapse-bpftrace shapes), with and without a --rules wrapper, and a round trip.
#   errors  bad input: exit 2, a message naming the file and the fault, nothing on stdout.
#   scopes  issue 22's checked suggestions: scopes/*.c (a callback parser, a recursive-descent
#           parser, a per-request server) built with a plain gcc -O2 -g, profiled with DHAT,
#           --profile given the source: the scope of each hotspot is the lifetime-bounding
#           function, the list goes to --hotspots as is (exit 0) and the rewritten program
#           prints what the original does under ASan+UBSan. Issue 23's memory estimate: the
#           unchecked coverage scope of alloc_mix is flagged, the checked own arenas are not.
set -u
part=$1 tool=$2 expect=$3 src=$4 work=$5 cc=$6
fix=$src/fixtures
fails=0

rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1

fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

# profile OUT ARGS...: runs --profile, keeps stdout in OUT, fails unless it exits 0.
profile() {
	local out=$1
	shift
	"$tool" --profile "$@" >"$out" 2>"$out.err" || fail "--profile $* exited $?: $(cat "$out.err")"
}

expect() {
	"$expect" "$@" || fail "checks on $1"
}

# roundtrip LIST SOURCE [ARGS...]: the list is accepted by --hotspots and rewrites SOURCE.
roundtrip() {
	local list=$1 source=$2
	shift 2
	"$tool" --hotspots "$list" "$@" "$source" >"$list.diff" 2>"$list.diff.err" ||
		fail "round trip: --hotspots $list $* $source exited $?: $(cat "$list.diff.err")"
	grep -q '^+.*arena' "$list.diff" || fail "round trip: no arena in the diff for $list"
}

# bad NAME WANT ARGS...: --profile must exit 2 with nothing on stdout and WANT in the message.
bad() {
	local name=$1 want=$2
	shift 2
	"$tool" --profile "$@" >"$name.out" 2>"$name.err"
	local rc=$?
	[ $rc -eq 2 ] || fail "$name: exit $rc, want 2"
	[ ! -s "$name.out" ] || fail "$name: wrote to stdout"
	grep -qF -- "$want" "$name.err" || fail "$name: message lacks '$want': $(cat "$name.err")"
}

part_dhat() {
	if ! command -v valgrind >/dev/null; then
		echo "SKIP: valgrind is not installed (Debian: apt-get install valgrind)"
		exit 77
	fi
	cp "$src/progs/alloc_mix.c" "$src/progs/clone_o2.c" . || exit 1
	# The expected ranking names the always_inline helper as gcc's debug info reports it; clang
	# describes the inlined frame differently, so gcc builds the program where there is one.
	local pcc="$cc"
	command -v gcc >/dev/null && pcc=gcc
	"$pcc" -O0 -g -o alloc_mix alloc_mix.c || exit 1
	valgrind --tool=dhat --num-callers=40 --dhat-out-file=alloc_mix.json ./alloc_mix \
		2>valgrind.log || { cat valgrind.log; exit 1; }

	# Plain rules: xmalloc is a function of the program, so it is the hotspot of its blocks.
	profile plain.json alloc_mix.json
	expect plain.json count=5 rank=1:build_list:500 rank=2:copy_names:400 \
		rank=3:grow_array:300 rank=4:xmalloc:210 rank=5:scratch_sum:200 \
		file=build_list:alloc_mix.c bytes=build_list:8000 haskey=build_list:avg_lifetime \
		firstcaller=build_list:run caller=build_list:main:500 \
		firstcaller=scratch_sum:checksum_all caller=xmalloc:parse_items:150 \
		caller=xmalloc:load_table:60 absent=strdup absent=malloc absent=realloc nokey=scope \
		scope=build_list:run:1 scope=scratch_sum:checksum_all hint=xmalloc:malloc \
		hint=build_list:- hint=copy_names:-
	grep -q 'note: xmalloc looks like an allocator wrapper' plain.json.err ||
		fail "no stderr note for the undeclared wrapper xmalloc: $(cat plain.json.err)"

	# With the wrapper declared, its blocks go to its callers.
	profile wrapped.json alloc_mix.json --rules "$fix/xmalloc_rules.json"
	expect wrapped.json count=6 rank=4:scratch_sum:200 rank=5:parse_items:150 \
		rank=6:load_table:60 absent=xmalloc nokey=rules_hint
	! grep -q "allocator wrapper" wrapped.json.err || fail "a note with the wrapper declared: $(cat wrapped.json.err)"
	roundtrip wrapped.json alloc_mix.c --rules "$fix/xmalloc_rules.json"

	profile top2.json alloc_mix.json --top 2
	expect top2.json count=2 rank=2:copy_names:400
	profile share.json alloc_mix.json --min-share 0.2
	expect share.json count=2 rank=1:build_list:500

	local gcc
	gcc=$(command -v gcc)
	if [ -z "$gcc" ]; then
		echo "SKIP (part): gcc not found, the -O2 clone profile needs GCC's clone names"
		return
	fi
	"$gcc" -O2 -g -o clone_o2 clone_o2.c || exit 1
	valgrind --tool=dhat --num-callers=40 --dhat-out-file=clone_o2.json ./clone_o2 \
		2>valgrind2.log || { cat valgrind2.log; exit 1; }
	# The profile must really hold the clones, or the test proves nothing.
	grep -q 'fill_sum\.constprop\.' clone_o2.json || fail "gcc made no fill_sum.constprop clone"
	grep -q 'cfg_sum\.constprop\.0\.isra\.' clone_o2.json || fail "gcc made no cfg_sum.isra clone"
	profile clone.json clone_o2.json
	expect clone.json count=3 rank=1:fill_sum:120 rank=2:cfg_sum:40 rank=3:tiny_sum:30 \
		file=fill_sum:clone_o2.c firstcaller=tiny_sum:main scope=tiny_sum:-
	roundtrip clone.json clone_o2.c
}

part_folded() {
	cp "$src/progs/alloc_mix.c" . || exit 1
	# heaptrack_print -F: "func (file)" frames, a ';' after the leaf, one line per address.
	# heaptrack writes an inlined frame before its caller, so scratch_sum's blocks land on
	# checksum_all (docs/profiling.md).
	profile ht.json "$fix/heaptrack.folded"
	expect ht.json count=5 rank=1:build_list:500 rank=2:copy_names:400 rank=3:grow_array:300 \
		rank=4:xmalloc:210 rank=5:checksum_all:200 file=grow_array:alloc_mix.c nokey=bytes \
		hint=xmalloc:malloc scope=build_list:run
	profile htw.json "$fix/heaptrack.folded" --rules "$fix/xmalloc_rules.json"
	expect htw.json count=6 rank=5:parse_items:150 rank=6:load_table:60 absent=xmalloc \
		caller=parse_items:run:150
	roundtrip htw.json alloc_mix.c --rules "$fix/xmalloc_rules.json"

	# Scope suggestion (issue 12): main covers every node_new block, per_doc 97%, parse 80%.
	# The suggestion is per_doc: the innermost caller covering at least 90%, never main nor a
	# thread's start function (worker). xcalloc, a wrapper under calloc, gets the rules hint.
	profile pd.json "$fix/per_doc.folded"
	expect pd.json count=3 rank=1:node_new:1000 firstcaller=node_new:main \
		caller=node_new:per_doc:970 scope=node_new:per_doc:0.97 scope=scratch_new:- \
		hint=xcalloc:calloc hint=node_new:- hint=scratch_new:- scope=xcalloc:buf_grow:1
	grep -q 'parse, nearer, covers 80%' pd.json ||
		fail "the suggestion does not say why parse is not it: $(grep -A3 suggested pd.json)"
	grep -q 'note: xcalloc looks like an allocator wrapper.*"field": "free".*docs/scopes.md, section 11' \
		pd.json.err || fail "no field-rule note for xcalloc: $(cat pd.json.err)"
	grep -q 'node_new\|scratch_new' pd.json.err && fail "a note for a non-wrapper: $(cat pd.json.err)"
	printf '{"allocators": [{"name": "xcalloc", "kind": "calloc"}]}\n' >xcalloc_rules.json
	profile pdw.json "$fix/per_doc.folded" --rules xcalloc_rules.json
	expect pdw.json absent=xcalloc rank=2:buf_grow:400 nokey=rules_hint

	# stackcollapse-perf --all: comments, CRLF, trailing blanks, kernel and C++ frames,
	# [unknown], glibc internals, malloc@plt, a clone suffix on the wrapper.
	profile perf.json "$fix/perf.folded"
	expect perf.json count=5 rank=4:xmalloc:210 rank=5:scratch_sum:200 absent=_start \
		absent=_IO_file_doallocate absent=kmalloc firstcaller=build_list:run
	profile perfw.json "$fix/perf.folded" --rules "$fix/xmalloc_rules.json"
	expect perfw.json count=6 rank=5:parse_items:150 absent=xmalloc

	# stackcollapse-bpftrace (func+OFFSET) and DTrace-style module`func+0x.. frames.
	profile bt.json "$fix/bpftrace.folded" --rules "$fix/xmalloc_rules.json"
	expect bt.json count=6 rank=1:build_list:500 rank=4:scratch_sum:200 \
		firstcaller=scratch_sum:checksum_all rank=6:load_table:60 absent=fopen
}

part_errors() {
	local dhat=$fix/alloc_mix.dhat.json
	echo 'this is not a profile' >unknown.txt
	head -c 700 "$dhat" >truncated.json
	sed 's/"tbk":500/"tbk":500,,/' "$dhat" >malformed.json
	: >empty.txt
	printf '\n  \n# only a comment\n' >blank.txt
	echo '{"dhatFileVersion":2,"mode":"heap","pps":[],"ftbl":["[root]"]}' >nopps.json
	printf 'main;f 3\nmain;g\n' >nocount.folded
	printf 'main;f 3\nmain;g 1.5\n' >fraction.folded
	printf 'main;f 99999999999999999999\n' >huge.folded
	echo '{"dhatFileVersion":2,"pps":[{"tb":1,"tbk":1,"fs":[7]}],"ftbl":["[root]"]}' >index.json
	echo '{"dhatFileVersion":2,"mode":"copy","pps":[],"ftbl":["[root]"]}' >copy.json
	echo '{"hotspots":[{"function":"f"}]}' >list.json
	printf 'main\0;f 3\n' >binary.dat

	bad unknown "unknown.txt: error: unknown profile format" unknown.txt
	bad truncated "truncated.json:" truncated.json
	grep -q "ends early" truncated.err || fail "truncated: message does not say it ends early"
	bad malformed "malformed.json:" malformed.json
	grep -q "malformed DHAT profile" malformed.err || fail "malformed: not called malformed"
	bad empty "empty.txt: error: empty profile" empty.txt
	bad blank "blank.txt: error: empty profile" blank.txt
	bad nopps "nopps.json: error: empty profile" nopps.json
	bad nocount "nocount.folded:2:1: error: malformed folded stacks" nocount.folded
	bad fraction "count '1.5' is not a whole number" fraction.folded
	bad huge "is too large" huge.folded
	bad index "index.json: error: malformed DHAT profile: pps[0].fs[0]" index.json
	bad copy "counts copies" copy.json
	bad list "this is a hotspot list" list.json
	bad binary "binary data" binary.dat
	bad missing "missing.json: error: cannot read" missing.json
	bad top0 "--top" "$dhat" --top 0
	bad topneg "--top" "$dhat" --top -3
	bad share15 "--min-share" "$dhat" --min-share 1.5
	bad shareneg "--min-share" "$dhat" --min-share -0.1
}

# checked_case NAME CHECK...: profile scopes/NAME.c, check the checked list, rewrite, run.
checked_case() {
	local name=$1 pcc=$cc rt="$src/../../runtime"
	shift
	command -v gcc >/dev/null && pcc=gcc
	cp "$src/scopes/$name.c" . || exit 1
	"$pcc" -O2 -g -o "$name" "$name.c" || exit 1
	valgrind --tool=dhat --num-callers=40 --dhat-out-file="$name.dhat" "./$name" >"$name.want" \
		2>"$name.vg" || { cat "$name.vg"; exit 1; }
	profile "$name.json" "$name.dhat" "$name.c"
	expect "$name.json" "$@"
	"$tool" --hotspots "$name.json" -i "$name.c" 2>"$name.rw.err" ||
		fail "$name: --hotspots with the checked list exited $?: $(cat "$name.rw.err")"
	"$pcc" -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -I"$rt" "$name.c" \
		"$rt/arena_rt.c" -o "$name.san" -lpthread || { fail "$name: rewritten build"; return; }
	"./$name.san" >"$name.got" 2>"$name.san.err" || fail "$name: ASan run: $(head -5 "$name.san.err")"
	cmp -s "$name.want" "$name.got" || fail "$name: the rewritten program prints otherwise"
}

part_scopes() {
	if ! command -v valgrind >/dev/null; then
		echo "SKIP: valgrind is not installed (Debian: apt-get install valgrind)"
		exit 77
	fi
	# parse_stream hands each value to a callback that keeps it: refused there by the analysis.
	# value_alloc(kind, text, len) has "alloc" in its name but no allocator's shape: no hint.
	checked_case callback checked=value_alloc:handle_doc count=1 refused=remember \
		hint=value_alloc:-
	checked_case recdesc checked=node_new:per_doc count=1
	checked_case server checked=header_new:handle_request checked=reply:- count=2
	checked_case cause checked=xstrdup:parse_command count=1 refused=format_cause
	grep -q '"tried":.*"parse_stream", "handle_doc"' callback.json ||
		fail "callback: parse_stream was not tried before handle_doc"
	grep -q '"chain":.*"main -> handle_doc -> parse_stream -> value_alloc"' callback.json ||
		fail "callback: no chain"

	# A wrapper in a unit of its own is a tail call at -O2: the profile names its caller; the
	# source shows the wrapper, and the refusal names the rule to add. With it: accepted.
	cp "$src/scopes/tail.c" "$src/scopes/tail_mem.c" . || exit 1
	gcc -O2 -g -o tail tail.c tail_mem.c || exit 1
	valgrind --tool=dhat --num-callers=40 --dhat-out-file=tail.dhat ./tail >/dev/null 2>&1 ||
		exit 1
	profile tail_plain.json tail.dhat tail.c tail_mem.c
	expect tail_plain.json count=0 refused=make_pair
	grep -qF "add {\"name\": \"xmalloc\", \"kind\": \"malloc\"} to --rules" tail_plain.json.err ||
		fail "tail call: no rule named: $(cat tail_plain.json.err)"
	echo '{ "allocators": [ { "name": "xmalloc", "kind": "malloc" } ] }' >tail_rules.json
	profile tail_checked.json tail.dhat --rules tail_rules.json tail.c tail_mem.c
	expect tail_checked.json count=1 checked=make_pair:-

	# Allocation calls inside a macro need a caller's scope (the macro's definition is then
	# rewritten); main is none: refused, the reason naming the macro.
	cp "$src/scopes/macro.c" . || exit 1
	gcc -O2 -g -o macro macro.c || exit 1
	valgrind --tool=dhat --num-callers=40 --dhat-out-file=macro.dhat ./macro >/dev/null 2>&1 ||
		exit 1
	profile macro.json macro.dhat macro.c
	expect macro.json count=0 refused=fill
	grep -q "fill not suggested: its allocation calls are left alone (inside a macro expansion: macro 'BUF_INIT'" \
		macro.json.err || fail "macro: no reason given: $(cat macro.json.err)"

	# A function under a #line directive: the profile names scan.l, the sources line.c; the
	# list leaves the file out, and --hotspots accepts it as is.
	cp "$src/scopes/line.c" . || exit 1
	gcc -O2 -g -fno-inline -o line line.c || exit 1
	valgrind --tool=dhat --num-callers=40 --dhat-out-file=line.dhat ./line >/dev/null 2>&1 ||
		exit 1
	profile line.json line.dhat line.c
	expect line.json count=1 checked=scratch:work
	grep -q '"file"' line.json && fail "line: the #line file kept in the list: $(cat line.json)"
	"$tool" --hotspots line.json line.c >/dev/null 2>line.hot.err ||
		fail "line: --hotspots refused the list: $(cat line.hot.err)"

	# A long chain of calls to the escape: the note shortens it, the list keeps it whole.
	cp "$src/scopes/chain.c" . || exit 1
	gcc -O2 -g -o chain chain.c || exit 1
	valgrind --tool=dhat --num-callers=40 --dhat-out-file=chain.dhat ./chain >/dev/null 2>&1 ||
		exit 1
	profile chain.json chain.dhat chain.c
	expect chain.json count=0 refused=mk
	grep -q "mk not suggested: .*'c2' .*\.\.\. (2 calls more) \.\.\..*'c6'" chain.json.err ||
		fail "chain: the note is not shortened: $(cat chain.json.err)"
	grep -q "'c4'" chain.json || fail "chain: the list's why lost a link"
	grep -q "none of the 1 candidates can be rewritten" chain.json.err ||
		fail "chain: no note for the empty list: $(cat chain.json.err)"

	# In a thread the chain ends in libc's start_thread and clone: the reason is the refusal of
	# the outermost scope the sources define, not that the frames above it are defined nowhere.
	cp "$src/scopes/thread.c" . || exit 1
	gcc -O2 -g -o thread thread.c -lpthread || exit 1
	valgrind --tool=dhat --num-callers=40 --dhat-out-file=thread.dhat ./thread >/dev/null 2>&1 ||
		exit 1
	profile thread.json thread.dhat thread.c --
	expect thread.json count=0 refused=mk
	grep -q "mk not suggested: every scope of its chain refused; the outermost: line [0-9]*: arena memory stored in 'keep'" \
		thread.json.err || fail "thread: not the refusal of worker: $(cat thread.json.err)"

	# A scope holding what its callees free as they go: flagged unchecked, not when checked.
	cp "$src/progs/alloc_mix.c" . || exit 1
	gcc -O0 -g -o alloc_mix alloc_mix.c || exit 1
	valgrind --tool=dhat --num-callers=40 --dhat-out-file=alloc_mix.dhat ./alloc_mix \
		>/dev/null 2>&1 || exit 1
	profile mix_plain.json alloc_mix.dhat --rules "$fix/xmalloc_rules.json"
	expect mix_plain.json scope=grow_array:run memory=grow_array:1
	grep -q "warning: an arena in 'run' would hold about" mix_plain.json.err ||
		fail "no memory warning for the scope run: $(cat mix_plain.json.err)"
	profile mix_checked.json alloc_mix.dhat --rules "$fix/xmalloc_rules.json" alloc_mix.c
	expect mix_checked.json checked=grow_array:- checked=build_list:- memory=grow_array:0
	grep -q "warning: an arena" mix_checked.json.err &&
		fail "a memory warning for own arenas: $(cat mix_checked.json.err)"
	grep -q "note: at about 120 instructions a block" mix_checked.json.err ||
		fail "no cost note: $(cat mix_checked.json.err)"
	# Undeclared, the wrapper xmalloc is a hotspot; the source shows its shape: a hint.
	profile mix_wrapper.json alloc_mix.dhat alloc_mix.c
	expect mix_wrapper.json hint=xmalloc:malloc hint=build_list:-
}

case $part in
dhat | folded | errors | scopes) "part_$part" ;;
*)
	echo "run.sh: unknown part '$part'"
	exit 2
	;;
esac
if [ $fails -ne 0 ]; then
	echo "$fails check(s) failed (work folder: $work)"
	exit 1
fi
echo "profile $part: all checks passed"
