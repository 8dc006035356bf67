#!/usr/bin/env bash
# Bad input: every case checks the exit status, the message (file and, where it has one,
# line and column), and that no file was touched. usage: run.sh TOOL RUNTIME_DIR
set -u
tool=$1 runtime=$2
pass=0 failn=0
work=$(mktemp -d)
logs=$(mktemp -d)
trap 'rm -rf "$work" "$logs"' EXIT
cd "$work"

snapshot() { find . -type f -print0 | sort -z | xargs -0 md5sum; find . -type f -printf '%p %m %s %T@\n' | sort | md5sum; }
# expect NAME STATUS PATTERN -- ARGS...: runs the tool in the current folder
expect() {
	local name=$1 want=$2 pattern=$3
	shift 4
	local before after rc
	before=$(snapshot)
	"$tool" "$@" > "$logs/out" 2> "$logs/err"
	rc=$?
	after=$(snapshot)
	if [ "$rc" != "$want" ]; then
		echo "FAIL $name: exit $rc, expected $want"; cat "$logs/err"; failn=$((failn + 1)); return
	fi
	if ! grep -qE -- "$pattern" "$logs/err"; then
		echo "FAIL $name: stderr does not match /$pattern/"; cat "$logs/err"; failn=$((failn + 1)); return
	fi
	if [ "$want" = 2 ] && [ -s "$logs/out" ]; then
		echo "FAIL $name: printed on stdout"; failn=$((failn + 1)); return
	fi
	if [ "$before" != "$after" ]; then
		echo "FAIL $name: files changed"; failn=$((failn + 1)); return
	fi
	echo "ok $name"
	pass=$((pass + 1))
}

cat > good.c <<'C'
#include <stdlib.h>
int f(int n)
{
	int *p = malloc(sizeof(int) * (size_t)n);
	free(p);
	return n;
}
C
cat > bad.c <<'C'
#include <stdlib.h>
int g(int n)
{
	int *p = malloc(n) +;
	return n;
}
C
echo '{"hotspots": [{"function": "f"}]}' > hot.json
echo '{"hotspots": [{"function": "g"}]}' > hotg.json
printf '{"hotspots": [\n  {"function": "f"},\n  {"function" "g"}\n]}\n' > broken.json
echo '{"hotspots": [{"function": "nowhere"}]}' > missing_fn.json
printf 'f\n9bad\n' > badplain.txt
printf '# nothing\n\n' > empty.txt
printf '{"allocators": [\n  {"name": "xmalloc", "kind": "malloc"},,\n]}\n' > badrules.json
echo '{"allocators": [{"name": "xmalloc", "kind": "mystery"}]}' > kindrules.json

