#!/usr/bin/env bash
# Checks table.sh (not opt-in): a results file becomes one table row between the markers, the
# text around them is kept, a second run gives the same page, and a page without markers is
# refused with exit 2.
set -u
here=$(cd "$(dirname "$0")" && pwd)
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
mkdir "$t/res"
printf 'library\tdemo\nsource\tdemo-1.0\nstyle\ta table\nsites\t12\nownership_aware\t3\nskipped\t0\nrefusals\t0\nprofile_top\tf 60%%, g 40%%\ntests\t5\ntests_arena\t5/5\ntests_malloc\t5/5\ndriver_lines\t7\nrewrite_ms\t900\nms_orig\t100.0\nms_arena\t50.0\nms_hand\t\nvs_orig\t2.00x\nvs_hand\tn/a: no hook\n' > "$t/res/demo.txt"
printf 'before\n<!-- realworld table: begin (tests/realworld/table.sh) -->\nold row\n<!-- realworld table: end -->\nafter\n' > "$t/doc.md"
bash "$here/table.sh" "$t/res" "$t/doc.md" || fail "table.sh exited $?"
grep -qxF '| demo (demo-1.0) | a table | f 60%, g 40% | 12 (+3) | 0 | 5, 5/5, 5/5 | 7 | 900 ms | 100.0 ms | 50.0 ms | n/a | 2.00x | n/a: no hook |' "$t/doc.md" ||
	{ cat "$t/doc.md"; fail "row"; }
grep -q 'old row' "$t/doc.md" && fail "old table kept"
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
