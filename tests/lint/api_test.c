/*
 * The rewriter's entry point into the escape analysis (esc_check_function): the allocation
 * sites plan.c rewrites are passed in, and the findings must be those of a lint of the
 * rewritten function. usage: lint_api_test PARSE_C SERVER_C (the corpus' hotspot files)
 */
#include "ast.h"
#include "cmd.h"
#include "cx.h"
#include "err.h"
#include "esc.h"
#include "rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fails;

static struct ast *parse(const char *path)
{
	struct cmd c;
	cmd_init(&c, path, "/");
	struct err e = ERR_INIT;
	struct ast *a = NULL;
	if (cx_parse(&c, NULL, 0, &a, &e)) {
		err_print(&e);
		exit(1);
	}
	cmd_free(&c);
	return a;
}

/* Runs the check on function `name` with its allocator-family calls as sites. */
static void expect(const struct ast *a, const struct rules *r, const char *name, const char *scope,
                   int rule, int sev, size_t count)
{
	int fn = -1;
	for (size_t n = 0; n < a->nnodes && fn < 0; n++)
		if (a->nodes[n].kind == AK_FUNC && (a->nodes[n].flags & AF_DEFINITION) &&
		    a->nodes[n].name && !strcmp(a->nodes[n].name, name))
			fn = (int)n;
	if (fn < 0) {
		printf("FAIL: %s not found\n", name);
		fails++;
		return;
	}
	int sites[64];
	size_t ns = 0;
	for (int n = fn; n <= fn + a->nodes[fn].size && ns < 64; n++) {
		const struct ast_node *x = &a->nodes[n];
		const struct rule_alloc *ra =
		    x->kind == AK_CALL && x->name ? rules_find_alloc(r, x->name) : NULL;
		if (ra && ra->kind != RK_FREE)
			sites[ns++] = n;
	}
	struct esc_finding *v;
	size_t nf = esc_check_function(a, fn, sites, ns, scope, r, NULL, &v);
	int ok = nf == count;
	for (size_t i = 0; i < nf && ok; i++)
		ok = (int)v[i].rule == rule && v[i].severity == sev && v[i].has_alloc;
	printf("%s %s%s%s: %zu finding(s)", ok ? "ok  " : "FAIL", name, scope ? " scope " : "",
	       scope ? scope : "", nf);
	for (size_t i = 0; i < nf; i++)
		printf(" [%s %s line %u]", esc_rule_id(v[i].rule),
		       v[i].severity == ESC_ERROR ? "error" : "warning", v[i].at.line);
	printf("\n");
	fails += !ok;
	esc_findings_free(v, nf);
}

int main(int argc, char **argv)
{
	if (argc < 3)
		return 2;
	struct rules r;
	struct err e = ERR_INIT;
	if (rules_load(&r, NULL, &e)) {
		err_print(&e);
		return 1;
	}
	struct ast *p = parse(argv[1]);
	expect(p, &r, "build_list", NULL, ESC_RETURN, ESC_WARNING, 1);
	expect(p, &r, "load_config", NULL, ESC_GLOBAL, ESC_ERROR, 1);
	expect(p, &r, "make_pair", NULL, ESC_PARAM, ESC_ERROR, 2);
	expect(p, &r, "spawn_logger", NULL, ESC_CALL, ESC_ERROR, 1);
	expect(p, &r, "parse_number", NULL, 0, 0, 0); /* its free() is rewritten too */
	expect(p, &r, "render", NULL, 0, 0, 0);
	expect(p, &r, "build_list", "main", 0, 0, 0); /* scope elsewhere: returning is fine */
	expect(p, &r, "load_config", "main", ESC_GLOBAL, ESC_ERROR, 1);
	struct ast *s = parse(argv[2]);
	expect(s, &r, "node_new", "handle_request", 0, 0, 0);
	expect(s, &r, "leaf_new", NULL, ESC_RETURN, ESC_ERROR, 1);
	expect(s, &r, "leaf_new", "leaf_new", ESC_RETURN, ESC_ERROR, 1); /* scope = itself */
	ast_free(p);
	ast_free(s);
	rules_free(&r);
	printf("%s\n", fails ? "FAIL" : "PASS");
	return fails ? 1 : 0;
}
