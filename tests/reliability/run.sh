#!/usr/bin/env bash
# Reliability: the attacks of issue 14 as tests (harness: lib.sh).
# usage: run.sh TOOL RUNTIME_DIR CC [CASE...]
set -u
tool=$1 rtdir=$2 cc=$3
shift 3
only="$*"
. "$(dirname "$0")/lib.sh"

# ---- special files and sources as --report ---------------------------------------------------

case_report_fifo() {
	mkfifo rep.fifo
	timeout 60 cat rep.fifo > got.json &
	local reader=$!
	timeout 60 "$tool" --hotspots hot.json --report rep.fifo good.c -- > out 2> err
	local rc=$?
	wait $reader
	[ "$rc" = 0 ] || { fail report-fifo "exit $rc"; return 1; }
	[ -p rep.fifo ] || { fail report-fifo "the FIFO was replaced"; return 1; }
	grep -q '"hotspots"' got.json || { fail report-fifo "the reader got no report"; return 1; }
	no_temps || { fail report-fifo "temporary files left"; return 1; }
}

case_report_device() {
	# A private character device (the null device's numbers) stands in for /dev/null.
	if [ "$(id -u)" != 0 ] || ! mknod null.dev c 1 3 2> /dev/null; then
		echo "  (not root: device case skipped, the FIFO case covers in-place writes)"
		return 0
	fi
	"$tool" --hotspots hot.json -i --report null.dev good.c -- > out 2> err
	local rc=$?
	[ "$rc" = 0 ] || { fail report-device "exit $rc"; return 1; }
	[ -c null.dev ] || { fail report-device "the device was replaced by a regular file"; return 1; }
	grep -q arena_alloc good.c || { fail report-device "the source was not rewritten"; return 1; }
	no_temps || { fail report-device "temporary files left"; return 1; }
}

case_report_stdout_file() {
	# The file stdout goes to, named as the report: the diff must survive, the report follows.
	"$tool" --hotspots hot.json --report out.txt good.c -- > out.txt 2> err
	local rc=$?
	[ "$rc" = 0 ] || { fail report-stdout-file "exit $rc"; return 1; }
	grep -q '^--- a/good.c' out.txt || { fail report-stdout-file "the diff was lost"; return 1; }
	grep -q '"hotspots"' out.txt || { fail report-stdout-file "no report"; return 1; }
}

case_report_stderr_link() {
	# A link like /dev/stderr: it must stay a link, and the report reach the file behind it.
	ln -s /proc/self/fd/2 errlink
	{ echo earlier >&2; "$tool" --hotspots hot.json --report errlink good.c -- > out; } 2> err
	local rc=$?
	[ "$rc" = 0 ] || { fail report-stderr-link "exit $rc"; return 1; }
	[ -L errlink ] || { fail report-stderr-link "the link was replaced"; return 1; }
	grep -q '"hotspots"' err || { fail report-stderr-link "the report is not on stderr"; return 1; }
	grep -q earlier err || { fail report-stderr-link "what stderr held was lost"; return 1; }
}

case_report_dangling_link() {
	ln -s made.json dangle
	"$tool" --hotspots hot.json --report dangle good.c -- > out 2> err
	local rc=$?
	[ "$rc" = 0 ] || { fail report-dangling-link "exit $rc"; return 1; }
	[ -L dangle ] || { fail report-dangling-link "the link was replaced"; return 1; }
	grep -q '"hotspots"' made.json || { fail report-dangling-link "its target was not created"; return 1; }
}

case_report_is_source() {
	cp good.c orig.c
	for flags in "" "-i"; do
		"$tool" --hotspots hot.json $flags --report good.c good.c -- > out 2> err
		local rc=$?
		[ "$rc" = 2 ] || { fail report-is-source "exit $rc with '$flags'"; return 1; }
		grep -q 'good\.c: error: cannot write the report: it is an input of this run' err || { fail report-is-source "message"; return 1; }
		cmp -s good.c orig.c || { fail report-is-source "the source changed"; return 1; }
		[ -s out ] && { fail report-is-source "printed a diff"; return 1; }
	done
	no_temps || { fail report-is-source "temporary files left"; return 1; }
}

