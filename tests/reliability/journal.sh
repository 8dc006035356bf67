#!/usr/bin/env bash
# Reliability (issue 24): the journal is untrusted input, one run at a time per folder, and
# recovery that tells the truth. Harness: lib.sh.
# usage: journal.sh TOOL [CASE...]
set -u
tool=$1
shift
only="$*"
. "$(dirname "$0")/lib.sh"

hex() { printf %s "$1" | od -An -tx1 -v | tr -d ' \n'; }
ident() { stat -c '%d:%i' "$1"; }

# A journal of version 1 (what this tool wrote before issue 24): absolute targets.
plant_v1() { # FILE STATE CREATED TARGET
	printf 'arena-rewrite journal 1\n%s\n1\n%s %s\nend\n' "$2" "$3" "$(hex "$4")" > "$1"
}

# A well-formed journal of version 3 in the current folder: plant_v3 ID STATE DIRS FILELINES
plant_v3() {
	local id=$1 state=$2 dirs=$3 files=$4 d
	{
		printf 'arena-rewrite journal 3\nid %s\nstate %s\ntotal 1\n' "$id" "$state"
		for d in $dirs; do printf 'dir %s\n' "$(hex "$d")"; done
		printf '%s' "$files"
		printf 'end\n'
	} > ".arena-rewrite.$id.journal"
}

# ---- planted journals ------------------------------------------------------------------------

case_journal_absolute_target() {
	echo victim > "$top/victim.txt"
	plant_v1 .arena-rewrite.1-1.journal rollback 1 "$top/victim.txt"
	timeout 60 "$tool" --recover . > out 2> err
	local rc=$?
	[ -e "$top/victim.txt" ] || { fail journal-absolute-target "--recover removed a file outside its folder"; return 1; }
	[ "$rc" = 2 ] || { fail journal-absolute-target "--recover: exit $rc"; return 1; }
	grep -q '\.arena-rewrite\.1-1\.journal: error: not a journal this tool may act on (it was written by another version' err ||
		{ fail journal-absolute-target "--recover: message"; return 1; }
	timeout 60 "$tool" --hotspots hot.json -i good.c -- > out 2> err
	rc=$?
	[ -e "$top/victim.txt" ] || { fail journal-absolute-target "-i removed a file outside its folder"; return 1; }
	[ "$rc" = 2 ] || { fail journal-absolute-target "-i: exit $rc"; return 1; }
	grep -q arena_alloc good.c && { fail journal-absolute-target "-i wrote beside a journal it may not act on"; return 1; }
	[ -e .arena-rewrite.1-1.journal ] || { fail journal-absolute-target "the journal was not left alone"; return 1; }
	# The same in this version's format: a name with a folder in it, and a folder list
	# without the journal's own folder.
	rm .arena-rewrite.1-1.journal
	plant_v3 2-2 rollback "$PWD" "file 0 1 $(hex ../victim.txt) 0:0 0:0 0 0 0 0 0000000000000000 0 0 0 0000000000000000
"
	timeout 60 "$tool" --recover . > out 2> err
	rc=$?
	[ "$rc" = 2 ] && grep -q 'a file name is not a plain name in its folder' err ||
		{ fail journal-absolute-target "v2 '../': exit $rc"; return 1; }
	rm .arena-rewrite.2-2.journal
	echo victim > "$top/victim2.txt"
	plant_v3 3-3 rollback "$top" "file 0 1 $(hex victim2.txt) 0:0 $(ident "$top/victim2.txt") 0 0 0 0 0000000000000000 0 0 0 0000000000000000
"
	timeout 60 "$tool" --recover . > out 2> err
	rc=$?
	[ -e "$top/victim2.txt" ] || { fail journal-absolute-target "v2: a file of another folder removed"; return 1; }
	[ "$rc" = 2 ] && grep -q "not a journal this tool may act on here (it was written in $top: was the folder moved" err ||
		{ fail journal-absolute-target "v2 other folder: exit $rc"; return 1; }
}

# A run killed at commit, then its folder moved (a CI cache restored under another path): the
# message told the user to remove the journal, which, had renames begun, would leave the set
# mixed for good. It says where the folder was, and to move it back; nothing is done.
case_journal_folder_moved() {
	mkdir d
	cp good.c hot.json d/
	cp good.c orig.c
	(cd d && killed_at_commit --hotspots hot.json -i good.c --) || { fail journal-folder-moved "no pause"; return 1; }
	mv d moved
	"$tool" --recover moved > out 2> err
	local rc=$?
	[ "$rc" = 2 ] || { fail journal-folder-moved "exit $rc"; return 1; }
	grep -q "not a journal this tool may act on here (it was written in $PWD/d: was the folder moved or renamed since?); nothing was done: move the folder back" err ||
		{ fail journal-folder-moved "message"; return 1; }
	grep -q 'remove it' err && { fail journal-folder-moved "advises removing the journal"; return 1; }
	cmp -s moved/good.c orig.c || { fail journal-folder-moved "good.c changed"; return 1; }
	mv moved d
	"$tool" --recover d > out 2> err || { fail journal-folder-moved "moved back: exit $?"; return 1; }
	no_temps d || { fail journal-folder-moved "temporary files left"; return 1; }
}

