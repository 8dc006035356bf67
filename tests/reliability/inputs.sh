#!/usr/bin/env bash
# Reliability (issue 24): inputs that are not what they claim. Summaries files checked field by
# field before use, includes that are not regular files, compile databases with relative
# folders. Harness: lib.sh.
# usage: inputs.sh TOOL [CASE...]
set -u
tool=$1
shift
only="$*"
. "$(dirname "$0")/lib.sh"

# Two units, b.c's g called from the hotspot: a graph with callees and a verdict.
two_units() {
	cat > a.c <<'C'
#include <stdlib.h>
int g(int n);
int f(int n)
{
	int *p = malloc(sizeof(int) * (size_t)n);
	free(p);
	return g(n);
}
C
	echo 'int g(int n) { return n + 1; }' > b.c
	"$tool" --hotspots hot.json --export-summaries sums.json a.c b.c -- 2> err ||
		{ fail "$1" "export: exit $?"; return 1; }
}

# edit NAME FROM TO: sums.json with the first FROM replaced by TO, as NAME.json.
edit() { sed "s/$2/$3/" sums.json > "$1.json"; cmp -s sums.json "$1.json" && echo "  (edit $1 did not apply)"; }

# shards NAME FILE PATTERN: both shards exit 2 naming the file, within bounded memory.
shards() {
	local name=$1 file=$2 pattern=$3 k
	for k in 1 2; do
		(limit_mem; timeout 60 "$tool" --hotspots hot.json --shard $k/2 --summaries "$file" a.c b.c -- > out 2> err)
		local rc=$?
		[ "$rc" = 2 ] || { fail "$name" "$file, shard $k: exit $rc"; return 1; }
		grep -q "$pattern" err || { fail "$name" "$file, shard $k: message"; return 1; }
	done
}

# "defined": true with "file": null crashed every shard (SIGSEGV).
case_summaries_null_file() {
	two_units summaries-null-file || return 1
	edit m1 '"file":null,"line":0,"defined":false' '"file":null,"line":0,"defined":true'
	shards summaries-null-file m1.json 'm1\.json: error: not a valid summaries file: "graph", entry 1'
}

# A verdict index of 2^31 made a shard touch 18 GB.
case_summaries_huge_index() {
	two_units summaries-huge-index || return 1
	edit m2 '"verdicts":\[{"hot":0' '"verdicts":[{"hot":2147483647'
	shards summaries-huge-index m2.json 'm2\.json: error: not a valid summaries file: "verdicts", entry 0' || return 1
	edit m3 '"group":-1' '"group":5'
	shards summaries-huge-index m3.json 'not a valid summaries file: "verdicts"' || return 1
	edit m4 '"callees":\[1' '"callees":[1e9'
	shards summaries-huge-index m4.json 'not a valid summaries file: "graph"'
}

# A boolean of another type, or a field the writer always writes left out, was taken as false
# (and could change a verdict).
case_summaries_field_types() {
	two_units summaries-field-types || return 1
	edit m5 '"variadic":false' '"variadic":"no"'
	shards summaries-field-types m5.json 'm5\.json: error: not a valid summaries file: "summaries"' || return 1
	edit m6 '"address_taken":' '"address_taken_":'
	shards summaries-field-types m6.json 'm6\.json: error: not a valid summaries file: "address_taken"'
}

# #include "/dev/zero" read until memory ran out; a FIFO hung the parse.
case_include_special() {
	printf '#include "/dev/zero"\n' | cat - good.c > z.c
	(limit_mem; expect2 include-special "^z\.c:1:10: error: includes '/dev/zero', which is a character device, not a regular file: not parsed" \
		--hotspots hot.json z.c --) || return 1
	mkfifo ff.h
	printf '#include "ff.h"\n' | cat - good.c > f.c
	expect2 include-special "^f\.c:1:10: error: includes 'ff\.h', which is a FIFO, not a regular file: not parsed" \
		--lint f.c -- || return 1
	# Found through -I, and named by a database entry as the source itself.
	mkdir inc && mkfifo inc/g.h
	printf '#include "g.h"\nint x;\n' > g.c
	expect2 include-special "includes 'inc/g\.h', which is a FIFO" --lint g.c -- -Iinc || return 1
	mkdir db
	mkfifo pipe.c
	printf '[{"directory": "%s", "file": "pipe.c", "arguments": ["cc", "-c", "pipe.c"]}]\n' "$PWD" > db/compile_commands.json
	expect2 include-special "includes 'pipe\.c', which is a FIFO" --lint -p db
}

