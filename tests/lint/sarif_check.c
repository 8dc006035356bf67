/*
 * Checks a SARIF file written by `arena-rewrite --lint --format=sarif` against what GitHub code
 * scanning requires (and what docs/cli.md promises): version 2.1.0, one run whose
 * tool.driver has a name and rules with id, shortDescription, fullDescription and help; every
 * result with ruleId (one of the driver's rules), level, message.text, one location whose
 * artifactLocation.uri is relative (no scheme, no leading '/'), a region with start/end line
 * and column, and the allocation site as relatedLocations[0].
 *
 * usage: sarif_check FILE MIN_RESULTS   (exit 0 when valid, 1 with a message otherwise)
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fails;

static void bad(const char *what, int i)
{
	fprintf(stderr, "sarif_check: %s (result %d)\n", what, i);
	fails++;
}

static const cJSON *get(const cJSON *o, const char *k)
{
	return cJSON_GetObjectItemCaseSensitive(o, k);
}

static int has_text(const cJSON *o, const char *k)
{
	const cJSON *t = get(get(o, k), "text");
	return cJSON_IsString(t) && t->valuestring[0];
}

static int positive(const cJSON *o, const char *k)
{
	const cJSON *n = get(o, k);
	return cJSON_IsNumber(n) && n->valuedouble >= 1;
}

static void check_location(const cJSON *loc, int i, const char *what)
{
	const cJSON *phys = get(loc, "physicalLocation");
	const cJSON *uri = get(get(phys, "artifactLocation"), "uri");
	const cJSON *reg = get(phys, "region");
	char msg[128];
	if (!cJSON_IsString(uri) || !uri->valuestring[0] || uri->valuestring[0] == '/' ||
	    strstr(uri->valuestring, "://")) {
		snprintf(msg, sizeof(msg), "%s: uri missing or not relative to the source root",
		         what);
		bad(msg, i);
	}
	if (!positive(reg, "startLine") || !positive(reg, "startColumn") ||
	    !positive(reg, "endLine") || !positive(reg, "endColumn")) {
		snprintf(msg, sizeof(msg), "%s: region needs start/end line and column", what);
		bad(msg, i);
	} else if (get(reg, "endLine")->valuedouble < get(reg, "startLine")->valuedouble) {
		snprintf(msg, sizeof(msg), "%s: region ends before it starts", what);
		bad(msg, i);
	}
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fputs("usage: sarif_check FILE MIN_RESULTS\n", stderr);
		return 2;
	}
	FILE *f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 1;
	}
	static char buf[1 << 22];
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	cJSON *root = cJSON_Parse(buf);
	if (!root) {
		fputs("sarif_check: not JSON\n", stderr);
		return 1;
	}
	const cJSON *ver = get(root, "version");
	if (!cJSON_IsString(ver) || strcmp(ver->valuestring, "2.1.0"))
		bad("version is not 2.1.0", -1);
	if (!cJSON_IsString(get(root, "$schema")))
		bad("no $schema", -1);
	const cJSON *runs = get(root, "runs");
	if (!cJSON_IsArray(runs) || cJSON_GetArraySize(runs) != 1) {
		bad("runs must hold one run", -1);
		cJSON_Delete(root);
		return 1;
	}
	const cJSON *run = cJSON_GetArrayItem(runs, 0);
	const cJSON *driver = get(get(run, "tool"), "driver");
	if (!cJSON_IsString(get(driver, "name")))
		bad("tool.driver.name missing", -1);
	const cJSON *rules = get(driver, "rules");
	int nrules = cJSON_GetArraySize(rules);
	static const char *const ids[] = {
	    "arena-escape-return",  "arena-escape-global", "arena-escape-param",
	    "arena-escape-call",    "arena-heap-free",     "arena-use-after-free",
	    "arena-escape-unknown", "arena-escape-hidden", "arena-escape-nonlocal"};
	const size_t nids = sizeof(ids) / sizeof(*ids);
	if (!cJSON_IsArray(rules) || nrules < (int)nids)
		bad("tool.driver.rules must list every rule", -1);
	for (size_t k = 0; k < nids; k++) {
		int found = 0;
		const cJSON *r;
		cJSON_ArrayForEach(r, rules)
		{
			const cJSON *id = get(r, "id");
			if (cJSON_IsString(id) && !strcmp(id->valuestring, ids[k])) {
				found = 1;
				if (!has_text(r, "shortDescription") ||
				    !has_text(r, "fullDescription") || !has_text(r, "help"))
					bad("a rule lacks shortDescription, fullDescription or "
					    "help",
					    (int)k);
			}
		}
		if (!found)
			bad("a rule id is missing from tool.driver.rules", (int)k);
	}
	const cJSON *results = get(run, "results");
	if (!cJSON_IsArray(results))
		bad("results missing", -1);
	int i = 0;
	const cJSON *res;
	cJSON_ArrayForEach(res, results)
	{
		const cJSON *rid = get(res, "ruleId");
		const cJSON *lvl = get(res, "level");
		int known = 0;
		for (size_t k = 0; k < nids && cJSON_IsString(rid); k++)
			known |= !strcmp(rid->valuestring, ids[k]);
		if (!known)
			bad("ruleId missing or not one of the driver's rules", i);
		const cJSON *ri = get(res, "ruleIndex");
		if (cJSON_IsNumber(ri) && known) {
			const cJSON *r = cJSON_GetArrayItem(rules, ri->valueint);
			if (!r || strcmp(get(r, "id")->valuestring, rid->valuestring))
				bad("ruleIndex does not point at the ruleId", i);
		}
		if (!cJSON_IsString(lvl) ||
		    (strcmp(lvl->valuestring, "error") && strcmp(lvl->valuestring, "warning")))
			bad("level must be error or warning", i);
		if (!has_text(res, "message"))
			bad("message.text missing", i);
		const cJSON *locs = get(res, "locations");
		if (!cJSON_IsArray(locs) || cJSON_GetArraySize(locs) < 1)
			bad("locations missing", i);
		else
			check_location(cJSON_GetArrayItem(locs, 0), i, "location");
		const cJSON *rel = get(res, "relatedLocations");
		if (!cJSON_IsArray(rel) || cJSON_GetArraySize(rel) < 1)
			bad("relatedLocations (the allocation site) missing", i);
		else
			check_location(cJSON_GetArrayItem(rel, 0), i, "relatedLocation");
		i++;
	}
	if (i < atoi(argv[2]))
		bad("fewer results than expected", i);
	cJSON_Delete(root);
	if (!fails)
		printf("sarif_check: %d results, %d rules: valid\n", i, nrules);
	return fails ? 1 : 0;
}