case_report_dir() {
	mkdir sub
	cp good.c orig.c
	"$tool" --hotspots hot.json -i --report sub good.c -- > out 2> err
	local rc=$?
	[ "$rc" = 2 ] || { fail report-dir "exit $rc"; return 1; }
	grep -q 'sub: error: .*is a directory' err || { fail report-dir "message"; return 1; }
	cmp -s good.c orig.c || { fail report-dir "the source was rewritten before the failure"; return 1; }
	no_temps || { fail report-dir "temporary files left"; return 1; }
}

# ---- files that change or alias -------------------------------------------------------------

# modified NAME HOOK: pauses the -i run at the test hook HOOK, edits good.c, lets it go on:
# exit 2, the edit kept, nothing of the rewrite written.
modified() {
	local name=$1 hook=$2
	env "$hook=$PWD/paused" "$tool" --hotspots hot.json -i good.c -- > out 2> err &
	local pid=$!
	for _ in $(seq 600); do [ -e paused ] && break; sleep 0.1; done
	[ -e paused ] || { kill $pid; fail "$name" "never reached the pause"; return 1; }
	printf '#define EXTRA 1\n' | cat - good.c > edited.c && cat edited.c > good.c
	rm paused
	wait $pid
	local rc=$?
	[ "$rc" = 2 ] || { fail "$name" "exit $rc"; return 1; }
	grep -q 'good\.c: error: changed while arena-rewrite ran' err || { fail "$name" "message"; return 1; }
	cmp -s good.c edited.c || { fail "$name" "the edited file was overwritten"; return 1; }
	no_temps || { fail "$name" "temporary files left"; return 1; }
}

# Edited between the read and the renames.
case_modified_during_run() { modified modified-during-run ARENA_REWRITE_TEST_PAUSE_BEFORE_COMMIT; }

# Edited after libclang parsed it, before the write phase reads it: the planned offsets are
# stale (the "#inc#include" of issue 14).
case_modified_after_parse() { modified modified-after-parse ARENA_REWRITE_TEST_PAUSE_BEFORE_READ; }

case_symlink_pair() {
	cat > good.c <<'C'
#include <stdlib.h>
int f(int n)
{
	int *p = malloc(sizeof(int) * (size_t)n);
	free(p);
	return n;
}
int g(int n)
{
	char *q = malloc((size_t)n);
	free(q);
	return n;
}
C
	ln -s good.c link.c
	echo '{"hotspots": [{"function": "f", "file": "good.c"}, {"function": "g", "file": "link.c"}]}' > pair.json
	"$tool" --hotspots pair.json -i good.c link.c -- > out 2> err
	local rc=$?
	[ "$rc" = 0 ] || { fail symlink-pair "exit $rc"; return 1; }
	[ -L link.c ] || { fail symlink-pair "the link was replaced"; return 1; }
	[ "$(grep -c 'arena_t arena' good.c)" = 2 ] || { fail symlink-pair "not both functions rewritten"; return 1; }
	[ "$(grep -c 'include "arena_rt.h"' good.c)" = 1 ] || { fail symlink-pair "include count"; return 1; }
	"$cc" -fsyntax-only -I "$rtdir" good.c 2>> err || { fail symlink-pair "does not compile"; return 1; }
}

# ---- a failure after the first rename --------------------------------------------------------

case_late_failure() {
	two_files
	ARENA_REWRITE_TEST_FAIL_RENAME=2 "$tool" --hotspots two.json -i a.c b.c -- > out 2> err
	local rc=$?
	[ "$rc" = 2 ] || { fail late-failure "exit $rc"; return 1; }
	grep -q 'error: cannot write: .*busy.*restored' err || { fail late-failure "message"; return 1; }
	cmp -s a.c a.orig && cmp -s b.c b.orig || { fail late-failure "files left rewritten"; return 1; }
	no_temps || { fail late-failure "temporary files left"; return 1; }
	# The real thing where mounts are allowed: a bind mount makes rename(2) fail with EBUSY.
	if [ "$(id -u)" = 0 ] && touch over && mount --bind over b.c 2> /dev/null; then
		"$tool" --hotspots two.json -i a.c b.c -- > out 2> err
		rc=$?
		umount b.c
		[ "$rc" = 2 ] || { fail late-failure "bind mount: exit $rc"; return 1; }
		cmp -s a.c a.orig || { fail late-failure "bind mount: a.c left rewritten"; return 1; }
		no_temps || { fail late-failure "bind mount: temporary files left"; return 1; }
	fi
}