expect syntax-error 2 'bad\.c:4:[0-9]+: error: .*does not parse' -- --hotspots hotg.json -i bad.c --
expect function-nowhere 2 "missing_fn\.json: hotspots\[0\]: hotspot function 'nowhere'" -- --hotspots missing_fn.json -i good.c --
expect malformed-json 2 'broken\.json:3:[0-9]+: error: malformed JSON' -- --hotspots broken.json -i good.c --
expect bad-plain-line 2 'badplain\.txt:2:1: error: expected a function name' -- --hotspots badplain.txt -i good.c --
expect empty-list 2 'empty\.txt: error: hotspot file lists no function' -- --hotspots empty.txt -i good.c --
expect missing-hotspots 2 'nosuch\.json: error: cannot read' -- --hotspots nosuch.json -i good.c --
expect missing-source 2 'nosuch\.c: error: no such file' -- --hotspots hot.json -i good.c nosuch.c --
expect malformed-rules 2 'badrules\.json:2:[0-9]+: error: malformed JSON in rules file' -- --hotspots hot.json --rules badrules.json -i good.c --
expect bad-rule-kind 2 'kindrules\.json: error: allocators\[0\]: "kind" must be one of' -- --hotspots hot.json --rules kindrules.json -i good.c --
# A malformed "effects" entry in --rules (docs/rules.md): exit 2 naming the file, the entry and
# what is wrong with it; nothing written.
echo '{"effects": [{"function": "lib_keep", "params": ["read", "kept"]}]}' > efftoken.json
echo '{"effects": [{"function": "lib_end", "params": ["read", "store(2)"]}]}' > effrange.json
echo '{"effects": [{"function": "lib_put", "params": ["write put(1) put(2)", "", ""]}]}' > efftwice.json
echo '{"effects": [{"function": "lib_str", "params": "read"}]}' > effparams.json
echo '{"effects": [{"function": "lib_res", "params": ["read"], "result": 0}]}' > effresult.json
echo '{"effects": [{"function": "lib_res", "params": ["read"], "result": "arg1"}]}' > effresarg.json
echo '{"effects": [{"function": "lib_exit", "params": [], "exits": "never"}]}' > effexits.json
echo '{"unknown": ["lib_ok", 7]}' > effunknown.json
echo '{"effects": {"function": "lib_obj", "params": []}}' > effarray.json
expect effects-unknown-token 2 'efftoken\.json: error: effects\[0\] \(.lib_keep.\): params\[1\] "kept": unknown token' -- --hotspots hot.json --rules efftoken.json -i good.c --
expect effects-arg-range 2 'effrange\.json: error: effects\[0\] \(.lib_end.\): params\[1\] "store\(2\)": .*out of range' -- --hotspots hot.json --rules effrange.json -i good.c --
expect effects-put-twice 2 'efftwice\.json: error: effects\[0\] \(.lib_put.\): params\[0\] .*may each appear once' -- --hotspots hot.json --rules efftwice.json -i good.c --
expect effects-params-type 2 'effparams\.json: error: effects\[0\]: needs a string "function" and a "params" array' -- --hotspots hot.json --rules effparams.json -i good.c --
expect effects-result-type 2 'effresult\.json: error: effects\[0\] \(.lib_res.\): "variadic", "result" and "exits" must be strings' -- --hotspots hot.json --rules effresult.json -i good.c --
expect effects-result-arg 2 'effresarg\.json: error: effects\[0\] \(.lib_res.\): "result" must be' -- --hotspots hot.json --rules effresarg.json -i good.c --
expect effects-exits 2 'effexits\.json: error: effects\[0\] \(.lib_exit.\): "exits" must be "exit", "jump", "thread", "unwind" or "cancel"' -- --hotspots hot.json --rules effexits.json -i good.c --
expect effects-unknown-type 2 'effunknown\.json: error: unknown\[1\]: must be a function name' -- --hotspots hot.json --rules effunknown.json -i good.c --
expect effects-not-array 2 'effarray\.json: error: "effects" and "unknown" must be arrays' -- --hotspots hot.json --rules effarray.json -i good.c --
expect unknown-option 2 "unknown option '--frobnicate'" -- --hotspots hot.json --frobnicate good.c
expect diff-without-i 2 '--diff goes with -i' -- --hotspots hot.json --diff good.c
expect bad-exit-style 2 'exit-style takes cleanup or explicit' -- --hotspots hot.json --exit-style=maybe good.c
expect bad-jobs 2 '\-j takes a number' -- --hotspots hot.json -j 0 good.c
expect no-mode 2 'nothing to do' -- good.c
expect no-sources 2 'no source files' -- --hotspots hot.json
expect missing-cdb 2 'compile_commands\.json: error: no compilation database' -- --hotspots hot.json -p nodb good.c
expect report-unwritable 2 'nodir/r\.json: error: cannot write' -- --hotspots hot.json -i --report nodir/r.json good.c --
expect hotspots-dir 2 'error: cannot read: is a directory' -- --hotspots . good.c --

