/* From the generator (seed 74): the scope clears the global its callee filled only under `if
 * (g_pair_0)`; where the test fails the global is null, so nothing is left in it when the scope
 * ends: accepted. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long mix(unsigned long h, unsigned long v)
{
	return (h ^ v) * 1099511628211UL;
}

static unsigned long mix_str(unsigned long h, const char *s)
{
	while (*s)
		h = mix(h, (unsigned char)*s++);
	return h;
}

struct pair_0 {
	int a;
	char *label;
};
static struct pair_0 *g_pair_0;

static int pair_make_0(int a, struct pair_0 **out)
{
	*out = NULL;
	if (a % 7 == 9 % 7)
		return -1;
	struct pair_0 *p = calloc(1, sizeof(*p));
	if (!p)
		return -1;
	p->label = malloc(16);
	if (!p->label) {
		free(p);
		return -1;
	}
	snprintf(p->label, 16, "p%d", a);
	p->a = a;
	*out = p;
	return 0;
}

static void pair_free_0(struct pair_0 *p)
{
	if (!p)
		return;
	free(p->label);
	free(p);
}

static unsigned long pairs_doc_0(int n)
{
	struct pair_0 *arr[16];
	int k = 0;
	unsigned long h = 0;
	for (int i = 0; i < n && k < 16; i++) {
		struct pair_0 *p;
		if (pair_make_0(i, &p) != 0)
			continue;
		arr[k++] = p;
	}
	for (int i = 0; i < k; i++)
		h = mix_str(mix(h, (unsigned long)arr[i]->a), arr[i]->label);
	if (k > 0 && !g_pair_0)
		g_pair_0 = arr[--k];
	for (int i = 0; i < k; i++)
		pair_free_0(arr[i]);
	return h;
}

static unsigned long run_pairs_0(void)
{
	unsigned long h = 0;
	for (int r = 0; r < 6; r++)
		h = mix(h, pairs_doc_0(r + 6));
	if (g_pair_0) {
		h = mix_str(h, g_pair_0->label);
		pair_free_0(g_pair_0);
		g_pair_0 = NULL;
	}
	return h;
}

static char *g_last_1;

static void note_1(const char *s)
{
	free(g_last_1);
	g_last_1 = strdup(s);
}

static unsigned long glob_doc_1(int n)
{
	unsigned long h = 0;
	for (int i = 0; i < n; i++) {
		char tmp[32];
		snprintf(tmp, sizeof(tmp), "g%d", i * 5);
		note_1(tmp);
		if (g_last_1)
			h = mix_str(h, g_last_1);
	}
	free(g_last_1);
	g_last_1 = NULL;
	return h;
}

static unsigned long run_glob_1(void)
{
	unsigned long h = 0;
	for (int r = 0; r < 8; r++) {
		h = mix(h, glob_doc_1(r + 7));
	}
	free(g_last_1);
	g_last_1 = NULL;
	return h;
}

int main(void)
{
	unsigned long total = mix_str(14695981039346656037UL, "gen");
	unsigned long d;
	d = run_pairs_0();
	printf("pairs0 %lu\n", d);
	total = mix(total, d);
	d = run_glob_1();
	printf("glob1 %lu\n", d);
	total = mix(total, d);
	printf("total %lu\n", total);
	return 0;
}
