#!/usr/bin/env bash
# SARIF output of the corpus, checked against the structure GitHub code scanning requires;
# and the JSON format parses with the same counts as the text format.
# usage: run_sarif.sh TOOL SARIF_CHECK RUNTIME_DIR CORPUS_DIR
set -u
tool=$1 check=$2 runtime=$3 corpus=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$corpus" || exit 1
"$tool" --lint --format=sarif hand/*.c -- -I"$runtime" > "$work/out.sarif" 2> "$work/err"
rc=$?
[ "$rc" = 1 ] || { echo "FAIL: exit $rc, want 1"; cat "$work/err"; exit 1; }
[ -s "$work/err" ] && { echo "FAIL: stderr not empty"; cat "$work/err"; exit 1; }
nfind=$("$tool" --lint hand/*.c -- -I"$runtime" 2> /dev/null | grep -vc ': note: ')
"$check" "$work/out.sarif" "$nfind" || exit 1
"$tool" --lint --format=sarif hot/server.c -- > "$work/empty.sarif" || { echo "FAIL: clean run"; exit 1; }
"$check" "$work/empty.sarif" 0 || exit 1
echo PASS