# A journal is rewritten through a temporary name: a link planted there is never followed.
case_journal_temp_link() {
	echo victim > "$top/victim3.txt"
	cp good.c orig.c
	# v1 (issue 24's reproducer): a commit whose rename fails (the target is a folder).
	mkdir adir
	echo new > .arena-rewrite.5-5.0.new
	plant_v1 .arena-rewrite.5-5.journal commit 0 "$PWD/adir"
	ln -s "$top/victim3.txt" .arena-rewrite.5-5.jtmp
	timeout 60 "$tool" --recover . > out 2> err
	[ "$(cat "$top/victim3.txt")" = victim ] || { fail journal-temp-link "v1: the link's target was overwritten"; return 1; }
	rm -f .arena-rewrite.5-5.*
	# v2: a valid commit whose target changed since (so recovery rolls back and rewrites its
	# journal in state rollback) with a link at the journal's temporary name.
	cp good.c new.c && echo '/* new */' >> new.c
	mv new.c .arena-rewrite.6-6.0.new
	plant_v3 6-6 commit "$PWD" "file 0 0 $(hex good.c) $(ident good.c) $(ident .arena-rewrite.6-6.0.new) 1 1 1 1 0123456789abcdef 0 0 0 0000000000000000
"
	ln -s "$top/victim3.txt" .arena-rewrite.6-6.jtmp
	timeout 60 "$tool" --recover . > out 2> err
	local rc=$?
	[ "$(cat "$top/victim3.txt")" = victim ] || { fail journal-temp-link "v2: the link's target was overwritten"; return 1; }
	[ "$rc" = 2 ] && grep -q 'good\.c: error: edited after the interrupted run read it: its set was rolled back' err ||
		{ fail journal-temp-link "v2: exit $rc"; return 1; }
	cmp -s good.c orig.c || { fail journal-temp-link "the changed file was touched"; return 1; }
	no_temps || { fail journal-temp-link "temporary files left"; return 1; }
}

# Special files under a journal's name: refused at once, never read.
case_journal_special() {
	cp good.c orig.c
	mkfifo .arena-rewrite.7-7.journal
	local args
	for args in "--recover ." "--hotspots hot.json -i good.c --"; do
		timeout 20 "$tool" $args > out 2> err
		local rc=$?
		[ "$rc" = 2 ] || { fail journal-special "FIFO, '$args': exit $rc (124: it hung)"; return 1; }
		grep -q '\.arena-rewrite\.7-7\.journal: error: not a journal this tool may act on (a FIFO)' err ||
			{ fail journal-special "FIFO, '$args': message"; return 1; }
	done
	rm .arena-rewrite.7-7.journal
	ln -s /dev/zero .arena-rewrite.8-8.journal
	(limit_mem; timeout 20 "$tool" --recover . > out 2> err)
	local rc=$?
	[ "$rc" = 2 ] || { fail journal-special "/dev/zero link: exit $rc"; return 1; }
	grep -q 'not a journal this tool may act on (a symbolic link)' err || { fail journal-special "/dev/zero link: message"; return 1; }
	cmp -s good.c orig.c || { fail journal-special "good.c changed"; return 1; }
}

case_journal_stray_name() {
	echo junk > .arena-rewrite.journal
	timeout 20 "$tool" --recover . > out 2> err
	local rc=$?
	[ "$rc" = 2 ] || { fail journal-stray-name "exit $rc"; return 1; }
	grep -q '^\./\.arena-rewrite\.journal: error: not a journal' err || { fail journal-stray-name "message does not name the file"; return 1; }
	grep -q 'journal\.journal' err && { fail journal-stray-name "a file that does not exist is named"; return 1; }
	return 0
}

# ---- one run at a time ------------------------------------------------------------------------

# pause_run HOOK ARGS...: starts the tool with the test hook HOOK pausing at "paused"; sets $pid.
pause_run() {
	local hook=$1
	shift
	env "$hook=$PWD/paused" "$tool" "$@" > out.a 2> err.a &
	pid=$!
	wait_for paused || { kill $pid; return 1; }
}

# A --recover during a live run waits for it, and never finishes its journal for it.
case_lock_recover() {
	pause_run ARENA_REWRITE_TEST_PAUSE_BEFORE_COMMIT --hotspots hot.json -i good.c -- ||
		{ fail lock-recover "never reached the pause"; return 1; }
	timeout 60 "$tool" --recover . > out 2> err &
	local rpid=$!
	sleep 1
	kill -0 $rpid 2> /dev/null || { fail lock-recover "--recover did not wait for the live run"; rm paused; return 1; }
	rm paused
	wait $pid
	local rc=$?
	wait $rpid
	local rrc=$?
	[ "$rc" = 0 ] || { fail lock-recover "the live run: exit $rc"; cat err.a; return 1; }
	[ "$rrc" = 0 ] || { fail lock-recover "--recover: exit $rrc"; return 1; }
	grep -q 'note: waiting for another arena-rewrite run' err || { fail lock-recover "no note that it waits"; return 1; }
	grep -q arena_alloc good.c || { fail lock-recover "not rewritten"; return 1; }
	no_temps || { fail lock-recover "temporary files left"; return 1; }
}

# A second -i waits, then finds the file changed under it: exit 2, the first run's result kept.
case_lock_second_run() {
	cp good.c orig.c
	pause_run ARENA_REWRITE_TEST_PAUSE_BEFORE_COMMIT --hotspots hot.json -i good.c -- ||
		{ fail lock-second-run "never reached the pause"; return 1; }
	timeout 60 "$tool" --hotspots hot.json -i good.c -- > out 2> err &
	local bpid=$!
	sleep 1.5
	rm paused
	wait $pid
	local rc=$?
	wait $bpid
	local brc=$?
	[ "$rc" = 0 ] || { fail lock-second-run "the first run: exit $rc"; sed 's/^/  a: /' err.a; return 1; }
	[ "$brc" = 2 ] || { fail lock-second-run "the second run: exit $brc"; return 1; }
	grep -q 'good\.c: error: changed while arena-rewrite ran' err || { fail lock-second-run "second run's message"; return 1; }
	[ "$(grep -c arena_alloc good.c)" = 1 ] || { fail lock-second-run "not the first run's text"; return 1; }
	no_temps || { fail lock-second-run "temporary files left"; return 1; }
}

