/*
 * prof_expect: checks a hotspot list written by `arena-rewrite --profile` (tests/profile).
 *
 *   prof_expect OUT.json CHECK...
 *
 * Checks, each one argument:
 *   rank=I:FUNC:ALLOCS     entry I (1-based) is FUNC with ALLOCS blocks
 *   count=N                the list has N entries
 *   file=FUNC:FILE         FUNC's entry names FILE
 *   bytes=FUNC:N           FUNC's entry has N bytes
 *   caller=FUNC:CALLER:N   CALLER is among FUNC's callers with count N
 *   firstcaller=FUNC:C     C is FUNC's first caller
 *   absent=FUNC            no entry for FUNC
 *   haskey=FUNC:KEY        FUNC's entry has KEY
 *   nokey=KEY              no entry has KEY
 *   scope=FUNC:S[:COVERS]  FUNC's suggested_scope is S (covering COVERS); S "-": none
 *   hint=FUNC:KIND         FUNC's rules_hint suggests KIND (if_called_by_name and the first
 *                          if_called_through_a_table rule); KIND "-": no rules_hint
 *   checked=FUNC:S         FUNC's entry was checked (a "checked" object) and its "scope" is S;
 *                          S "-": no scope (its own arena)
 *   refused=FUNC           FUNC is in the "refused" list, with a one-line "why"
 *   memory=FUNC:0|1        FUNC's "memory" estimate is over the limit (1) or not (0)
 * Always checked: the list parses, every entry has a C identifier as "function", a number of
 * allocs, a share in [0, 1], and the entries are sorted by allocs. Prints every failed check and
 * exits 1 when any failed.
 */
#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failed;

static void fail(const char *check, const char *why)
{
	fprintf(stderr, "prof_expect: FAILED %s: %s\n", check, why);
	failed = 1;
}

static const cJSON *entry(const cJSON *list, const char *func)
{
	const cJSON *it;
	cJSON_ArrayForEach(it, list)
	{
		const cJSON *f = cJSON_GetObjectItemCaseSensitive(it, "function");
		if (cJSON_IsString(f) && !strcmp(f->valuestring, func))
			return it;
	}
	return NULL;
}

static double num(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsNumber(v) ? v->valuedouble : -1;
}

static int is_ident(const char *s)
{
	if (!(isalpha((unsigned char)*s) || *s == '_'))
		return 0;
	for (; *s; s++)
		if (!(isalnum((unsigned char)*s) || *s == '_'))
			return 0;
	return 1;
}

static void check_shape(const cJSON *list)
{
	double prev = -1;
	const cJSON *it;
	cJSON_ArrayForEach(it, list)
	{
		const cJSON *f = cJSON_GetObjectItemCaseSensitive(it, "function");
		double a = num(it, "allocs"), sh = num(it, "share");
		if (!cJSON_IsString(f) || !is_ident(f->valuestring))
			fail("shape", "an entry's function is not a C identifier");
		if (a < 0 || sh < 0 || sh > 1)
			fail("shape", "an entry lacks allocs or has a share outside [0, 1]");
		if (prev >= 0 && a > prev)
			fail("shape", "entries are not sorted by allocs");
		prev = a;
	}
}

/* Splits "a:b:c" in place into at most n fields; returns the number found. */
static int fields(char *s, char **out, int n)
{
	int k = 0;
	out[k++] = s;
	for (char *p = s; *p && k < n; p++)
		if (*p == ':') {
			*p = '\0';
			out[k++] = p + 1;
		}
	return k;
}

static const char *str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : "";
}

/* scope= and hint=: the objects an entry gets beside its counts. */
static void check_advice(const cJSON *e, const char *arg, int scope, char **f, int n)
{
	const cJSON *o =
	    cJSON_GetObjectItemCaseSensitive(e, scope ? "suggested_scope" : "rules_hint");
	if (!strcmp(f[1], "-")) {
		if (o)
			fail(arg, "present");
		return;
	}
	if (!cJSON_IsObject(o) || !*str(o, "why")) {
		fail(arg, "missing, or without a why");
		return;
	}
	if (scope) {
		if (strcmp(str(o, "function"), f[1]))
			fail(arg, "another function");
		else if (n == 3 && num(o, "covers") != atof(f[2]))
			fail(arg, "wrong covers");
		return;
	}
	const cJSON *by = cJSON_GetObjectItemCaseSensitive(o, "if_called_by_name");
	const cJSON *tab =
	    cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(o, "if_called_through_a_table"), 0);
	if (strcmp(str(by, "kind"), f[1]) || strcmp(str(by, "name"), f[0]) ||
	    strcmp(str(tab, "kind"), f[1]) || !*str(tab, "field"))
		fail(arg, "wrong rules");
}