# ---- line endings ------------------------------------------------------------------------------

case_line_endings() {
	local style
	for style in lf crlf cr; do
		case $style in
		lf) cp good.c $style.c ;;
		crlf) sed 's/$/\r/' good.c > $style.c ;;
		cr) tr '\n' '\r' < good.c > $style.c ;;
		esac
		"$tool" --hotspots hot.json -i $style.c -- > out 2> err
		local rc=$?
		[ "$rc" = 0 ] || { fail line-endings "$style: exit $rc"; return 1; }
		local lf cr
		lf=$(tr -cd '\n' < $style.c | wc -c)
		cr=$(tr -cd '\r' < $style.c | wc -c)
		case $style in
		lf) [ "$cr" = 0 ] ;;
		crlf) [ "$cr" = "$lf" ] ;;
		cr) [ "$lf" = 0 ] ;;
		esac || { fail line-endings "$style: mixed line endings ($lf LF, $cr CR)"; return 1; }
		[ "$(head -c 80 $style.c | tr '\r' '\n' | grep -v '^$' | sed -n 2p)" = '#include "arena_rt.h"' ] ||
			{ fail line-endings "$style: the include is not after the first include"; return 1; }
		"$cc" -fsyntax-only -I "$rtdir" $style.c 2>> err || { fail line-endings "$style: does not compile"; return 1; }
	done
}

# ---- strict readers ------------------------------------------------------------------------------

case_trailing_hotspots() {
	printf '[{"function":"f"}] garbage\n' > trail.json
	expect2 trailing-hotspots 'trail\.json:1:20: error: .*after the end' --hotspots trail.json -i good.c --
}

case_nul_hotspots() {
	printf '[{"function":"f\\u0000x"}]\n' > nul.json
	expect2 nul-hotspots 'nul\.json:1:16: error: .*NUL' --hotspots nul.json -i good.c --
}

case_trailing_rules() {
	printf '{"allocators": []}\n}\n' > trail_rules.json
	expect2 trailing-rules 'trail_rules\.json:2:1: error: .*after the end' --hotspots hot.json --rules trail_rules.json -i good.c --
}

case_trailing_dhat() {
	printf '{"dhatFileVersion": 2, "mode": "heap", "tu": "instrs", "pps": [], "ftbl": ["[root]"]} x' > trail.dhat
	expect2 trailing-dhat 'trail\.dhat:1:[0-9]+: error: .*after the end' --profile trail.dhat
}

case_bom_hotspots() {
	# A byte order mark in front of a JSON list: read as JSON, not as a plain-text name.
	printf '\xef\xbb\xbf{"hotspots": [{"function": "f"}]}\n' > bom.json
	"$tool" --hotspots bom.json good.c -- > out 2> err || { fail bom-hotspots "exit $?"; return 1; }
	grep -q arena_alloc out || { fail bom-hotspots "not rewritten"; return 1; }
}

case_truncated_cdb() {
	printf '[{"directory": "%s", "file": "good.c", "arguments": ["cc", "-c", "good.c"]}' "$PWD" > compile_commands.json
	expect2 truncated-cdb 'compile_commands\.json:1:[0-9]+: error: malformed JSON in compilation database' --hotspots hot.json -p . -i good.c
}

case_absent_from_cdb() {
	mkdir db
	printf '[{"directory": "%s", "file": "other.c", "arguments": ["cc", "-c", "other.c"]}]' "$PWD" > db/compile_commands.json
	expect2 absent-from-cdb 'good\.c: error: not in db/compile_commands\.json' --hotspots hot.json -p db -i good.c
}