# ---- recovery that tells the truth ------------------------------------------------------------

# A file removed while -i waits before its renames: exit 2, the others all old, the removed
# one not brought back (issue 24: a double free, SIGABRT, six temporary files).
case_removed_during_run() {
	two_files
	pause_run ARENA_REWRITE_TEST_PAUSE_BEFORE_COMMIT --hotspots two.json -i a.c b.c -- ||
		{ fail removed-during-run "never reached the pause"; return 1; }
	rm b.c
	rm paused
	wait $pid
	local rc=$?
	[ "$rc" = 2 ] || { fail removed-during-run "exit $rc"; sed 's/^/  /' err.a; return 1; }
	grep -q 'b\.c: error: changed while arena-rewrite ran' err.a || { fail removed-during-run "message"; return 1; }
	cmp -s a.c a.orig || { fail removed-during-run "a.c left rewritten"; return 1; }
	[ -e b.c ] && { fail removed-during-run "the removed file came back"; return 1; }
	no_temps || { fail removed-during-run "temporary files left"; return 1; }
}

# A rename fails after a file was removed: rolling back puts back only what was renamed.
case_rollback_only_renamed() {
	two_files
	env ARENA_REWRITE_TEST_FAIL_RENAME=1 ARENA_REWRITE_TEST_PAUSE_BEFORE_COMMIT="$PWD/paused" \
		"$tool" --hotspots two.json -i a.c b.c -- > out 2> err &
	pid=$!
	wait_for paused || { kill $pid; fail rollback-only-renamed "never reached the pause"; return 1; }
	rm b.c paused
	wait $pid
	local rc=$?
	[ "$rc" = 2 ] || { fail rollback-only-renamed "exit $rc"; return 1; }
	[ -e b.c ] && { fail rollback-only-renamed "the removed file was re-created"; return 1; }
	cmp -s a.c a.orig || { fail rollback-only-renamed "a.c changed"; return 1; }
	"$tool" --recover . > out 2> err || { fail rollback-only-renamed "--recover: exit $?"; return 1; }
	[ -e b.c ] && { fail rollback-only-renamed "--recover re-created the removed file"; return 1; }
	no_temps || { fail rollback-only-renamed "temporary files left"; return 1; }
}

# killed_at_commit DIR ARGS...: an -i run killed -9 after its journal reached "commit".
killed_at_commit() {
	env ARENA_REWRITE_TEST_PAUSE_BEFORE_COMMIT="$PWD/paused" "$tool" "$@" > /dev/null 2>&1 &
	local p=$!
	wait_for paused || { kill $p; return 1; }
	kill -9 $p
	wait $p 2> /dev/null
	rm -f paused
	return 0
}

# A folder recovery cannot write in: exit 2 with the reason, nothing claimed, everything kept
# for the next try; once writable, the set is finished.
case_recover_readonly() {
	mkdir src
	good_c src/a.c
	good_c src/b.c
	sed -i 's/\bf\b/g/' src/b.c
	echo '{"hotspots": [{"function": "f"}, {"function": "g"}]}' > two.json
	cp src/a.c a.orig
	killed_at_commit --hotspots two.json -i src/a.c src/b.c -- || { fail recover-readonly "never reached the pause"; return 1; }
	local how=""
	if [ "$(id -u)" = 0 ]; then
		mount --bind src src 2> /dev/null && mount -o remount,ro,bind src 2> /dev/null && how=mount
		[ -z "$how" ] && { mountpoint -q src && umount src; }
	else
		chmod a-w src && how=chmod
	fi
	if [ -z "$how" ]; then
		echo "  (no way to make a folder read-only here: case skipped)"
		return 0
	fi
	"$tool" --recover src > out 2> err
	local rc=$?
	[ "$how" = mount ] && umount src
	[ "$how" = chmod ] && chmod u+w src
	[ "$rc" = 2 ] || { fail recover-readonly "exit $rc"; return 1; }
	grep -Eq 'src/a\.c: error: cannot finish the interrupted write: (Read-only file system|Permission denied)' err ||
		{ fail recover-readonly "message"; return 1; }
	grep -q 'note:' err && { fail recover-readonly "a note claims the write was finished"; return 1; }
	cmp -s src/a.c a.orig || { fail recover-readonly "a.c changed"; return 1; }
	"$tool" --recover src > out 2> err || { fail recover-readonly "second --recover: exit $?"; return 1; }
	grep -q arena_alloc src/a.c && grep -q arena_alloc src/b.c || { fail recover-readonly "not finished"; return 1; }
	no_temps || { fail recover-readonly "temporary files left"; return 1; }
}

# A set across two folders, killed while its journal copies were being written: --recover on
# the folder that has a copy finishes the set in both, and leaves no temporary file in either.
case_recover_other_folder() {
	mkdir -p src inc
	good_c src/a.c
	plant_v3 9-9 staging "$PWD/inc $PWD/src" "file 0 0 $(hex a.c) $(ident src/a.c) 0:0 0 0 0 0 0000000000000000 0 0 0 0000000000000000
"
	mv .arena-rewrite.9-9.journal src/
	sed -i 's/^total 1$/total 2/' src/.arena-rewrite.9-9.journal
	echo partial > inc/.arena-rewrite.9-9.jtmp
	cp src/a.c a.orig
	"$tool" --recover src > out 2> err || { fail recover-other-folder "exit $?"; return 1; }
	grep -q 'src: note: an interrupted write of 2 file(s) was rolled back' err || { fail recover-other-folder "note"; return 1; }
	cmp -s src/a.c a.orig || { fail recover-other-folder "a.c changed"; return 1; }
	no_temps || { fail recover-other-folder "temporary files left: $(find . -name '.arena-rewrite.*')"; return 1; }
}

