#!/usr/bin/env bash
# Regenerates the table of docs/realworld.md from the results files that run.sh writes (one per
# library, "key<TAB>value" lines), replacing what lies between the two marker lines.
#
# usage: table.sh RESULTS_DIR [DOC]     (DOC defaults to docs/realworld.md of this repository)
set -eu
results=$1
doc=${2:-$(cd "$(dirname "$0")/../.." && pwd)/docs/realworld.md}
begin='<!-- realworld table: begin (tests/realworld/table.sh) -->'
end='<!-- realworld table: end -->'
grep -qxF "$begin" "$doc" && grep -qxF "$end" "$doc" || { echo "$doc: no table markers" >&2; exit 2; }

val() { awk -F '\t' -v k="$2" '$1 == k { sub(/^[^\t]*\t/, ""); print; exit }' "$1"; }

table=$(mktemp)
trap 'rm -f "$table"' EXIT
{
	echo "$begin"
	echo '| library (Debian source) | allocation style | top of the DHAT profile (share of allocations) | sites rewritten (+ made ownership-aware, left alone) | refusals | own tests: original, arena, malloc mode | driver lines equal | rewrite | driver: original | rewritten | hand arena | speed-up vs original | vs hand arena |'
	echo '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |'
	for f in "$results"/*.txt; do
		[ -e "$f" ] || continue
		hand=$(val "$f" ms_hand)
		hand=${hand:+$hand ms}
		# sites the tool left alone (summary.sites_skipped; the reasons are notes on stderr)
		skipped=$(val "$f" skipped)
		[ "${skipped:-0}" = 0 ] && skipped= || skipped=", $skipped left alone"
		printf '| %s (%s) | %s | %s | %s (+%s)%s | %s | %s, %s, %s | %s | %s ms | %s ms | %s ms | %s | %s | %s |\n' \
			"$(val "$f" library)" "$(val "$f" source)" "$(val "$f" style)" "$(val "$f" profile_top)" \
			"$(val "$f" sites)" "$(val "$f" ownership_aware)" "$skipped" "$(val "$f" refusals)" \
			"$(val "$f" tests)" "$(val "$f" tests_arena)" "$(val "$f" tests_malloc)" \
			"$(val "$f" driver_lines)" "$(val "$f" rewrite_ms)" "$(val "$f" ms_orig)" \
			"$(val "$f" ms_arena)" "${hand:-n/a}" "$(val "$f" vs_orig)" "$(val "$f" vs_hand)"
	done
	echo "$end"
} > "$table"
awk -v b="$begin" -v e="$end" -v t="$table" '
	$0 == b { while ((getline l < t) > 0) print l; skip = 1; next }
	$0 == e { skip = 0; next }
	!skip' "$doc" > "$doc.new"
mv "$doc.new" "$doc"
