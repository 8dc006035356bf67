#!/usr/bin/env bash
# usage: run.sh TOOL RUNTIME_DIR HERE
# The runtime's files (arena_rt.c in the database, arena_rt.h included) carry the runtime's
# marker: a rewrite with field rules for free and calloc leaves them byte-identical, the lint
# reports nothing in them, and a second run over the rewritten project prints no diff.
set -u
tool=$1 runtime=$2 here=$3
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
mkdir "$w/vendor"
cp "$runtime/arena_rt.h" "$runtime/arena_rt.c" "$w/vendor/"
cp "$here/prog.c" "$w/"
cd "$w" || exit 1
cat > compile_commands.json << JSON
[{"directory": "$w", "file": "prog.c", "arguments": ["cc", "-Ivendor", "-c", "prog.c"]},
 {"directory": "$w", "file": "vendor/arena_rt.c", "arguments": ["cc", "-Ivendor", "-c", "vendor/arena_rt.c"]}]
JSON
echo '{"hotspots": [{"function": "push", "scope": "render_doc"}]}' > hot.json
echo '{"allocators": [{"field": "free", "kind": "free"}, {"field": "calloc", "kind": "calloc"}]}' > rules.json
fail=0
bad() { echo "FAIL: $*"; fail=1; }
"$tool" --hotspots hot.json --rules rules.json -p . -i 2> err1.txt
rc=$?
[ $rc -le 1 ] || bad "rewrite exit $rc: $(cat err1.txt)"
cmp -s vendor/arena_rt.c "$runtime/arena_rt.c" || bad "arena_rt.c was rewritten"
cmp -s vendor/arena_rt.h "$runtime/arena_rt.h" || bad "arena_rt.h was rewritten"
grep -q "arena_rt\|arena_cur\|arena_free" err1.txt && bad "notes name the runtime: $(cat err1.txt)"
cmp -s prog.c "$here/prog.c" && bad "prog.c was not rewritten"
"$tool" --hotspots hot.json --rules rules.json -p . > second.diff 2> err2.txt
[ -s second.diff ] && bad "second run changes something: $(head -20 second.diff)"
"$tool" --lint -p . > lint.txt 2>&1
grep -q "vendor/arena_rt" lint.txt && bad "lint reports the runtime: $(cat lint.txt)"
# A profile of a rewritten program: the runtime's frames (table names, or frames in its files)
# are the allocator's, so the allocations belong to the program's own functions.
cat > rewritten.folded << 'FOLDED'
main;render_doc;push;arena_cur_calloc_with;arena_cur_calloc_fast_;calloc 900
main;render_doc;push;arena_cur_calloc_with;block_new (vendor/arena_rt.c);malloc 20
main;render_doc;mystery (arena_rt.c);malloc 50
FOLDED
"$tool" --profile rewritten.folded > prof.json 2> prof.err || bad "--profile exit $?: $(cat prof.err)"
grep -q '"arena_\|block_new\|mystery' prof.json && bad "--profile lists runtime frames: $(cat prof.json)"
grep -q "\"push\"" prof.json || bad "--profile misses push: $(cat prof.json)"
[ $fail = 0 ] && echo "selfskip: runtime untouched, second run empty, lint silent on it"
exit $fail