# Ctrl-C or a CI timeout while -i writes: the set is finished (or rolled back) first, then the
# signal takes effect; nothing is left for --recover.
case_signal_during_write() {
	two_files
	local sig
	for sig in TERM HUP; do  # (a background job of a script ignores SIGINT)
		cp a.orig a.c
		cp b.orig b.c
		pause_run ARENA_REWRITE_TEST_PAUSE_BEFORE_COMMIT --hotspots two.json -i a.c b.c -- ||
			{ fail signal-during-write "never reached the pause"; return 1; }
		kill -$sig $pid
		sleep 0.2
		rm paused
		wait $pid 2> /dev/null
		local rc=$?
		[ "$rc" -gt 128 ] || { fail signal-during-write "SIG$sig: exit $rc, not the signal's"; return 1; }
		grep -q arena_alloc a.c && grep -q arena_alloc b.c || { fail signal-during-write "SIG$sig: a mixed or old set"; return 1; }
		no_temps || { fail signal-during-write "SIG$sig: temporary files left: $(ls -a | grep arena-rewrite)"; return 1; }
	done
	# Before the renames (while the files are staged, 100 ms a step): rolled back.
	cp a.orig a.c
	cp b.orig b.c
	env ARENA_REWRITE_TEST_STEP_DELAY_MS=100 ARENA_REWRITE_TEST_PAUSE_BEFORE_READ="$PWD/paused" \
		"$tool" --hotspots two.json -i a.c b.c -- > out 2> err &
	pid=$!
	wait_for paused || { kill $pid; fail signal-during-write "never reached the pause"; return 1; }
	rm paused
	sleep 0.25
	kill -TERM $pid
	wait $pid
	local rc=$?
	[ "$rc" -gt 128 ] || { fail signal-during-write "staging: exit $rc"; return 1; }
	cmp -s a.c a.orig && cmp -s b.c b.orig || { fail signal-during-write "staging: files changed"; return 1; }
	no_temps || { fail signal-during-write "staging: temporary files left"; return 1; }
}

# A --recover killed part way is finished by running it again.
case_recover_killed() {
	mkdir src
	local i
	for i in 0 1 2 3 4; do good_c src/h$i.c; sed -i "s/\bf\b/f$i/" src/h$i.c; done
	echo '{"hotspots": [{"function": "f0"}, {"function": "f1"}, {"function": "f2"}, {"function": "f3"}, {"function": "f4"}]}' > five.json
	local at
	for at in 0.05 0.15 0.25 0.35; do
		rm -rf src.orig && cp -r src src.orig
		killed_at_commit --hotspots five.json -i src/h0.c src/h1.c src/h2.c src/h3.c src/h4.c -- ||
			{ fail recover-killed "never reached the pause"; return 1; }
		ARENA_REWRITE_TEST_STEP_DELAY_MS=40 "$tool" --recover src > /dev/null 2>&1 &
		local p=$!
		sleep $at
		kill -9 $p 2> /dev/null
		wait $p 2> /dev/null
		"$tool" --recover src > out 2> err || { fail recover-killed "after a kill at ${at}s: exit $?"; return 1; }
		[ "$(cat src/h*.c | grep -c arena_alloc)" = 5 ] || { fail recover-killed "after a kill at ${at}s: not all new"; return 1; }
		no_temps || { fail recover-killed "after a kill at ${at}s: temporary files left"; return 1; }
		rm -rf src && cp -r src.orig src
	done
}

# A file whose name starts like this tool's (but is not one of its names) is written and
# recovered like any other.
case_own_prefix_name() {
	good_c .arena-rewrite.x.c
	killed_at_commit --hotspots hot.json -i .arena-rewrite.x.c -- || { fail own-prefix-name "never reached the pause"; return 1; }
	"$tool" --recover . > out 2> err || { fail own-prefix-name "--recover: exit $?"; return 1; }
	grep -q arena_alloc .arena-rewrite.x.c || { fail own-prefix-name "not finished"; return 1; }
	[ "$(ls -A | grep -c '^\.arena-rewrite\.')" = 1 ] || { fail own-prefix-name "temporary files left"; return 1; }
}

# A set over more folders than the soft limit of open descriptors allows (one a folder, two
# while locked): 40 folders under a limit of 64.
case_many_folders() {
	local i
	{
		echo '#include <stdlib.h>'
		for i in $(seq 0 39); do
			mkdir d$i
			good_c d$i/h.h
			sed -i "s/\bf\b/f$i/; s/^int/static inline int/" d$i/h.h
			echo "#include \"d$i/h.h\""
		done
	} > main.c
	echo "{\"hotspots\": [$(for i in $(seq 0 39); do printf '{"function": "f%d"}, ' $i; done | sed 's/, $//')]}" > many.json
	(ulimit -Sn 64; "$tool" --hotspots many.json -i main.c -- > out 2> err) || { fail many-folders "exit $?"; return 1; }
	[ "$(cat d*/h.h | grep -c arena_alloc)" = 40 ] || { fail many-folders "not every folder written"; return 1; }
	no_temps || { fail many-folders "temporary files left"; return 1; }
}