# Rules checked against the code (docs/rules.md, section 1): a `name` rule whose function the
# sources declare must have its kind's shape, and a body the run reads must do what the kind's
# replacement does. Exit 2 at the declaration, naming the rule, where it was read and the
# signature; nothing written, with --hotspots and with --lint.
cat > wrap.c <<'C'
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
typedef enum { T_NULL = 1, T_STRING } ytype;
void *value_alloc(ytype t) { return calloc(1, t == T_NULL ? 8 : 32); }
int count_alloc(size_t n) { return n > 0; }
void *pair_alloc(size_t n, size_t m) { return malloc(n + m); }
void *fmt_alloc(size_t n, ...) { return malloc(n); }
char *int_dup(int s) { return malloc((size_t)s); }
void *ptr_alloc(char *n) { return malloc(strlen(n)); }
void *proto_only(double n);
char *copy_len(const char *str, size_t len)
{
	char *d = malloc(len + 1);
	if (!d)
		return NULL;
	memcpy(d, str, len);
	d[len] = '\0';
	return d;
}
char *copy_str(const char *s, size_t n)
{
	size_t l = strnlen(s, n);
	char *d = malloc(l + 1);
	if (d) {
		memcpy(d, s, l);
		d[l] = '\0';
	}
	return d;
}
struct hdr { size_t size; };
void *hdr_alloc(size_t n)
{
	struct hdr *h = malloc(sizeof(*h) + n);
	if (!h)
		return NULL;
	h->size = n;
	return h + 1;
}
void hdr_release(void *p)
{
	if (p)
		free((struct hdr *)p - 1);
}
void *hdr_resize(void *p, size_t n)
{
	char *real = (char *)p - sizeof(struct hdr);
	return realloc(real, n);
}
void *pair_calloc(size_t n, size_t m) { return calloc(n, m); }
void *unproto();
int make(void)
{
	void *v = value_alloc(T_STRING);
	free(v);
	return 0;
}
C
# A second unit: a run of two converts every body of both.
printf '#include <stdlib.h>\nint user(int n)\n{\n\tchar *p = malloc((size_t)n);\n\tfree(p);\n\treturn n;\n}\n' > wrap2.c
echo '{"hotspots": [{"function": "user"}]}' > wrap.json
# rulecheck NAME PATTERN RULE KIND: the rule alone in a rules file, refused by --hotspots and
# --lint
rulecheck() {
	echo "{\"allocators\": [{\"name\": \"$3\", \"kind\": \"$4\"}]}" > "rule_$1.json"
	expect "rule-$1" 2 "$2" -- --hotspots wrap.json --rules "rule_$1.json" -i wrap.c wrap2.c --
	expect "rule-$1-lint" 2 "$2" -- --lint --rules "rule_$1.json" wrap.c wrap2.c --
}
rulecheck calloc-of-malloc "^wrap\.c:7:7: error: .*'void \*pair_alloc\(size_t n, size_t m\)': line 7: allocates with 'malloc', of kind malloc, where kind calloc is that allocator" pair_alloc calloc
rulecheck enum-param "^wrap\.c:5:7: error: rule \{\"name\": \"value_alloc\", \"kind\": \"malloc\"\} \(rule_enum-param\.json: allocators\[0\]\) does not fit 'void \*value_alloc\(ytype t\)': parameter 1 \('t'\) has the enum type 'ytype', where kind malloc takes a size" value_alloc malloc
rulecheck no-pointer-result "^wrap\.c:6:5: error: .*'int count_alloc\(size_t n\)': its result is no pointer, where kind malloc returns new memory" count_alloc malloc
rulecheck param-count "^wrap\.c:7:7: error: .*'void \*pair_alloc\(size_t n, size_t m\)': it takes 2 parameters, where kind malloc takes \(size\)" pair_alloc malloc
rulecheck variadic "^wrap\.c:8:7: error: .*'void \*fmt_alloc\(size_t n, \.\.\.\)': it takes a variable number of arguments" fmt_alloc malloc
rulecheck no-pointer-param "^wrap\.c:9:7: error: .*'char \*int_dup\(int s\)': parameter 1 \('s', of type 'int'\) is no pointer, where kind strdup takes one" int_dup strdup
rulecheck no-size-param "^wrap\.c:10:7: error: .*'void \*ptr_alloc\(char \*n\)': parameter 1 \('n', of type 'char \*'\) is no integer, where kind malloc takes a size" ptr_alloc malloc
rulecheck prototype "^wrap\.c:11:7: error: .*'void \*proto_only\(double n\)': parameter 1 .*is no integer" proto_only malloc
rulecheck strndup-is-memdup "^wrap\.c:12:7: error: rule \{\"name\": \"copy_len\", \"kind\": \"strndup\"\} .*'char \*copy_len\(const char \*str, size_t len\)': line 17: copies exactly its length parameter's bytes \('memcpy'\), NUL bytes included, where kind strndup stops at the first NUL: its kind is memdup" copy_len strndup
rulecheck memdup-is-strndup "^wrap\.c:21:7: error: .*'char \*copy_str\(const char \*s, size_t n\)': line 23: stops at the first NUL of its first parameter \('strnlen'\), where kind memdup copies all n bytes: its kind is strndup" copy_str memdup
rulecheck size-prefix "^wrap\.c:32:7: error: .*'void \*hdr_alloc\(size_t n\)': line 38: returns an interior pointer of its allocation \(a size prefix\): the rewrite cannot replace it" hdr_alloc malloc
rulecheck free-offset "^wrap\.c:40:6: error: .*'void hdr_release\(void \*p\)': line 43: frees its parameter at an offset \(a size prefix\)" hdr_release free
rulecheck realloc-offset "^wrap\.c:45:7: error: .*'void \*hdr_resize\(void \*p, size_t n\)': line 48: resizes its parameter at an offset" hdr_resize realloc
# One unit without a scope converts the bodies the hotspots reach: value_alloc, called by the
# hotspot make, is read whole.
echo '{"hotspots": [{"function": "make"}]}' > make.json
expect rule-one-unit 2 "^wrap\.c:5:7: error: .*'void \*value_alloc\(ytype t\)': parameter 1 \('t'\) has the enum type" -- --hotspots make.json --rules rule_enum-param.json -i wrap.c --
# A definition that run skipped still shows its result and its number of parameters.
expect rule-skipped-body 2 "^wrap\.c:7:7: error: .*'pair_alloc: void \*\(.*\)': it takes 2 parameters" -- --hotspots make.json --rules rule_param-count.json -i wrap.c --
# What the sources do not show is the rule's assertion: an unprototyped declaration's
# parameters, and a kind that fits.
for ok in 'unproto malloc' 'copy_len memdup' 'copy_str strndup' 'pair_calloc calloc'; do
	set -- $ok
	echo "{\"allocators\": [{\"name\": \"$1\", \"kind\": \"$2\"}]}" > rule_ok.json
	if "$tool" --hotspots wrap.json --rules rule_ok.json wrap.c wrap2.c -- > "$logs/out" 2> "$logs/err"; then
		echo "ok rule-fits-$1"; pass=$((pass + 1))
	else
		echo "FAIL rule-fits-$1"; cat "$logs/err"; failn=$((failn + 1))
	fi
