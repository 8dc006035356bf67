#!/usr/bin/env bash
# Summaries are untrusted input (issue 24): COUNT mutated summaries files (summ_mutate, one
# structure-aware mutation or a byte-level one each) are given to shards of the tool built
# under ASan and UBSan (arena-rewrite-san). Every run must exit 0, 1 or 2 with no sanitizer
# report. The files come from a rewrite and a lint export of three units with a scope, a
# refused hotspot, parameters stored through and a call through a pointer.
# usage: fuzz_summ.sh SAN_TOOL SUMM_MUTATE COUNT [FIRST_SEED]
# A failing seed is printed; `summ_mutate SEED base.json m.json` makes its file again.
set -u
tool=$1 mutate=$2 count=$3 seed0=${4:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export ASAN_OPTIONS=exitcode=99:detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=exitcode=98:print_stacktrace=1:halt_on_error=1

cat > a.c <<'C'
#include <stdlib.h>
#include <string.h>
struct node {
	struct node *next;
	char *s;
};
char *keep;
static struct node *push(struct node *h, const char *s)
{
	struct node *n = malloc(sizeof(*n));
	n->s = strdup(s);
	n->next = h;
	return n;
}
int count(const char *s)
{
	struct node *h = NULL;
	for (int i = 0; s[i]; i++)
		h = push(h, s + i);
	int c = 0;
	while (h) {
		struct node *n = h->next;
		c++;
		free(h->s);
		free(h);
		h = n;
	}
	return c;
}
char *leak(int n)
{
	char *p = malloc((size_t)n);
	keep = p;
	return p;
}
void store(char **out, int n)
{
	*out = malloc((size_t)n);
}
C
cat > b.c <<'C'
#include <stdlib.h>
struct tree {
	struct tree *l, *r;
	int v;
};
struct tree *mk(int v)
{
	struct tree *t = calloc(1, sizeof(*t));
	t->v = v;
	return t;
}
static int sum(const struct tree *t)
{
	return t ? t->v + sum(t->l) + sum(t->r) : 0;
}
int handle(int n)
{
	struct tree *root = mk(0);
	for (int i = 1; i < n; i++) {
		struct tree *t = mk(i);
		t->l = root;
		root = t;
	}
	return sum(root);
}
void fill(char **out, int n);
int user(int n)
{
	char *p;
	fill(&p, n);
	free(p);
	return n;
}
C
cat > c.c <<'C'
#include <stdlib.h>
void fill(char **out, int n)
{
	*out = malloc((size_t)n);
}
int (*hook)(int) = 0;
int call(int n)
{
	return hook ? hook(n) : n;
}
C
echo '{"hotspots": [{"function": "count"}, {"function": "leak"}, {"function": "mk", "scope": "handle"}, {"function": "store"}, {"function": "user"}]}' > hot.json
srcs="a.c b.c c.c"
"$tool" --hotspots hot.json --export-summaries rw.json $srcs -- 2> err ||
	{ echo "FAIL: the rewrite export failed"; cat err; exit 1; }
"$tool" --lint --export-summaries lint.json $srcs -- 2> err ||
	{ echo "FAIL: the lint export failed"; cat err; exit 1; }

bad=0 codes=""
declare -A seen
for i in $(seq "$seed0" $((seed0 + count - 1))); do
	if [ $((i % 2)) = 0 ]; then base=rw.json mode="--hotspots hot.json"; else base=lint.json mode=--lint; fi
	"$mutate" "$i" $base m.json || { echo "FAIL seed $i: summ_mutate failed"; bad=$((bad + 1)); continue; }
	timeout 120 "$tool" $mode --shard $((i % 3 == 0 ? 2 : 1))/2 --summaries m.json $srcs -- > /dev/null 2> err
	rc=$?
	seen[$rc]=$((${seen[$rc]:-0} + 1))
	if ! { [ "$rc" = 0 ] || [ "$rc" = 1 ] || [ "$rc" = 2 ]; } ||
		grep -qE 'Sanitizer|runtime error:' err; then
		echo "FAIL seed $i ($base, exit $rc):"
		grep -E 'ERROR|runtime error|SUMMARY' err | head -5 | sed 's/^/  /'
		bad=$((bad + 1))
	fi
done
for k in "${!seen[@]}"; do codes="$codes exit $k: ${seen[$k]};"; done
echo "mutations: $count (seeds $seed0..$((seed0 + count - 1)));$codes sanitizer reports or crashes: $bad"
[ "$bad" = 0 ]
