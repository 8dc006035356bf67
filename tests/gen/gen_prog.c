/*
 * gen_prog: writes one random, self-checking C program and a hotspot choice for it.
 *
 *   gen_prog SEED DIR [SKIP]
 *
 * SKIP is a comma-separated list of module names never to use and "MODULE+F" flags never to
 * set (e.g. "grow,table+F"), for soaking past a failure class that is already known; it
 * changes which program a seed makes. "=MODULE+F" items do the opposite: only the modules so
 * named, with F always on ("=MODULE" alone: that module, flags drawn as usual).
 * writes into DIR (which must exist):
 *   prog.c     1-3 modules of gen_mods.h and a main() printing each module's digest; the
 *              program frees all it allocates and exits 0
 *   hot.json   1-3 hotspot entries ({"function", "file"?, "scope"?}) drawn from the modules'
 *              choices
 *   rules.json only when a chosen module variant needs --rules entries
 *   toolargs   the extra arguments for arena-rewrite (exit style, --rules)
 *   label      "safe" when every chosen entry is safe by construction (gen_mods.h), else
 *              "unsafe"
 *   desc       one line: modules, flags and entries, for the harness's failure lines
 *   mods       the modules hotspots were drawn from, one a line with "safe" or "unsafe"
 *
 * The same SEED writes the same bytes everywhere (gen_tmpl.h). Errors go to stderr, exit 2.
 */
#include "gen_mods.h"
#include "gen_tmpl.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#define GP_MAX_MODS  3
#define GP_MAX_PICKS 3

struct gp_inst {
	const struct gm_module *mod;
	struct gt_inst in;
};

struct gp_pick {
	const struct gp_inst *inst;
	const struct gm_choice *choice;
	int safe;
};

struct gp_prog {
	struct gp_inst inst[GP_MAX_MODS];
	int ninst;
	struct gp_pick pick[GP_MAX_PICKS];
	int npick;
	int explicit_style;
	int with_file;
};

/* The catalogue in one numbering: the modules of gen_mods_a, then b, c, d, e, f. */
static int gp_total(void)
{
	return gm_count_a + gm_count_b + gm_count_c + gm_count_d + gm_count_e + gm_count_f;
}

static const struct gm_module *gp_module(int i)
{
	const struct gm_module *tab[] = {gm_modules_a, gm_modules_b, gm_modules_c,
	                                 gm_modules_d, gm_modules_e, gm_modules_f};
	const int count[] = {gm_count_a, gm_count_b, gm_count_c,
	                     gm_count_d, gm_count_e, gm_count_f};
	int t = 0;
	while (i >= count[t])
		i -= count[t++];
	return &tab[t][i];
}

static int gp_choice_safe(const struct gm_choice *c, const struct gt_inst *in)
{
	if (strcmp(c->unsafe_if, "*") == 0)
		return 0;
	for (const char *f = c->unsafe_if; *f; f++)
		if (gt_flag(in, *f))
			return 0;
	return 1;
}

/* Whether the comma-separated list holds exactly `item`. */
static int gp_listed(const char *list, const char *item)
{
	size_t n = strlen(item);
	for (const char *s = list; s && *s; s = strchr(s, ',') ? strchr(s, ',') + 1 : NULL)
		if (strncmp(s, item, n) == 0 && (s[n] == ',' || s[n] == '\0'))
			return 1;
	return 0;
}

static int gp_skip_flag(const char *skip, const struct gm_module *m, char flag)
{
	char item[64];
	snprintf(item, sizeof(item), "%s+%c", m->name, flag);
	return gp_listed(skip, item);
}

/* "=MODULE+F" in SKIP forces flag F of MODULE on; with any "=" item, only the modules so
 * named ("=MODULE" or "=MODULE+F") are used: gen.gaps makes the known gaps' programs alone. */
static int gp_forced(const char *skip, const struct gm_module *m, char flag)
{
	char item[64];
	snprintf(item, sizeof(item), "=%s+%c", m->name, flag);
	return gp_listed(skip, item);
}

static int gp_left_out(const char *skip, const struct gm_module *m)
{
	if (gp_listed(skip, m->name))
		return 1;
	if (!strchr(skip, '='))
		return 0;
	char item[64];
	snprintf(item, sizeof(item), "=%s", m->name);
	for (const char *f = m->flags; *f; f++)
		if (gp_forced(skip, m, *f))
			return 0;
	return !gp_listed(skip, item);
}