# A set killed at commit whose waiting .new is then tampered with: replaced by a symlink to a
# file outside (one with the journal's recorded identity, given the link's own), or removed.
# Recovery never renames a link over a source and never leaves the set mixed: all old, exit 2.
case_recover_tampered_new() {
	two_files
	killed_at_commit --hotspots two.json -i a.c b.c -- || { fail recover-tampered-new "never reached the pause"; return 1; }
	local j nw
	j=$(ls .arena-rewrite.*.journal) nw=$(ls .arena-rewrite.*.1.new 2> /dev/null)
	[ -n "$nw" ] || { fail recover-tampered-new "no .new for the second file"; return 1; }
	echo victim > "$top/victim.txt"
	rm "$nw"
	ln -s "$top/victim.txt" "$nw"
	# the journal's record of that .new: the link's own identity
	local old_id new_id
	old_id=$(grep -o '[0-9]*:[0-9]*' "$j" | sed -n 4p)
	new_id=$(stat -c '%d:%i' "$nw")
	[ -n "$old_id" ] && sed -i "s/$old_id/$new_id/" "$j"
	"$tool" --recover . > out 2> err
	local rc=$?
	[ -L a.c ] || [ -L b.c ] && { fail recover-tampered-new "a link was renamed over a source"; return 1; }
	[ "$(cat "$top/victim.txt")" = victim ] || { fail recover-tampered-new "the file outside changed"; return 1; }
	cmp -s a.c a.orig && cmp -s b.c b.orig || { fail recover-tampered-new "the set is not all old (exit $rc)"; return 1; }
	[ "$rc" = 2 ] || { fail recover-tampered-new "exit $rc"; return 1; }
	# The message says what happened (it said "changed since the interrupted run read it").
	# ... and names the file as the notes do: b.c, not /tmp/.../b.c
	grep -q "^b\.c: error: the new text the interrupted run wrote for it ($nw) was replaced by a symbolic link before it was renamed into place: its set was rolled back" err ||
		{ fail recover-tampered-new "message (link)"; return 1; }
	# The same with the .new removed, and with a backup replaced in state rollback.
	local kind
	for kind in removed backup; do
		cp a.orig a.c
		cp b.orig b.c
		killed_at_commit --hotspots two.json -i a.c b.c -- || { fail recover-tampered-new "$kind: no pause"; return 1; }
		j=$(ls .arena-rewrite.*.journal) nw=$(ls .arena-rewrite.*.1.new)
		if [ $kind = removed ]; then
			rm "$nw"
			"$tool" --recover . > out 2> err
			grep -q "b\.c: error: the new text the interrupted run wrote for it ($nw) was removed before" err ||
				{ fail recover-tampered-new "message ($kind)"; return 1; }
		else
			sed -i 's/^state commit/state rollback/' "$j"
			mv "$nw" b.c
			rm "${nw%.new}.old"
			mkfifo "${nw%.new}.old"
			timeout 20 "$tool" --recover . > out 2> err
			grep -q "b\.c: error: cannot put the original back: its backup ${nw%.new}.old was replaced by a FIFO since" err ||
				{ fail recover-tampered-new "message ($kind)"; return 1; }
			rm -f .arena-rewrite.*
		fi
	done
}

# A planted journal of 100,000 folders (4 MB, far under the 64 MiB bound): each folder was
# looked up among the ones before it, so reading it took minutes (over 100 s, 48 s of CPU)
# and hung every --recover and -i in the folder. Now: refused at once, a set having no more
# folders than files; and read in linear time when its total allows that many.
case_journal_many_folders() {
	local pre total
	pre=$(hex /nonexistent/d)
	for total in 1 1000000; do
		{
			printf 'arena-rewrite journal 3\nid 9-9\nstate staging\ntotal %s\ndir %s\n' "$total" "$(hex "$PWD")"
			seq 1 100000 | awk -v p="$pre" '{ gsub(/[0-9]/, "3&"); print "dir " p $0 }'
			printf 'end\n'
		} > .arena-rewrite.9-9.journal
		timeout 20 "$tool" --recover . > out 2> err
		local rc=$?
		[ "$rc" = 2 ] || { fail journal-many-folders "total $total: exit $rc (124: it hung)"; return 1; }
		grep -q 'not a journal this tool may act on (it lists \(more folders than files\|no file of its own folder\))' err ||
			{ fail journal-many-folders "total $total: message"; return 1; }
		[ -e .arena-rewrite.9-9.journal ] || { fail journal-many-folders "the journal was acted on"; return 1; }
	done
}

# A set over src/ and inc/ killed before its renames; inc's journal copy then removed (a
# cleanup job) or renamed: --recover src finished the set "(all new)" with exit 0, leaving
# src/a.c new and inc/b.c old, and deleted b.c's waiting .new. Now nothing is done (exit 2,
# naming inc/). A copy listing fewer files than its total where every folder has its copy,
# and a folder named through a link, are refused as journals (they were acted on).
case_journal_copy_missing() {
	two_folders
	local how j
	for how in removed renamed; do
		cp a.orig src/a.c
		cp b.orig inc/b.c
		rm -f src/.arena-rewrite.* inc/.arena-rewrite.*
		killed_at_commit --hotspots two.json -i src/a.c inc/b.c -- || { fail journal-copy-missing "no pause"; return 1; }
		j=$(ls inc/.arena-rewrite.*.journal)
		[ $how = removed ] && rm "$j" || mv "$j" inc/.arena-rewrite.1-1.journal
		"$tool" --recover src > out 2> err
		local rc=$?
		[ "$rc" = 2 ] || { fail journal-copy-missing "$how: exit $rc"; return 1; }
		grep -q 'inc: error: the journal copy .* of an interrupted write is missing here, but its temporary files are not' err ||
			{ fail journal-copy-missing "$how: message"; return 1; }
		cmp -s src/a.c a.orig && cmp -s inc/b.c b.orig || { fail journal-copy-missing "$how: a file changed"; return 1; }
		[ -n "$(ls inc/.arena-rewrite.*.new 2> /dev/null)" ] || { fail journal-copy-missing "$how: b.c's .new deleted"; return 1; }
	done
	# The same behind a folder of the set that was deleted since (first in path order).
	rm -f src/.arena-rewrite.* inc/.arena-rewrite.*
	cp a.orig src/a.c
	mkdir aaa
	good_c aaa/c.c
	sed -i 's/\bf\b/h/' aaa/c.c
	echo '{"hotspots": [{"function": "f"}, {"function": "g"}, {"function": "h"}]}' > three.json
	killed_at_commit --hotspots three.json -i aaa/c.c src/a.c inc/b.c -- || { fail journal-copy-missing "no pause (three)"; return 1; }
	rm -r aaa
	rm inc/.arena-rewrite.*.journal
	"$tool" --recover src > out 2> err
	[ $? = 2 ] && grep -q 'inc: error: the journal copy .* is missing here, but its temporary files are not' err ||
		{ fail journal-copy-missing "behind a deleted folder: not refused"; return 1; }
	cmp -s src/a.c a.orig && cmp -s inc/b.c b.orig || { fail journal-copy-missing "behind a deleted folder: a file changed"; return 1; }
	rm -f src/.arena-rewrite.* inc/.arena-rewrite.*
	cp a.orig src/a.c
	killed_at_commit --hotspots hot.json -i src/a.c -- || { fail journal-copy-missing "no pause (one file)"; return 1; }
	j=$(ls src/.arena-rewrite.*.journal)
	cp "$j" j.orig
	sed -i 's/^total 1$/total 2/' "$j"
	"$tool" --recover src > out 2> err
	[ $? = 2 ] && grep -q "not a journal this tool may act on (its copies list 1 of the set's 2 files)" err ||
		{ fail journal-copy-missing "total 2, one file: not refused"; return 1; }
	ln -s "$PWD/src" lnk
	sed "s/^dir .*/dir $(hex "$PWD/lnk")/" j.orig > "$j"
	"$tool" --recover src > out 2> err
	[ $? = 2 ] && grep -q "not a journal this tool may act on (a folder is not an absolute, normalised path without links)" err ||
		{ fail journal-copy-missing "a folder through a link: not refused"; return 1; }
	cmp -s src/a.c a.orig || { fail journal-copy-missing "a.c changed"; return 1; }
}