done

# A unit whose flags cannot parse the runtime header (issue 12): a project that vendors
# arena_rt.h (found next to the source, not as the tool's own copy, which clang reads as a
# system header), compiled with flags the header does not accept. The message names the unit,
# the flag found and what to change it to.
cp "$runtime/arena_rt.h" . || exit 1
cat > rtc.c <<'C'
#include <stdlib.h>
#include "arena_rt.h"
int f(int n)
{
	int *p = malloc(sizeof(int) * (size_t)n);
	free(p);
	return n;
}
C
cp rtc.c rtdb.c
# the unit's own error comes first here, the header's later: the header's is the one to fix
{ echo 'int g(int n) { return n; }'; cat rtc.c; } > rtlate.c
# The header parses in C89 with gcc and clang (__extension__); without the GNU extensions
# (-U__GNUC__, as a compiler that is neither) it needs C11.
printf '[{"directory": "%s", "file": "rtdb.c", "arguments": ["cc", "-ansi", "-U__GNUC__", "-c", "rtdb.c"]}]\n' "$PWD" > compile_commands.json
rtmsg="error: the runtime header arena_rt\.h cannot be parsed with this unit's flags \(arena_rt\.h:[0-9]+:[0-9]+: "
if "$tool" --hotspots hot.json rtc.c -- -std=c89 -pedantic-errors > "$logs/out" 2> "$logs/err" &&
	grep -q '^+.*arena_alloc' "$logs/out"; then
	echo "ok rt-c89-parses"
	pass=$((pass + 1))
else
	echo "FAIL rt-c89-parses: the header does not parse with -std=c89 -pedantic-errors"
	cat "$logs/err"
	failn=$((failn + 1))
fi
expect rt-c89 2 "^rtc\.c: ${rtmsg}.*found '-std=c89'.*change it to '-std=c11'" -- --hotspots hot.json -i rtc.c -- -std=c89 -pedantic-errors -U__GNUC__
expect rt-ansi-cdb 2 "^rtdb\.c: ${rtmsg}.*found '-ansi'.*change it to '-std=c11'" -- --hotspots hot.json -i -p . rtdb.c
expect rt-werror-eq 2 "^rtc\.c: ${rtmsg}.*\[-Wpadded\]\): it found '-Werror=padded': drop it" -- --hotspots hot.json -i rtc.c -- -std=c99 -Werror=padded
expect rt-werror 2 "^rtc\.c: ${rtmsg}.*found '-Werror': add '-Wno-error=padded'" -- --hotspots hot.json -i rtc.c -- -std=gnu99 -Wpadded -Werror
expect rt-no-gnu 2 "^rtc\.c: ${rtmsg}.*found '-std=c99'.*change it to '-std=c11'" -- --hotspots hot.json -i rtc.c -- -std=c99 -U__GNUC__
expect rt-after-user-error 2 "^rtlate\.c: ${rtmsg}.*found '-std=c89'" -- --hotspots hot.json -i rtlate.c -- -std=c89 -U__GNUC__ -Werror=missing-prototypes
expect user-error-not-rt 2 "^bad\.c:4:[0-9]+: error: .*does not parse" -- --hotspots hotg.json -i bad.c -- -std=c89 -pedantic-errors -I.