static void check(const cJSON *list, const char *arg)
{
	char buf[512], *f[3];
	const char *eq = strchr(arg, '=');
	if (!eq || strlen(eq + 1) >= sizeof(buf)) {
		fail(arg, "unknown check");
		return;
	}
	strcpy(buf, eq + 1);
	size_t kl = (size_t)(eq - arg);
	int n = fields(buf, f, 3);
	const cJSON *e = entry(list, f[0]);
#define IS(k) (kl == strlen(k) && !strncmp(arg, k, kl))
	if (IS("count")) {
		if (cJSON_GetArraySize(list) != atoi(f[0]))
			fail(arg, "wrong number of entries");
	} else if (IS("rank") && n == 3) {
		const cJSON *it = cJSON_GetArrayItem(list, atoi(f[0]) - 1);
		const cJSON *fn = cJSON_GetObjectItemCaseSensitive(it, "function");
		if (!cJSON_IsString(fn) || strcmp(fn->valuestring, f[1]))
			fail(arg, fn && cJSON_IsString(fn) ? fn->valuestring : "no such entry");
		else if (num(it, "allocs") != atof(f[2]))
			fail(arg, "wrong allocs");
	} else if (IS("absent")) {
		if (e)
			fail(arg, "present");
	} else if (!e) {
		fail(arg, "no entry for that function");
	} else if (IS("file") && n == 2) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(e, "file");
		if (!cJSON_IsString(v) || strcmp(v->valuestring, f[1]))
			fail(arg, "wrong file");
	} else if ((IS("scope") && n >= 2) || (IS("hint") && n == 2)) {
		check_advice(e, arg, IS("scope"), f, n);
	} else if (IS("checked") && n == 2) {
		const cJSON *sc = cJSON_GetObjectItemCaseSensitive(e, "scope");
		if (!cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(e, "checked")))
			fail(arg, "not checked");
		else if (strcmp(cJSON_IsString(sc) ? sc->valuestring : "-", f[1]))
			fail(arg, cJSON_IsString(sc) ? sc->valuestring : "no scope");
	} else if (IS("memory") && n == 2) {
		const cJSON *m = cJSON_GetObjectItemCaseSensitive(e, "memory");
		const cJSON *over = cJSON_GetObjectItemCaseSensitive(m, "over_limit");
		if (!cJSON_IsBool(over) || cJSON_IsTrue(over) != (atoi(f[1]) != 0))
			fail(arg, "no estimate, or the other verdict");
	} else if (IS("bytes") && n == 2) {
		if (num(e, "bytes") != atof(f[1]))
			fail(arg, "wrong bytes");
	} else if (IS("haskey") && n == 2) {
		if (!cJSON_GetObjectItemCaseSensitive(e, f[1]))
			fail(arg, "key missing");
	} else if ((IS("caller") && n == 3) || (IS("firstcaller") && n == 2)) {
		const cJSON *cs = cJSON_GetObjectItemCaseSensitive(e, "callers"), *c;
		int found = 0, first = 1;
		cJSON_ArrayForEach(c, cs)
		{
			const cJSON *cf = cJSON_GetObjectItemCaseSensitive(c, "function");
			if (cJSON_IsString(cf) && !strcmp(cf->valuestring, f[1]) &&
			    (n == 2 ? first : num(c, "count") == atof(f[2])))
				found = 1;
			first = 0;
		}
		if (!found)
			fail(arg, "caller not found (or wrong count or place)");
	} else {
		fail(arg, "unknown check");
	}
#undef IS
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: prof_expect OUT.json CHECK...\n", stderr);
		return 2;
	}
	FILE *fp = fopen(argv[1], "rb");
	static char text[1 << 22];
	size_t len = fp ? fread(text, 1, sizeof(text) - 1, fp) : 0;
	if (fp)
		fclose(fp);
	text[len] = '\0';
	cJSON *root = cJSON_Parse(text);
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "hotspots");
	if (!cJSON_IsArray(list)) {
		fprintf(stderr, "prof_expect: %s holds no hotspot list\n", argv[1]);
		cJSON_Delete(root);
		return 1;
	}
	check_shape(list);
	const cJSON *refused = cJSON_GetObjectItemCaseSensitive(root, "refused");
	for (int i = 2; i < argc; i++) {
		if (!strncmp(argv[i], "refused=", 8)) {
			const cJSON *r = entry(refused, argv[i] + 8);
			if (!r || !*str(r, "why") || strchr(str(r, "why"), '\n'))
				fail(argv[i], "not refused, or without a one-line why");
			continue;
		}
		if (!strncmp(argv[i], "nokey=", 6)) {
			const cJSON *it;
			cJSON_ArrayForEach(it, list)
			{
				if (cJSON_GetObjectItemCaseSensitive(it, argv[i] + 6))
					fail(argv[i], "an entry has it");
			}
			continue;
		}
		check(list, argv[i]);
	}
	cJSON_Delete(root);
	return failed;
}