# src/a.c (hotspot f) and inc/b.c (hotspot g), two.json naming both, a.orig and b.orig.
two_folders() {
	mkdir src inc
	good_c src/a.c
	good_c inc/b.c
	sed -i 's/\bf\b/g/' inc/b.c
	echo '{"hotspots": [{"function": "f"}, {"function": "g"}]}' > two.json
	cp src/a.c a.orig
	cp inc/b.c b.orig
}

# Every kill point of an -i run whose set spans three folders (src/a.c, inc/b.c and the report
# in out/), one by one (the test hook ARENA_REWRITE_TEST_KILL_AT_STEP), then `--recover` in ONE
# folder, each of the three in turn (inc is the set's first in path order), whether or not it
# holds anything of the set: the set all old or all new, the report old or new with it, and
# nothing of the set left in any folder, nor in the user's registry of pending sets. A kill
# while the journal copies were removed left the copies of the others after the first
# folder's was gone, so --recover there found nothing; a kill after the first folder's copy
# was written, before another's, left that other folder with nothing to find, and --recover
# there left the set's journal behind (issue 24).
case_kill_every_step() {
	mkdir out
	two_folders
	local n rc na nb left dir reg=$XDG_STATE_HOME/arena-rewrite
	for n in $(seq 1 60); do
		for dir in inc src out; do
			cp a.orig src/a.c
			cp b.orig inc/b.c
			echo '{"old": 1}' > out/r.json
			ARENA_REWRITE_TEST_KILL_AT_STEP=$n "$tool" --hotspots two.json -i --report out/r.json \
				src/a.c inc/b.c -- > /dev/null 2> err
			rc=$?
			[ $rc = 0 ] && break
			[ $rc = 137 ] || { fail kill-every-step "step $n: exit $rc"; return 1; }
			"$tool" --recover "$dir" > out.txt 2> err || { fail kill-every-step "step $n: --recover $dir: exit $?"; return 1; }
			na=$(grep -c arena_alloc src/a.c) nb=$(grep -c arena_alloc inc/b.c)
			[ "$na" = "$nb" ] || { fail kill-every-step "step $n, --recover $dir: a mixed set"; return 1; }
			if [ "$na" = 0 ]; then
				grep -q '"old"' out/r.json || { fail kill-every-step "step $n: sources old, report new"; return 1; }
			else
				grep -q '"old"' out/r.json && { fail kill-every-step "step $n: sources new, report old"; return 1; }
			fi
			left=$(find src inc out "$reg" -name '.arena-rewrite.*' -o -name '*.set' -o -name '*.tmp' 2> /dev/null | tr '\n' ' ')
			[ -z "$left" ] || { fail kill-every-step "step $n, --recover $dir: left $left"; return 1; }
		done
		[ $rc = 0 ] && break
	done
	[ $rc = 0 ] || { fail kill-every-step "the run never ended within 60 steps"; return 1; }
	[ "$n" -gt 10 ] || { fail kill-every-step "only $n steps: the hook does not work"; return 1; }
}

# ro_on DIR / ro_off DIR: a read-only folder (a read-only bind mount as root, chmod else);
# ro_on fails when neither works here.
ro_on() {
	if [ "$(id -u)" = 0 ]; then
		mount --bind "$1" "$1" 2> /dev/null && mount -o remount,ro,bind "$1" 2> /dev/null && return 0
		mountpoint -q "$1" && umount "$1"
		return 1
	fi
	chmod a-w "$1"
}
ro_off() { if [ "$(id -u)" = 0 ]; then umount "$1"; else chmod u+w "$1"; fi; }