# A refused hotspot writes nothing for itself; the accepted one in the same run is written.
cat > two.c <<'C'
#include <stdlib.h>
char *keep(void)
{
	char *p = malloc(4);
	return p;
}
int ok(void)
{
	int *q = malloc(4);
	free(q);
	return 0;
}
C
echo '{"hotspots": [{"function": "keep"}, {"function": "ok"}]}' > two.json
"$tool" --hotspots two.json -i two.c -- > "$logs/out" 2> "$logs/err"
rc=$?
if [ "$rc" = 1 ] && grep -q "two.c:2: error: hotspot 'keep' refused" "$logs/err" &&
	grep -q 'char \*p = malloc(4);' two.c && grep -q 'arena_alloc(&arena, 4)' two.c; then
	echo "ok refused-writes-nothing-for-it"; pass=$((pass + 1))
else
	echo "FAIL refused-writes-nothing-for-it (exit $rc)"; cat "$logs/err" two.c; failn=$((failn + 1))
fi

# --report: per hotspot, the sites rewritten and the sites skipped with their reason.
cat > rep.c <<'C'
#include <stdlib.h>
#define NEW() malloc(8)
int r(void)
{
	char *a = malloc(4);
	char *b = NEW();
	free(a);
	free(b);
	return 0;
}
C
echo '{"hotspots": [{"function": "r"}]}' > rep.json
"$tool" --hotspots rep.json --report "$logs/report.json" rep.c -- > "$logs/out" 2> "$logs/err"
rc=$?
if [ "$rc" = 0 ] && grep -q '"status":[[:space:]]*"rewritten"' "$logs/report.json" &&
	grep -q '"replacement":[[:space:]]*"arena_alloc"' "$logs/report.json" &&
	grep -q '"reason":[[:space:]]*"inside a macro expansion: macro .NEW.' "$logs/report.json" &&
	grep -q '"sites_rewritten":[[:space:]]*2' "$logs/report.json" &&
	grep -q '"teardown_removed":[[:space:]]*1' "$logs/report.json" &&
	grep -q '"sites_skipped":[[:space:]]*1' "$logs/report.json"; then
	echo "ok report-json"; pass=$((pass + 1))
else
	echo "FAIL report-json (exit $rc)"; cat "$logs/err" "$logs/report.json"; failn=$((failn + 1))
fi

# Two programs in the sources (issue 22, item 6): without --program both are rewritten and a
# note says so; with it, the other program's file is never edited.
cat > app.c <<'C'
#include <stdlib.h>
#include <string.h>
static int work(void)
{
	char *p = malloc(8);
	if (!p)
		return 1;
	memset(p, 0, 8);
	free(p);
	return 0;
}
int main(void)
{
	return work();
}
C
sed 's/malloc(8)/malloc(16)/' app.c > tool.c
echo '{"hotspots": [{"function": "work"}]}' > work.json
"$tool" --hotspots work.json app.c tool.c -- > "$logs/both.diff" 2> "$logs/both.err"
"$tool" --hotspots work.json --program app.c app.c tool.c -- > "$logs/one.diff" 2> "$logs/one.err"
if grep -q '^+++ b/tool.c' "$logs/both.diff" && grep -q 'the sources hold 2 programs' "$logs/both.err" &&
	grep -q '^+++ b/app.c' "$logs/one.diff" && ! grep -q 'tool.c' "$logs/one.diff" &&
	grep -q '1 other program of the sources left out' "$logs/one.err"; then
	echo "ok programs"; pass=$((pass + 1))
else
	echo "FAIL programs"; cat "$logs/both.err" "$logs/one.err"; failn=$((failn + 1))
fi
expect program-none 2 '--program names none of the 2 source file' -- --hotspots work.json --program nope.c app.c tool.c --
expect program-lint 2 '--program goes with --hotspots or --profile' -- --lint --program app.c app.c --