case_cdb_through_link() {
	# A SOURCE named through a link is the database's entry for its target, not absent.
	printf '[{"directory": "%s", "file": "good.c", "arguments": ["cc", "-DN=1", "-c", "good.c"]}]' "$PWD" > compile_commands.json
	ln -s good.c alias.c
	"$tool" --hotspots hot.json -p . alias.c > out 2> err || { fail cdb-through-link "exit $?"; return 1; }
	grep -q arena_alloc out || { fail cdb-through-link "not rewritten"; return 1; }
}

# ---- odd file names -------------------------------------------------------------------------------

case_odd_names() {
	local nl=$'we\nird.c'
	good_c "$nl"
	"$tool" --hotspots hot.json "$nl" -- > out.diff 2> err
	local rc=$?
	[ "$rc" = 0 ] || { fail odd-names "newline name: exit $rc"; return 1; }
	grep -qxF -- '--- "a/we\nird.c"' out.diff || { fail odd-names "header not quoted as git does"; return 1; }
	if git init -q . 2> /dev/null; then
		git apply --check out.diff 2>> err || { fail odd-names "git apply rejects the diff"; return 1; }
	fi
}

case_odd_names_json() {
	local bad=$'bad\xff.c'
	cat > "$bad" <<'C'
#include <stdlib.h>
char *keep;
void h(void)
{
	keep = malloc(4);
}
C
	echo '{"hotspots": [{"function": "h"}]}' > h.json
	"$tool" --lint --hotspots h.json --format=json "$bad" -- > lint.json 2> err
	iconv -f UTF-8 -t UTF-8 lint.json > /dev/null 2>&1 || { fail odd-names-json "lint JSON is not UTF-8"; return 1; }
	grep -q 'bad\\ufffd\.c' lint.json || { fail odd-names-json "the bad byte is not escaped"; return 1; }
	"$tool" --hotspots h.json --force --report rep.json "$bad" -- > out 2> err
	iconv -f UTF-8 -t UTF-8 rep.json > /dev/null 2>&1 || { fail odd-names-json "report is not UTF-8"; return 1; }
}

# ---- messages ---------------------------------------------------------------------------------------

case_fifo_source() {
	mkfifo src.c
	expect2 fifo-source 'src\.c: error: not a regular file' --hotspots hot.json src.c --
}

case_folded_line1() {
	printf 'main;f 12x\nmain;g 3\n' > bad.folded
	expect2 folded-line1 'bad\.folded:1:8: error: .*count' --profile bad.folded
}

case_dhat_range() {
	printf '{"dhatFileVersion": 2, "mode": "heap", "tu": "instrs", "pps": [{"tb": 1, "tbk": 1e300, "fs": [1]}], "ftbl": ["[root]", "0x1: f (f.c:1:1)"]}' > big.dhat
	expect2 dhat-range 'big\.dhat: error: .*"tbk" is out of range' --profile big.dhat
}

# ---- recovery -------------------------------------------------------------------------------------

case_recover_leftovers() {
	# Leftovers of a run killed while staging: no journal, only temporary files.
	echo partial > .arena-rewrite.123-1.0.new
	echo partial > .arena-rewrite.123-1.jtmp
	echo theirs > .arena-rewrite.notes
	"$tool" --recover . > out 2> err || { fail recover-leftovers "exit $?"; return 1; }
	[ "$(find . -name '.arena-rewrite.*')" = ./.arena-rewrite.notes ] ||
		{ fail recover-leftovers "temporary files left, or a file not of this tool's removed"; return 1; }
	"$tool" --recover nosuch > out 2> err
	[ "$?" = 2 ] || { fail recover-leftovers "a missing folder is not exit 2"; return 1; }
}

for c in report-fifo report-device report-stdout-file report-stderr-link report-dangling-link \
	report-is-source report-dir modified-during-run modified-after-parse symlink-pair late-failure line-endings \
	trailing-hotspots nul-hotspots trailing-rules trailing-dhat bom-hotspots truncated-cdb \
	absent-from-cdb cdb-through-link odd-names odd-names-json fifo-source folded-line1 dhat-range recover-leftovers; do
	run_case "$c"
done
finish
