#!/usr/bin/env bash
# Checks table.sh (not opt-in): a results file becomes one row of each table between its markers
# (the memory table only from a file with the memory keys), the text around them is kept, a second run gives the same page, and a page without markers is
# refused with exit 2.
set -u
here=$(cd "$(dirname "$0")" && pwd)
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
mkdir "$t/res"
printf 'library\tdemo\nsource\tdemo-1.0\nstyle\ta table\nsites\t12\nownership_aware\t3\nskipped\t0\nrefusals\t0\nprofile_top\tf 60%%, g 40%%\ntests\t5\ntests_arena\t5/5\ntests_malloc\t5/5\ndriver_lines\t7\nrewrite_ms\t900\nms_orig\t100.0\nms_arena\t50.0\nms_hand\t\nvs_orig\t2.00x\nvs_hand\tn/a: no hook\n' > "$t/res/demo.txt"
printf 'before\n<!-- realworld table: begin (tests/realworld/table.sh) -->\nold row\n<!-- realworld table: end -->\nbetween\n<!-- realworld memory table: begin (tests/realworld/table.sh) -->\nold memory row\n<!-- realworld memory table: end -->\nafter\n' > "$t/doc.md"
bash "$here/table.sh" "$t/res" "$t/doc.md" || fail "table.sh exited $?"
grep -qxF '| demo (demo-1.0) | a table | f 60%, g 40% | 12 (+3) | 0 | 5, 5/5, 5/5 | 7 | 900 ms | 100.0 ms | 50.0 ms | n/a | 2.00x | n/a: no hook |' "$t/doc.md" ||
	{ cat "$t/doc.md"; fail "row"; }
grep -q 'old row' "$t/doc.md" && fail "old table kept"
grep -q 'old memory row' "$t/doc.md" && fail "old memory table kept"
grep -q '^| demo |' "$t/doc.md" && fail "memory row without the memory keys"
printf 'ms_revert\t105.0\nrevert_time\t1.05x\nrss_orig\t1000\nrss_arena\t1200\nrss_revert\t1010\nrss_hand\t\nrss_ratio\t1.20x\nstats_arena\t65536 2048 1\nstats_revert\t0 0 0\nir_orig\t2000000\nir_arena\t1000000\nir_revert\t2100000\nrevert_ir\t1.050x\n' >> "$t/res/demo.txt"
bash "$here/table.sh" "$t/res" "$t/doc.md" || fail "table.sh exited $?"
grep -qxF '| demo | 100.0 ms | 50.0 ms | 105.0 ms | 1.05x | 2.0 M | 1.0 M | 2.1 M | 1.050x | 1000 | 1200 | 1010 | n/a | 1.20x | 64.0 KiB (2.0 KiB), 1 | none |' "$t/doc.md" ||
	{ cat "$t/doc.md"; fail "memory row"; }
grep -qx between "$t/doc.md" || fail "text between the tables"
sed -e 's/^ms_hand\t$/ms_hand\t40.0/' -e 's/^library\tdemo$/library\thanded/' "$t/res/demo.txt" > "$t/res/handed.txt"
bash "$here/table.sh" "$t/res" "$t/doc.md" || fail "table.sh exited $?"
grep -q '| 50.0 ms | 40.0 ms | 2.00x |' "$t/doc.md" || { cat "$t/doc.md"; fail "hand arena column"; }
grep -q '^| handed (demo-1.0) | a table | f 60%, g 40% | 12 (+3) | 0 |' "$t/doc.md" || fail "no skipped site shown as one"
sed -i 's/^skipped\t0$/skipped\t2/' "$t/res/handed.txt"
bash "$here/table.sh" "$t/res" "$t/doc.md" || fail "table.sh exited $?"
grep -q '^| handed (demo-1.0) | a table | f 60%, g 40% | 12 (+3), 2 left alone | 0 |' "$t/doc.md" ||
	{ cat "$t/doc.md"; fail "skipped sites"; }
rm "$t/res/handed.txt"
bash "$here/table.sh" "$t/res" "$t/doc.md" || fail "table.sh exited $?"
[ "$(head -n 1 "$t/doc.md")" = before ] && [ "$(tail -n 1 "$t/doc.md")" = after ] || fail "text around the table"
cp "$t/doc.md" "$t/first.md"
bash "$here/table.sh" "$t/res" "$t/doc.md" && cmp -s "$t/doc.md" "$t/first.md" || fail "second run differs"
printf 'no markers\n' > "$t/bare.md"
bash "$here/table.sh" "$t/res" "$t/bare.md" 2> /dev/null
[ $? = 2 ] || fail "page without markers not refused"
echo "table.sh: ok"