static void gp_pick_modules(struct gp_prog *p, struct gt_rng *r, const char *skip)
{
	int total = gp_total();
	int roll = gt_range(r, 0, 9);
	int want = roll < 3 ? 1 : roll < 8 ? 2 : 3;
	int used[64] = {0}, left = total;
	for (int m = 0; m < total; m++)
		if (gp_left_out(skip, gp_module(m)))
			used[m] = 1, left--;
	if (want > left)
		want = left;
	while (p->ninst < want) {
		int m = gt_range(r, 0, total - 1);
		if (used[m])
			continue;
		used[m] = 1;
		struct gp_inst *pi = &p->inst[p->ninst];
		pi->mod = gp_module(m);
		pi->in.suffix = p->ninst;
		for (int k = 0; k < 10; k++)
			pi->in.param[k] = gt_range(r, 2, 9);
		pi->in.flags = 0;
		for (const char *f = pi->mod->flags; *f; f++)
			if ((gt_chance(r, pi->mod->flag_pct) && !gp_skip_flag(skip, pi->mod, *f)) ||
			    gp_forced(skip, pi->mod, *f))
				pi->in.flags |= 1u << (*f - 'A');
		p->ninst++;
	}
}

/* Half of the programs take only safe entries, so over-caution is measured on many. */
static void gp_pick_hotspots(struct gp_prog *p, struct gt_rng *r)
{
	struct gp_pick all[GP_MAX_MODS * GM_MAX_CHOICES];
	int nall = 0, nsafe = 0;
	for (int i = 0; i < p->ninst; i++)
		for (int c = 0; c < GM_MAX_CHOICES && p->inst[i].mod->choices[c].function; c++) {
			const struct gm_choice *ch = &p->inst[i].mod->choices[c];
			int safe = gp_choice_safe(ch, &p->inst[i].in);
			all[nall++] = (struct gp_pick){&p->inst[i], ch, safe};
			nsafe += safe;
		}
	int only_safe = nsafe > 0 && gt_chance(r, 50);
	int want = gt_range(r, 1, GP_MAX_PICKS);
	for (int tries = 0; p->npick < want && tries < 20; tries++) {
		struct gp_pick *c = &all[gt_range(r, 0, nall - 1)];
		if (only_safe && !c->safe)
			continue;
		int dup = 0;
		for (int k = 0; k < p->npick; k++)
			dup |= p->pick[k].choice == c->choice && p->pick[k].inst == c->inst;
		if (!dup)
			p->pick[p->npick++] = *c;
	}
	/* An empty list is bad input (exit 2), not a program to check: take the first that fits.
	 * No draw from r, so every other seed makes the program it made before. */
	for (int i = 0; i < nall && !p->npick; i++)
		if (!only_safe || all[i].safe)
			p->pick[p->npick++] = all[i];
	p->explicit_style = gt_chance(r, 50);
	p->with_file = gt_chance(r, 25);
}

static int gp_safe(const struct gp_prog *p)
{
	for (int k = 0; k < p->npick; k++)
		if (!p->pick[k].safe)
			return 0;
	return 1;
}

static void gp_write_prog(FILE *f, const struct gp_prog *p, unsigned long long seed)
{
	fprintf(f, "/* generated by tests/gen/gen_prog, seed %llu */\n", seed);
	fputs(gm_prologue, f);
	for (int i = 0; i < p->ninst; i++)
		gt_includes(f, p->inst[i].mod->text);
	for (int i = 0; i < p->ninst; i++)
		gt_expand(f, p->inst[i].mod->text, &p->inst[i].in);
	fputs("\nint main(void)\n{\n\tunsigned long total = mix_str(14695981039346656037UL, "
	      "\"gen\");\n\tunsigned long d;\n",
	      f);
	for (int i = 0; i < p->ninst; i++) {
		char entry[64];
		gt_name(entry, sizeof(entry), p->inst[i].mod->entry, &p->inst[i].in);
		fprintf(f,
		        "\td = %s();\n\tprintf(\"%s%d %%lu\\n\", d);\n\ttotal = mix(total, d);\n",
		        entry, p->inst[i].mod->name, i);
	}
	fputs("\tprintf(\"total %lu\\n\", total);\n\treturn 0;\n}\n", f);
}

static cJSON *gp_hot_json(const struct gp_prog *p)
{
	cJSON *arr = cJSON_CreateArray();
	for (int k = 0; k < p->npick; k++) {
		char name[64];
		cJSON *e = cJSON_CreateObject();
		gt_name(name, sizeof(name), p->pick[k].choice->function, &p->pick[k].inst->in);
		cJSON_AddStringToObject(e, "function", name);
		if (p->with_file)
			cJSON_AddStringToObject(e, "file", "prog.c");
		if (p->pick[k].choice->scope) {
			gt_name(name, sizeof(name), p->pick[k].choice->scope, &p->pick[k].inst->in);
			cJSON_AddStringToObject(e, "scope", name);
		}
		cJSON_AddItemToArray(arr, e);
	}
	return arr;
}