# A relative "directory" with a relative -p was taken against /, not the database's folder.
case_cdb_relative_dir() {
	mkdir -p build src inc
	mv good.c src/
	sed -i '1i #include "cfg.h"' src/good.c
	echo '#define K 1' > inc/cfg.h
	echo '[{"directory": "..", "file": "src/good.c", "arguments": ["cc", "-Iinc", "-c", "src/good.c"]}]' > build/compile_commands.json
	"$tool" --hotspots hot.json -p build src/good.c > out 2> err || { fail cdb-relative-dir "exit $?"; return 1; }
	grep -q '^+++ b/src/good.c' out || { fail cdb-relative-dir "no diff"; return 1; }
	# With no SOURCE: every entry of the database, the same way.
	"$tool" --hotspots hot.json -p build > out 2> err || { fail cdb-relative-dir "no SOURCE: exit $?"; return 1; }
	grep -q '^+++ b/src/good.c' out || { fail cdb-relative-dir "no SOURCE: no diff"; return 1; }
}

# An input that never ends: a device such as /dev/zero read until memory ran out, a FIFO as
# the compile database hung.
case_input_endless() {
	local a
	for a in "--hotspots /dev/zero good.c --" "--hotspots hot.json --rules /dev/zero good.c --"; do
		(limit_mem; expect2 input-endless '^/dev/zero: error: cannot read: a character device' $a) || return 1
	done
	mkdir db
	mkfifo db/compile_commands.json
	expect2 input-endless 'db/compile_commands\.json: error: not a regular file \(a FIFO\)' --hotspots hot.json -p db good.c || return 1
	rm db/compile_commands.json
	ln -s /dev/zero db/compile_commands.json
	expect2 input-endless 'db/compile_commands\.json: error: not a regular file \(a character device\)' --lint -p db || return 1
	# A SOURCE that is a link loop says so (it said "no such file").
	ln -s loop.c loop.c
	expect2 input-endless '^loop\.c: error: Too many levels of symbolic links' --hotspots hot.json loop.c -- || return 1
	# A pipe and a terminal stay inputs: --hotspots <(...).
	"$tool" --hotspots <(cat hot.json) good.c -- > out 2> err || { fail input-endless "a pipe: exit $?"; return 1; }
	grep -q arena_alloc out || { fail input-endless "a pipe: no rewrite"; return 1; }
}

# A regular input larger than 1 GiB (sparse: no disk used) is refused by name before it is read.
case_input_too_large() {
	truncate -s 2G big.json || return 0
	(limit_mem; expect2 input-too-large '^big\.json: error: cannot read: larger than 1 GiB' \
		--hotspots big.json good.c --) || return 1
}

# Sections that disagree were accepted: an empty graph or verdict list, a summary or graph node
# of a USR no unit has. A summary of a USR its graph does not define is refused (docs/cli.md,
# section 9), like every other field that is not what the writer writes.
case_summaries_cross_checks() {
	two_units summaries-cross-checks || return 1
	edit m7 '"graph":\[.*\],"summaries"' '"graph":[],"summaries"'
	shards summaries-cross-checks m7.json 'm7\.json: error: not a valid summaries file: "summaries", entry 0 (a function its graph does not define)' || return 1
	edit m8 '"verdicts":\[.*\]' '"verdicts":[]'
	shards summaries-cross-checks m8.json "m8\.json: error: not a valid summaries file: \"verdicts\" (none for hotspot 'f', which its graph defines)" || return 1
	edit m9 '"summaries":\[{"usr":"c:@F@g"' '"summaries":[{"usr":"c:@F@nope"'
	shards summaries-cross-checks m9.json 'm9\.json: error: not a valid summaries file: "summaries", entry 0' || return 1
	# The graph and the summaries both renamed: consistent with each other, not with the units.
	sed 's/c:@F@g"/c:@F@zz"/g' sums.json > m10.json
	shards summaries-cross-checks m10.json "m10\\.json: error: summaries do not match this run: their graph does not [a-z]* g, which this run's units" || return 1
	edit m11 '"file":"a.c","off"' '"file":"elsewhere.c","off"'
	shards summaries-cross-checks m11.json 'm11\.json: error: not a valid summaries file: "verdicts", entry 0 (a file its file table does not list)'
}

# A summaries file's "files" entry naming a FIFO: every shard waited forever for a writer
# (a shard hashes each file the export read). Now refused at once.
case_summaries_files_fifo() {
	two_units summaries-files-fifo || return 1
	mkfifo ff
	edit m12 '"files":\[{"path":"a.c"' '"files":[{"path":"ff","hash":"0000000000000000","owner":0},{"path":"a.c"'
	shards summaries-files-fifo m12.json 'm12\.json: error: summaries do not match this run: ff changed since they were exported'
}

for c in summaries-files-fifo summaries-cross-checks summaries-null-file summaries-huge-index summaries-field-types include-special \
	cdb-relative-dir input-endless input-too-large; do
	run_case "$c"
done
finish
