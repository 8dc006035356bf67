#!/usr/bin/env bash
# Regenerates the tables of docs/realworld.md from the results files that run.sh writes (one per
# library, "key<TAB>value" lines), replacing what lies between each table's two marker lines: the
# suite's table, and the memory and revert table (older results files without its keys give no
# row there).
#
# usage: table.sh RESULTS_DIR [DOC]     (DOC defaults to docs/realworld.md of this repository)
set -eu
results=$1
doc=${2:-$(cd "$(dirname "$0")/../.." && pwd)/docs/realworld.md}
begin='<!-- realworld table: begin (tests/realworld/table.sh) -->'
end='<!-- realworld table: end -->'
mbegin='<!-- realworld memory table: begin (tests/realworld/table.sh) -->'
mend='<!-- realworld memory table: end -->'
for m in "$begin" "$end" "$mbegin" "$mend"; do
	grep -qxF "$m" "$doc" || { echo "$doc: no table markers ($m)" >&2; exit 2; }
done

val() { awk -F '\t' -v k="$2" '$1 == k { sub(/^[^\t]*\t/, ""); print; exit }' "$1"; }

table=$(mktemp)
trap 'rm -f "$table"' EXIT
# replace BEGIN END: the doc with the lines between the two markers replaced by $table
replace() {
	awk -v b="$1" -v e="$2" -v t="$table" '
		$0 == b { while ((getline l < t) > 0) print l; close(t); skip = 1; next }
		$0 == e { skip = 0; next }
		!skip' "$doc" > "$doc.new"
	mv "$doc.new" "$doc"
}
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
replace "$begin" "$end"
# "largest held (freed not reclaimed), warnings" from a stats_* value: "HELD UNRECLAIMED WARNINGS"
held() {
	echo "$1" | awk '{ if ($1 == 0) print "none"; else printf "%.1f KiB (%.1f KiB), %d\n", $1 / 1024, $2 / 1024, $3 }'
}
{
	echo "$mbegin"
	echo '| library | driver: original | rewritten | revert | revert / original | instructions (callgrind, a twentieth of the workload): original | rewritten | revert | revert / original | peak RSS KiB: original | rewritten | revert | hand arena | rewritten / original | rewritten arenas: largest held at release (of it freed, not reclaimed), warnings | revert arenas |'
	echo '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |'
	for f in "$results"/*.txt; do
		[ -e "$f" ] && [ -n "$(val "$f" ir_orig)" ] || continue
		hand=$(val "$f" rss_hand)
		printf '| %s | %s ms | %s ms | %s ms | %s | %s M | %s M | %s M | %s | %s | %s | %s | %s | %s | %s | %s |\n' \
			"$(val "$f" library)" "$(val "$f" ms_orig)" "$(val "$f" ms_arena)" "$(val "$f" ms_revert)" \
			"$(val "$f" revert_time)" "$(awk "BEGIN {printf \"%.1f\", $(val "$f" ir_orig) / 1e6}")" \
			"$(awk "BEGIN {printf \"%.1f\", $(val "$f" ir_arena) / 1e6}")" \
			"$(awk "BEGIN {printf \"%.1f\", $(val "$f" ir_revert) / 1e6}")" "$(val "$f" revert_ir)" \
			"$(val "$f" rss_orig)" "$(val "$f" rss_arena)" "$(val "$f" rss_revert)" "${hand:-n/a}" \
			"$(val "$f" rss_ratio)" "$(held "$(val "$f" stats_arena)")" "$(held "$(val "$f" stats_revert)")"
	done
	echo "$mend"
} > "$table"
replace "$mbegin" "$mend"
