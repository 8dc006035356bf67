#!/usr/bin/env bash
# Reliability (issue 24): one resolver for every output (--report, --export-summaries): no
# input of the run is ever replaced, special files are written in place, pipes and /dev/stdout
# work, writes are atomic, and an output that fails says what was written. Harness: lib.sh.
# usage: outputs.sh TOOL [CASE...]
set -u
tool=$1
shift
only="$*"
. "$(dirname "$0")/lib.sh"

# unchanged NAME FILE...: each FILE is as its FILE.orig copy.
unchanged() {
	local name=$1 f
	shift
	for f in "$@"; do
		cmp -s "$f" "$f.orig" || { fail "$name" "$f was overwritten"; return 1; }
	done
}

# --lint --export-summaries good.c good.c replaced the C source with JSON, exit 0.
case_export_over_source() {
	cp good.c good.c.orig
	expect2 export-over-source 'good\.c: error: cannot write the summaries file: it is an input of this run' \
		--lint --export-summaries good.c good.c -- || return 1
	unchanged export-over-source good.c
}

# --report over a header the source includes, and over the hotspot list.
case_report_over_inputs() {
	printf 'static int g;\n' > inc.h
	sed -i '1i #include "inc.h"' good.c
	cp inc.h inc.h.orig
	cp hot.json hot.json.orig
	printf '{"allocators": []}\n' > rules.json
	cp rules.json rules.json.orig
	mkdir db
	printf '[{"directory": "%s", "file": "good.c", "arguments": ["cc", "-c", "good.c"]}]\n' "$PWD" > db/compile_commands.json
	cp db/compile_commands.json db/compile_commands.json.orig
	local r
	for r in inc.h hot.json rules.json db/compile_commands.json; do
		expect2 report-over-inputs "$r: error: cannot write the report: it is an input of this run" \
			--hotspots hot.json --rules rules.json -p db -i --report "$r" good.c || return 1
		expect2 report-over-inputs "$r: error: cannot write the report: it is an input of this run" \
			--hotspots hot.json --rules rules.json -p db --report "$r" good.c || return 1
	done
	unchanged report-over-inputs inc.h hot.json rules.json db/compile_commands.json || return 1
	no_temps || { fail report-over-inputs "temporary files left"; return 1; }
}

# --export-summaries into special files: written in place, like --report; a link to a source
# refused.
case_export_special() {
	cp good.c good.c.orig
	ln -s good.c link.json
	expect2 export-special 'link\.json: error: cannot write the summaries file: it is an input' \
		--lint --export-summaries link.json good.c -- || return 1
	[ -L link.json ] && unchanged export-special good.c || { fail export-special "the link or the source changed"; return 1; }
	mkfifo sums.fifo
	timeout 60 cat sums.fifo > got.json &
	local reader=$!
	timeout 60 "$tool" --lint --export-summaries sums.fifo good.c -- > out 2> err
	local rc=$?
	wait $reader
	[ "$rc" = 0 ] || { fail export-special "FIFO: exit $rc"; return 1; }
	[ -p sums.fifo ] || { fail export-special "the FIFO was replaced"; return 1; }
	grep -q '"arena-rewrite-summaries"' got.json || { fail export-special "the reader got nothing"; return 1; }
	if [ "$(id -u)" = 0 ] && mknod null.dev c 1 3 2> /dev/null; then
		"$tool" --lint --export-summaries null.dev good.c -- > out 2> err || { fail export-special "device: exit $?"; return 1; }
		[ -c null.dev ] || { fail export-special "the device was replaced by a regular file"; return 1; }
	fi
	"$tool" --lint --export-summaries /dev/stdout good.c -- 2> err | grep -q '"arena-rewrite-summaries"' ||
		{ fail export-special "/dev/stdout through a pipe"; return 1; }
	no_temps || { fail export-special "temporary files left"; return 1; }
}

# A link planted where the old writer put its temporary file (FILE.tmp) is never followed.
case_export_temp_link() {
	echo victim > victim.txt
	ln -s victim.txt sums.json.tmp
	"$tool" --lint --export-summaries sums.json good.c -- > out 2> err || { fail export-temp-link "exit $?"; return 1; }
	[ "$(cat victim.txt)" = victim ] || { fail export-temp-link "the link's target was overwritten"; return 1; }
	grep -q '"arena-rewrite-summaries"' sums.json || { fail export-temp-link "not written"; return 1; }
}

# -i --report /dev/full exited 2, "nothing written", after the sources were rewritten: a
# report written in place comes before the sources now.
case_report_full() {
	[ -w /dev/full ] || { echo "  (no /dev/full: skipped)"; return 0; }
	cp good.c good.c.orig
	expect2 report-full '/dev/full: error: cannot write the report: No space left on device' \
		--hotspots hot.json -i --report /dev/full good.c -- || return 1
	unchanged report-full good.c || return 1
	no_temps || { fail report-full "temporary files left"; return 1; }
}

