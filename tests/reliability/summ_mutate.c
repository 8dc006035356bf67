/*
 * summ_mutate: one structure-aware mutation of a summaries file, for fuzz_summ.sh.
 * usage: summ_mutate SEED IN OUT
 *
 * Most mutations keep the file valid JSON and its header (version, hashes, units) intact, so
 * that the reader gets past the checks of the context and the mutated graph, summaries and
 * verdicts reach the code that uses them: a value replaced by one of a list of edge values
 * (null, booleans, 0, -1, 2^31, 2^32, 1e300, empty and long strings, paths out of the folder,
 * arrays and objects), a key removed, an array element duplicated or dropped, a number moved by
 * one. One in ten is a byte-level change of the text instead (a byte flipped, the file cut).
 * The same SEED always gives the same output.
 */
#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng;

static unsigned pick(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return n ? (unsigned)(rng % n) : 0;
}

/* Every value of the document with its parent, the deep sections weighted in. */
struct slot {
	cJSON *parent, *item;
	int deep; /* under "graph", "summaries" or "verdicts" */
};
static struct slot *slots;
static size_t nslots, cap;

static void collect(cJSON *parent, int deep)
{
	cJSON *c;
	cJSON_ArrayForEach(c, parent)
	{
		int d = deep || (c->string &&
		                 (!strcmp(c->string, "graph") || !strcmp(c->string, "summaries") ||
		                  !strcmp(c->string, "verdicts")));
		if (nslots == cap) {
			cap = cap ? 2 * cap : 256;
			slots = realloc(slots, cap * sizeof(*slots));
		}
		slots[nslots++] = (struct slot){parent, c, d};
		if (cJSON_IsArray(c) || cJSON_IsObject(c))
			collect(c, d);
	}
}

static cJSON *edge_value(void)
{
	static const double nums[] = {0,
	                              -1,
	                              1,
	                              2,
	                              -2,
	                              3,
	                              31,
	                              32,
	                              33,
	                              255,
	                              256,
	                              65535,
	                              2147483647,
	                              2147483648.0,
	                              4294967295.0,
	                              4294967296.0,
	                              -2147483648.0,
	                              9007199254740993.0,
	                              1e300,
	                              -1e300,
	                              0.5,
	                              -0.0};
	static const char *const strs[] = {
	    "",         "x",      "../../../etc/passwd", "/etc/passwd",
	    "a.c",      "c:@F@f", "0000000000000000",    "ffffffffffffffff",
	    "\xff\xfe", "%s%n%s"};
	switch (pick(8)) {
	case 0:
		return cJSON_CreateNull();
	case 1:
		return cJSON_CreateBool(pick(2));
	case 2:
	case 3:
		return cJSON_CreateNumber(nums[pick(sizeof(nums) / sizeof(*nums))]);
	case 4:
		return cJSON_CreateString(strs[pick(sizeof(strs) / sizeof(*strs))]);
	case 5: {
		size_t n = 1 + pick(20000);
		char *s = malloc(n + 1);
		memset(s, 'a' + (int)pick(26), n);
		s[n] = '\0';
		cJSON *v = cJSON_CreateString(s);
		free(s);
		return v;
	}
	case 6: {
		cJSON *a = cJSON_CreateArray();
		for (unsigned i = pick(4); i > 0; i--)
			cJSON_AddItemToArray(a, cJSON_CreateNumber(nums[pick(10)]));
		return a;
	}
	default:
		return cJSON_CreateObject();
	}
}

static int index_of(cJSON *parent, cJSON *item)
{
	int i = 0;
	for (cJSON *c = parent->child; c; c = c->next, i++)
		if (c == item)
			return i;
	return -1;
}

static void mutate_tree(void)
{
	size_t ndeep = 0;
	for (size_t i = 0; i < nslots; i++)
		ndeep += slots[i].deep;
	struct slot *s = NULL;
	for (int tries = 0; tries < 100 && !s; tries++) {
		struct slot *c = &slots[pick((unsigned)nslots)];
		if (c->deep || !ndeep || pick(5) == 0)
			s = c;
	}
	if (!s)
		return;
	int idx = index_of(s->parent, s->item);
	switch (pick(6)) {
	case 0: /* delete */
		cJSON_DeleteItemFromArray(s->parent, idx);
		break;
	case 1: /* duplicate into an array */
		if (cJSON_IsArray(s->parent))
			cJSON_AddItemToArray(s->parent, cJSON_Duplicate(s->item, 1));
		else
			cJSON_ReplaceItemInObjectCaseSensitive(s->parent, s->item->string,
			                                       edge_value());
		break;
	case 2: /* a number moved by one */
		if (cJSON_IsNumber(s->item)) {
			cJSON_SetNumberValue(s->item, s->item->valuedouble + (pick(2) ? 1 : -1));
			break;
		}
		/* fall through */
	default: /* replace */
		if (cJSON_IsArray(s->parent))
			cJSON_ReplaceItemInArray(s->parent, idx, edge_value());
		else
			cJSON_ReplaceItemInObjectCaseSensitive(s->parent, s->item->string,
			                                       edge_value());
		break;
	}
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap2 = 1 << 16, n = 0;
	char *buf = malloc(cap2);
	size_t r;
	while ((r = fread(buf + n, 1, cap2 - n - 1, f)) > 0) {
		n += r;
		if (cap2 - n < 2)
			buf = realloc(buf, cap2 *= 2);
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: summ_mutate SEED IN OUT\n");
		return 2;
	}
	rng = 0x9e3779b97f4a7c15ull ^ strtoull(argv[1], NULL, 10) * 0x2545f4914f6cdd1dull;
	for (int i = 0; i < 4; i++)
		pick(2);
	size_t len;
	char *text = read_all(argv[2], &len);
	if (!text)
		return 2;
	FILE *out = fopen(argv[3], "wb");
	if (!out)
		return 2;
	if (pick(10) == 0 && len) { /* bytes */
		if (pick(2))
			text[pick((unsigned)len)] ^= (char)(1 << pick(8));
		else
			len = pick((unsigned)len);
		fwrite(text, 1, len, out);
	} else {
		cJSON *doc = cJSON_Parse(text);
		if (!doc)
			return 2;
		for (unsigned m = 1 + pick(3); m > 0; m--) {
			nslots = 0;
			collect(doc, 0);
			if (nslots)
				mutate_tree();
		}
		char *o = cJSON_PrintUnformatted(doc);
		fputs(o, out);
		free(o);
		cJSON_Delete(doc);
	}
	free(text);
	free(slots);
	return fclose(out) ? 2 : 0;
}