/* NULL when no chosen module variant asks for a rules entry. */
static cJSON *gp_rules_json(const struct gp_prog *p)
{
	cJSON *arr = cJSON_CreateArray();
	for (int i = 0; i < p->ninst; i++)
		for (int k = 0; k < GM_MAX_RULES && p->inst[i].mod->rules[k].key; k++) {
			const struct gm_rule *ru = &p->inst[i].mod->rules[k];
			if (ru->flag && !gt_flag(&p->inst[i].in, ru->flag))
				continue;
			char value[64];
			gt_name(value, sizeof(value), ru->value, &p->inst[i].in);
			cJSON *e = cJSON_CreateObject();
			cJSON_AddStringToObject(e, ru->key, value);
			cJSON_AddStringToObject(e, "kind", ru->kind);
			cJSON_AddItemToArray(arr, e);
		}
	if (cJSON_GetArraySize(arr) == 0) {
		cJSON_Delete(arr);
		return NULL;
	}
	cJSON *root = cJSON_CreateObject();
	cJSON_AddItemToObject(root, "allocators", arr);
	return root;
}

static void gp_write_desc(FILE *f, const struct gp_prog *p)
{
	for (int i = 0; i < p->ninst; i++) {
		fprintf(f, "%s%s%d", i ? "," : "", p->inst[i].mod->name, i);
		for (char c = 'A'; c <= 'Z'; c++)
			if (gt_flag(&p->inst[i].in, c))
				fprintf(f, "+%c", c);
	}
	fputs(" |", f);
	for (int k = 0; k < p->npick; k++) {
		char fn[64], sc[64] = "own";
		gt_name(fn, sizeof(fn), p->pick[k].choice->function, &p->pick[k].inst->in);
		if (p->pick[k].choice->scope)
			gt_name(sc, sizeof(sc), p->pick[k].choice->scope, &p->pick[k].inst->in);
		fprintf(f, " %s@%s(%s)", fn, sc, p->pick[k].safe ? "safe" : "unsafe");
	}
	fprintf(f, " | %s\n", p->explicit_style ? "explicit" : "cleanup");
}

/* One line per module a hotspot was drawn from, "NAME safe" or "NAME unsafe" (unsafe when one
 * of its entries is): run.sh breaks its figures down by module with it. */
static void gp_write_mods(FILE *f, const struct gp_prog *p)
{
	for (int i = 0; i < p->ninst; i++) {
		int picked = 0, safe = 1;
		for (int k = 0; k < p->npick; k++)
			if (p->pick[k].inst == &p->inst[i])
				picked = 1, safe &= p->pick[k].safe;
		if (picked)
			fprintf(f, "%s %s\n", p->inst[i].mod->name, safe ? "safe" : "unsafe");
	}
}

static FILE *gp_open(const char *dir, const char *name)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(2);
	}
	return f;
}

static void gp_write_json(const char *dir, const char *name, cJSON *json)
{
	char *text = cJSON_Print(json);
	FILE *f = gp_open(dir, name);
	fprintf(f, "%s\n", text);
	fclose(f);
	free(text);
	cJSON_Delete(json);
}

int main(int argc, char **argv)
{
	if (argc != 3 && argc != 4) {
		fprintf(stderr, "usage: gen_prog SEED DIR [SKIP]\n");
		return 2;
	}
	unsigned long long seed = strtoull(argv[1], NULL, 10);
	const char *dir = argv[2];
	struct gt_rng r;
	struct gp_prog p;
	memset(&p, 0, sizeof(p));
	gt_seed(&r, seed);
	gp_pick_modules(&p, &r, argc == 4 ? argv[3] : "");
	if (p.ninst == 0) {
		fprintf(stderr, "gen_prog: every module is skipped\n");
		return 2;
	}
	gp_pick_hotspots(&p, &r);

	FILE *f = gp_open(dir, "prog.c");
	gp_write_prog(f, &p, seed);
	fclose(f);
	gp_write_json(dir, "hot.json", gp_hot_json(&p));
	cJSON *rules = gp_rules_json(&p);
	f = gp_open(dir, "toolargs");
	fprintf(f, "--exit-style=%s%s\n", p.explicit_style ? "explicit" : "cleanup",
	        rules ? " --rules rules.json" : "");
	fclose(f);
	if (rules)
		gp_write_json(dir, "rules.json", rules);
	f = gp_open(dir, "label");
	fputs(gp_safe(&p) ? "safe\n" : "unsafe\n", f);
	fclose(f);
	f = gp_open(dir, "desc");
	gp_write_desc(f, &p);
	fclose(f);
	f = gp_open(dir, "mods");
	gp_write_mods(f, &p);
	fclose(f);
	return 0;
}