# A second pass over code that already has an arena still refuses a new escaping allocation.
cat > again.c <<'C'
#include <stdlib.h>
#include "arena_rt.h"
char *again(int n)
{
	arena_t arena = ARENA_INIT;
	char *p = malloc(4);
	if (n) {
		arena_release(&arena);
		return p;
	}
	arena_release(&arena);
	return NULL;
}
C
echo again > again.txt
expect existing-arena-escape 1 "again.c:3: error: hotspot 'again' refused" -- --hotspots again.txt --exit-style=explicit -i again.c --

# A scope whose memory is stored through a parameter is refused (the lint's analysis).
cat > param.c <<'C'
#include <stdlib.h>
#include <string.h>
static char *word_new(const char *t)
{
	return strdup(t);
}
static size_t handle_line(const char *line, char **longest)
{
	char *w = word_new(line);
	size_t n = strlen(w);
	*longest = word_new(line);
	return n;
}
size_t run(const char *l)
{
	char *best = NULL;
	size_t n = handle_line(l, &best);
	free(best);
	return n;
}
C
echo '{"hotspots": [{"function": "word_new", "scope": "handle_line"}]}' > param.json
expect scope-param-escape 1 "line 11: arena memory stored through parameter 'longest'.*\[arena-escape-param\]" -- --hotspots param.json -i param.c --

# -include of a header found through -I (as gcc does), from -- and from compile_commands.json.
mkdir -p incdir
echo '#define LIMIT 8' > incdir/cfg.h
printf '#include <stdlib.h>\nint lim(void)\n{\n\tchar *p = malloc(LIMIT);\n\tfree(p);\n\treturn LIMIT;\n}\n' > lim.c
echo lim > lim.txt
if "$tool" --hotspots lim.txt lim.c -- -include cfg.h -Iincdir > "$logs/out" 2> "$logs/err" &&
	grep -q 'arena_alloc(&arena, LIMIT)' "$logs/out"; then
	echo "ok include-through-path"; pass=$((pass + 1))
else
	echo "FAIL include-through-path"; cat "$logs/err"; failn=$((failn + 1))
fi
rm -rf incdir lim.c lim.txt

# A hotspot defined by a macro expansion is found, and refused: its body cannot be edited.
printf '#include <stdlib.h>\n#define DEF(name) int name(int n) { char *p = malloc(n); free(p); return n; }\nDEF(mf)\n' > mac.c
echo mf > mac.txt
expect macro-defined-hotspot 1 "mac.c:3: error: hotspot 'mf' refused.*|defined by a macro expansion" -- --hotspots mac.txt -i mac.c --

# GCC-only options after -- are dropped; -i through a symbolic link rewrites its target.
cp good.c real.c
ln -s real.c link.c
"$tool" --hotspots hot.json -i link.c -- -fanalyzer -fno-tree-vrp > "$logs/out" 2> "$logs/err"
rc=$?
if [ "$rc" = 0 ] && [ -L link.c ] && grep -q 'arena_alloc(&arena' real.c; then
	echo "ok symlink-and-gcc-flags"; pass=$((pass + 1))
else
	echo "FAIL symlink-and-gcc-flags (exit $rc)"; cat "$logs/err"; failn=$((failn + 1))
fi

# An unwritable file: nothing is written to any file (all files are staged first).
if [ "$(id -u)" = 0 ] && command -v setpriv > /dev/null; then
	mkdir -p rw ro
	cp good.c rw/a.c
	cp good.c ro/b.c
	chmod 755 rw ro
	chmod 777 rw
	chmod a+r rw/a.c ro/b.c hot.json
	chmod a+rw rw/a.c
	chmod a+rx . 
	before=$(md5sum rw/a.c ro/b.c)
	setpriv --reuid=65534 --regid=65534 --clear-groups "$tool" --hotspots hot.json -i rw/a.c ro/b.c -- > "$logs/out" 2> "$logs/err"
	rc=$?
	after=$(md5sum rw/a.c ro/b.c)
	if [ "$rc" = 2 ] && grep -q 'ro/b.c: error: cannot write' "$logs/err" && [ "$before" = "$after" ] &&
		[ -z "$(ls -A rw | grep -v a.c)" ]; then
		echo "ok unwritable-nothing-written"; pass=$((pass + 1))
	else
		echo "FAIL unwritable-nothing-written (exit $rc)"; cat "$logs/err"; failn=$((failn + 1))
	fi
else
	echo "skip unwritable-nothing-written (needs root and setpriv)"
fi

echo "$pass passed, $failn failed"
[ "$failn" = 0 ]