# A set over src/ and inc/ killed before its renames (its journal copies not all in commit
# yet), then inc made read-only: --recover src rolls back, but cannot remove inc's temporary
# files. It said "rolled back (all old)", exit 0, and left them, with inc's journal copy, while
# src's copy and the registry's record were gone: nothing left to lead a later --recover src
# there. Now exit 2 with the reason, everything kept, and the next --recover finishes.
case_recover_readonly_staging() {
	two_folders
	local n rc
	for n in $(seq 1 40); do
		cp a.orig src/a.c
		cp b.orig inc/b.c
		rm -rf src/.arena-rewrite.* inc/.arena-rewrite.* "$XDG_STATE_HOME"
		ARENA_REWRITE_TEST_KILL_AT_STEP=$n "$tool" --hotspots two.json -i src/a.c inc/b.c -- > /dev/null 2> err
		[ $? = 0 ] && { fail recover-readonly-staging "no kill point with temporary files in inc"; return 1; }
		[ -n "$(find inc -name '.arena-rewrite.*.new')" ] && break
	done
	ro_on inc || { echo "  (no way to make a folder read-only here: case skipped)"; return 0; }
	"$tool" --recover src > out 2> err
	rc=$?
	ro_off inc
	[ "$rc" = 2 ] || { fail recover-readonly-staging "step $n: exit $rc"; return 1; }
	grep -Eq 'inc: error: cannot finish the interrupted write: cannot remove its temporary files: (Read-only file system|Permission denied)' err ||
		{ fail recover-readonly-staging "message"; return 1; }
	grep -q 'note:' err && { fail recover-readonly-staging "a note claims the write was finished"; return 1; }
	"$tool" --recover src > out 2> err || { fail recover-readonly-staging "second --recover: exit $?"; return 1; }
	[ "$(grep -c arena_alloc src/a.c)" = "$(grep -c arena_alloc inc/b.c)" ] || { fail recover-readonly-staging "a mixed set"; return 1; }
	no_temps src && no_temps inc && no_temps "$XDG_STATE_HOME" || { fail recover-readonly-staging "temporary files left"; return 1; }
}

# The user's registry of pending sets is untrusted input too: a FIFO, a link to /dev/zero, a
# record with a folder through "..", a registry that others may write: each a warning, never
# acted on, no hang. A valid record of 200,000 folders with nothing pending is read in linear
# time and removed. A record's temporary file whose run is gone is swept, a live one's kept.
case_registry_untrusted() {
	two_folders
	local reg=$XDG_STATE_HOME/arena-rewrite
	mkdir -p "$reg"
	chmod 700 "$reg"
	mkfifo "$reg/1-1.set"
	ln -s /dev/zero "$reg/2-2.set"
	printf 'arena-rewrite pending set 1\nid 3-3\ndir %s\ndir %s\nend\n' "$(hex "$PWD/src")" "$(hex "$PWD/src/../inc")" > "$reg/3-3.set"
	{
		printf 'arena-rewrite pending set 1\nid 4-4\ndir %s\n' "$(hex "$PWD/src")"
		seq 1 200000 | awk -v p="$(hex /nonexistent/d)" '{ gsub(/[0-9]/, "3&"); print "dir " p $0 }'
		printf 'end\n'
	} > "$reg/4-4.set"
	echo x > "$reg/999999999-1.tmp"
	echo x > "$reg/$$-1.tmp"
	timeout 20 "$tool" --recover src > out 2> err
	local rc=$?
	[ "$rc" = 0 ] || { fail registry-untrusted "exit $rc (124: it hung)"; return 1; }
	[ "$(grep -c 'set: warning: not a record this tool may act on' err)" = 3 ] ||
		{ fail registry-untrusted "warnings: $(cat err)"; return 1; }
	[ -p "$reg/1-1.set" ] && [ -L "$reg/2-2.set" ] && [ -e "$reg/3-3.set" ] || { fail registry-untrusted "a record was acted on"; return 1; }
	[ ! -e "$reg/4-4.set" ] || { fail registry-untrusted "a record with nothing pending kept"; return 1; }
	cmp -s src/a.c a.orig && cmp -s inc/b.c b.orig || { fail registry-untrusted "a source changed"; return 1; }
	[ ! -e "$reg/999999999-1.tmp" ] && [ -e "$reg/$$-1.tmp" ] || { fail registry-untrusted "temporary records"; return 1; }
	rm -f "$reg"/*
	chmod 777 "$reg"
	"$tool" --recover src > out 2> err
	grep -q 'arena-rewrite: warning: not a private folder of yours; ignored' err || { fail registry-untrusted "a shared registry read"; return 1; }
	"$tool" --hotspots two.json -i src/a.c inc/b.c -- > out 2> err || { fail registry-untrusted "-i: exit $?"; return 1; }
	grep -q 'warning: cannot record the write of files in 2 folders here: not a private folder of yours' err ||
		{ fail registry-untrusted "-i wrote into a shared registry"; return 1; }
	[ -z "$(ls "$reg")" ] || { fail registry-untrusted "written into a shared registry"; return 1; }
}

# A run waits for the lock of a run that is then killed between its renames (a.c new, b.c
# not): the waiting run found a.c changed since its parse and stopped ("changed while
# arena-rewrite ran ... nothing written"), exit 2, leaving the killed set half written with
# its journal. Now it recovers that set first (exit 2: "an interrupted arena-rewrite run was
# recovered here"), and the set is whole.
case_waiter_recovers_first() {
	two_files
	local n k
	# the kill point between the two renames
	for n in $(seq 1 40); do
		cp a.orig a.c
		cp b.orig b.c
		rm -rf .arena-rewrite.* "$XDG_STATE_HOME"
		ARENA_REWRITE_TEST_KILL_AT_STEP=$n "$tool" --hotspots two.json -i a.c b.c -- > /dev/null 2>&1
		[ $? = 0 ] && { fail waiter-recovers-first "no kill point between the renames"; return 1; }
		k=$(grep -l arena_alloc a.c b.c | wc -l)
		[ "$k" = 1 ] && break
	done
	cp a.orig a.c
	cp b.orig b.c
	rm -rf .arena-rewrite.* "$XDG_STATE_HOME"
	env ARENA_REWRITE_TEST_PAUSE_BEFORE_COMMIT="$PWD/paused" ARENA_REWRITE_TEST_KILL_AT_STEP=$n \
		"$tool" --hotspots two.json -i a.c b.c -- > /dev/null 2>&1 &
	local p1=$!
	wait_for paused || { kill $p1; fail waiter-recovers-first "never reached the pause"; return 1; }
	"$tool" --hotspots two.json -i a.c b.c -- > out 2> err &
	local p2=$! i
	for i in $(seq 600); do grep -q 'note: waiting' err && break; sleep 0.1; done
	rm paused
	wait $p1 2> /dev/null
	wait $p2
	local rc=$?
	[ "$rc" = 2 ] || { fail waiter-recovers-first "exit $rc"; return 1; }
	grep -q 'error: an interrupted arena-rewrite run was recovered here' err || { fail waiter-recovers-first "message"; return 1; }
	[ "$(grep -c arena_alloc a.c)" = "$(grep -c arena_alloc b.c)" ] || { fail waiter-recovers-first "a mixed set"; return 1; }
	no_temps || { fail waiter-recovers-first "temporary files left"; return 1; }
}

# A set killed between its renames (a.c new, b.c not yet); the user then edits a.c in place
# (same inode: `>>`, many editors) and b.c too. --recover must roll the set back (b.c was
# edited before its rename), but a.c is theirs now: it is left as it is, with a warning. A
# target was taken for the set's new file by its inode alone, so a.c was put back to its
# original and the edit lost (the same as a file recreated on the freed inode).
case_rollback_edited_in_place() {
	two_files
	local n hit=0 rc
	for n in $(seq 1 40); do
		cp a.orig a.c
		cp b.orig b.c
		rm -f .arena-rewrite.*
		ARENA_REWRITE_TEST_KILL_AT_STEP=$n "$tool" --hotspots two.json -i a.c b.c -- > /dev/null 2> err
		[ $? = 0 ] && break
		grep -q arena_alloc a.c && ! grep -q arena_alloc b.c || continue
		hit=$((hit + 1))
		echo '/* mine */' >> a.c
		echo '/* mine too */' >> b.c
		cp a.c a.mine
		cp b.c b.mine
		"$tool" --recover . > out 2> err
		rc=$?
		[ $rc = 2 ] || { fail rollback-edited-in-place "step $n: exit $rc"; return 1; }
		cmp -s a.c a.mine || { fail rollback-edited-in-place "step $n: the edit of a.c was lost"; return 1; }
		cmp -s b.c b.mine || { fail rollback-edited-in-place "step $n: b.c changed"; return 1; }
		grep -q 'a\.c: warning: changed by someone else after the interrupted run wrote it; left as it is' err ||
			{ fail rollback-edited-in-place "step $n: no warning for a.c"; return 1; }
		grep -q 'b\.c: error: edited after the interrupted run read it' err ||
			{ fail rollback-edited-in-place "step $n: no error for b.c"; return 1; }
		no_temps || { fail rollback-edited-in-place "step $n: temporary files left"; return 1; }
	done
	[ $hit -ge 1 ] || { fail rollback-edited-in-place "no kill point between the renames"; return 1; }
}

