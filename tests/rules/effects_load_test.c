/*
 * effects loader test: what rules/effects.c makes of an entry, on the built-in table and on
 * small documents. Each check names what the analysis would get wrong without it.
 *
 * usage: effects_load_test
 */
#include "effects.h"
#include "err.h"
#include "rules.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

static int fails;

static void check(int ok, const char *what)
{
	printf("%s %s\n", ok ? "ok" : "FAIL", what);
	fails += !ok;
}

/* Loads one "effects" document; returns 0 or -1 (the error in *e). */
static int load(struct eff_table *t, const char *json, struct err *e)
{
	cJSON *root = cJSON_Parse(json);
	if (!root)
		return err_set(e, ERR_INPUT, "test", 0, 0, "bad test JSON");
	int rc = eff_merge_json(t, root, "test.json", e);
	cJSON_Delete(root);
	return rc;
}

/* A document that must be refused, with a message containing `want`. */
static void refused(const char *json, const char *want, const char *what)
{
	struct eff_table t = {0};
	struct err e = ERR_INIT;
	int rc = load(&t, json, &e);
	int ok = rc == -1 && e.code == ERR_INPUT && e.msg && strstr(e.msg, want);
	if (!ok)
		printf("  got: %s\n", e.msg ? e.msg : "(accepted)");
	check(ok, what);
	err_clear(&e);
	eff_free(&t);
}

static void builtin_table(void)
{
	struct rules r;
	struct err e = ERR_INIT;
	if (rules_load(&r, NULL, &e)) {
		check(0, "the built-in rules load");
		err_clear(&e);
		return;
	}
	/* strtok_r's result is arg0 itself, or what *saveptr (arg2) points into: a flag for the
	 * whole result would load through the string too and lose it. */
	const struct eff_func *f = eff_find(&r.eff, "strtok_r");
	check(f && f->result_args == 0x5u && f->result_deref == 0x4u,
	      "strtok_r: \"arg0|*arg2\" dereferences argument 2 only");
	/* vscanf's %ms allocates through its va_list: the teardown proof must see heap memory. */
	check(eff_gives_heap(eff_find(&r.eff, "vscanf")),
	      "vscanf: va(alloc) hands out heap memory");
	check(eff_gives_heap(eff_find(&r.eff, "getline")), "getline: alloc on lineptr");
	check(!eff_gives_heap(eff_find(&r.eff, "strchr")), "strchr: no heap memory");
	f = eff_find(&r.eff, "ioctl");
	check(f && f->unknown, "ioctl: deliberately unknown");
	rules_free(&r);
}

int main(void)
{
	builtin_table();
	refused("{\"effects\": [{\"function\": \"f\", \"params\": [\"write put(1) put(2)\", \"\", "
	        "\"\"]}]}",
	        "may each appear once", "two put() in one parameter are refused, not merged");
	refused("{\"effects\": [{\"function\": \"f\", \"params\": [\"call(0) later(0)\"]}]}",
	        "may each appear once", "call() and later() together are refused");
	refused("{\"effects\": [{\"function\": \"f\", \"params\": [\"\"], \"variadic\": \"read\", "
	        "\"result\": \"arg40\"}]}",
	        "\"result\" must be", "an argument number past 31 is refused (a 32-bit mask)");
	refused(
	    "{\"effects\": [{\"function\": \"f\", \"params\": [\"\"], \"variadic\": \"reed\"}]}",
	    "\"variadic\" \"reed\": unknown token", "a bad variadic token is named");
	refused("{\"effects\": [{\"function\": \"f\", \"params\": [\"keep\", \"store(2)\"]}]}",
	        "effects[0] ('f'): params[1] \"store(2)\"", "an argument out of range is named");
	refused("{\"effects\": [{\"function\": \"f\", \"params\": \"read\"}]}",
	        "needs a string \"function\" and a \"params\" array", "params must be an array");
	printf("%s\n", fails ? "FAIL" : "PASS");
	return fails != 0;
}