# --report /dev/stdout | cat: the documented form, which named /proc/PID/fd/pipe:[N].
case_report_stdout_pipe() {
	"$tool" --hotspots hot.json --report /dev/stdout good.c -- 2> err | cat > got
	local rc=${PIPESTATUS[0]}
	[ "$rc" = 0 ] || { fail report-stdout-pipe "exit $rc"; return 1; }
	grep -q '^--- a/good.c' got && grep -q '"hotspots"' got || { fail report-stdout-pipe "diff or report missing"; return 1; }
	"$tool" --hotspots hot.json -i --report /dev/stdout good.c -- 2> err | cat > got
	rc=${PIPESTATUS[0]}
	[ "$rc" = 0 ] || { fail report-stdout-pipe "-i: exit $rc"; return 1; }
	grep -q '"hotspots"' got && grep -q arena_alloc good.c || { fail report-stdout-pipe "-i: report or rewrite missing"; return 1; }
	# A report that is not there names what the user wrote.
	expect2 report-stdout-pipe '^nodir/r\.json: error: cannot write the report: No such file' \
		--hotspots hot.json --report nodir/r.json good.c --
}

# A diff or a lint report that cannot be written is an error, not exit 0 with the output lost.
case_diff_full() {
	[ -w /dev/full ] || { echo "  (no /dev/full: skipped)"; return 0; }
	"$tool" --hotspots hot.json good.c -- > /dev/full 2> err
	local rc=$?
	[ "$rc" = 2 ] || { fail diff-full "exit $rc"; return 1; }
	grep -q 'error: cannot write the diff: No space left on device' err || { fail diff-full "message"; return 1; }
	printf '#include <stdlib.h>\nchar *keep;\nvoid h(void)\n{\n\tkeep = malloc(4);\n}\n' > h.c
	echo '{"hotspots": [{"function": "h"}]}' > h.json
	"$tool" --lint --hotspots h.json h.c -- > /dev/full 2> err
	rc=$?
	[ "$rc" = 2 ] || { fail diff-full "lint: exit $rc"; return 1; }
	grep -q 'error: cannot write to standard output' err || { fail diff-full "lint: message"; return 1; }
}

# /dev/stdout as the output while the tool's stdout is open on an input (`1<>good.c`).
case_stdout_is_input() {
	cp good.c good.c.orig
	"$tool" --lint --export-summaries /dev/stdout good.c -- 1<> good.c 2> err
	local rc=$?
	[ "$rc" = 2 ] || { fail stdout-is-input "exit $rc"; return 1; }
	grep -q '/dev/stdout: error: cannot write the summaries file: it is an input of this run' err ||
		{ fail stdout-is-input "message: $(head -c 300 err)"; return 1; }
	unchanged stdout-is-input good.c
}

# An output given as /dev/fd/3 while fd 3 is open on an input: refused, and the message names
# /dev/fd/3 as written (an attack report read "bash: error:": that was how its terminal
# capture showed the line; the bytes on stderr were always "/dev/fd/3: error:").
case_fd3_is_input() {
	local what
	for what in "--report /dev/fd/3 --hotspots hot.json" "--export-summaries /dev/fd/3 --hotspots hot.json"; do
		cp good.c good.c.orig
		"$tool" $what good.c -- 3<> good.c 2> err
		local rc=$?
		[ "$rc" = 2 ] || { fail fd3-is-input "'$what': exit $rc"; return 1; }
		grep -q '^/dev/fd/3: error: cannot write the \(report\|summaries file\): it is an input of this run' err ||
			{ fail fd3-is-input "'$what': message: $(head -c 300 err)"; return 1; }
		unchanged fd3-is-input good.c || return 1
	done
}

# An output named like the journal's own files: the next -i would take it for a journal or
# delete it as a temporary file.
case_report_reserved_name() {
	expect2 report-reserved-name 'cannot write the report: its name is one the journal uses' \
		--hotspots hot.json --report .arena-rewrite.1-1.journal good.c -- || return 1
	[ -e .arena-rewrite.1-1.journal ] && { fail report-reserved-name "the report was written"; return 1; }
	return 0
}

# -i --diff into a pipe whose reader has gone: exit 2 with a message saying the sources were
# written, not a silent death by SIGPIPE.
case_diff_closed_pipe() {
	local big
	big=$(for i in $(seq 1 3000); do echo "/* filler line $i to outgrow the pipe */"; done)
	printf '%s\n' "$big" >> good.c
	{ "$tool" --hotspots hot.json -i --diff good.c -- 2> err; echo $? > rc; } | (exec 0<&-; sleep 1)
	[ "$(cat rc)" = 2 ] || { fail diff-closed-pipe "exit $(cat rc)"; return 1; }
	grep -q 'cannot write the diff: .* (the sources were written before it)' err ||
		{ fail diff-closed-pipe "message: $(head -c 300 err)"; return 1; }
}

# An output in the user's registry of pending sets (docs/rewrite.md, "Recovery"), by name or
# through a link: a report named like a record there was written, and every later --recover
# warned of it as a record it may not act on.
case_output_in_registry() {
	local reg=$XDG_STATE_HOME/arena-rewrite
	mkdir -p "$reg"
	chmod 700 "$reg"
	ln -s "$reg/2-2.set" lnk.json
	expect2 output-in-registry 'cannot write the report: it is in the registry of pending sets' \
		--hotspots hot.json --report "$reg/1-1.set" good.c -- || return 1
	expect2 output-in-registry 'cannot write the summaries file: it is in the registry of pending sets' \
		--lint --export-summaries lnk.json good.c -- || return 1
	[ -z "$(ls "$reg")" ] || { fail output-in-registry "written into the registry"; return 1; }
}

for c in output-in-registry export-over-source report-over-inputs export-special export-temp-link report-full \
	report-stdout-pipe diff-full stdout-is-input report-reserved-name diff-closed-pipe fd3-is-input; do
	run_case "$c"
done
finish