# A set whose renames were all done, killed while its backups or journals were removed; then
# the user edits a file the way editors and sed -i do (a new file renamed over it). That edit
# is theirs: --recover finishes the set (exit 0, a warning), keeps it and leaves no temporary
# file. It rolled the set back instead and, the backups being gone, stopped at every try with
# "cannot put the original back", blocking every -i in the folder.
case_finished_then_edited() {
	two_folders
	local n rc hit=0
	for n in $(seq 1 40); do
		cp a.orig src/a.c
		cp b.orig inc/b.c
		rm -f src/.arena-rewrite.* inc/.arena-rewrite.*
		ARENA_REWRITE_TEST_KILL_AT_STEP=$n "$tool" --hotspots two.json -i src/a.c inc/b.c -- > /dev/null 2> err
		[ $? = 0 ] && break
		# only the kill points after every rename: both files new, no .new left
		grep -q arena_alloc src/a.c && grep -q arena_alloc inc/b.c || continue
		[ -z "$(find src inc -name '.arena-rewrite.*.new')" ] || continue
		[ -n "$(find src inc -name '.arena-rewrite.*.journal')" ] || continue
		hit=$((hit + 1))
		sed -i '1i /* mine */' inc/b.c
		cp inc/b.c b.mine
		"$tool" --recover inc > out 2> err
		rc=$?
		[ $rc = 0 ] || { fail finished-then-edited "step $n: exit $rc"; return 1; }
		cmp -s inc/b.c b.mine || { fail finished-then-edited "step $n: the user's edit was lost"; return 1; }
		grep -q arena_alloc src/a.c || { fail finished-then-edited "step $n: a.c rolled back"; return 1; }
		grep -q 'inc/b\.c: warning: changed by someone else after the interrupted run wrote it' err ||
			{ fail finished-then-edited "step $n: no warning"; return 1; }
		no_temps src && no_temps inc || { fail finished-then-edited "step $n: temporary files left"; return 1; }
	done
	[ $hit -ge 2 ] || { fail finished-then-edited "only $hit kill points after the renames"; return 1; }
}

for c in journal-absolute-target journal-temp-link journal-special journal-stray-name \
	lock-recover lock-second-run removed-during-run rollback-only-renamed recover-readonly \
	recover-other-folder signal-during-write recover-killed own-prefix-name many-folders \
	recover-tampered-new kill-every-step recover-readonly-staging registry-untrusted waiter-recovers-first rollback-edited-in-place finished-then-edited journal-many-folders \
	journal-copy-missing journal-folder-moved; do
	run_case "$c"
done
finish
