/* From the generator (seed 67): the scoped hotspot list_build_0 allocates nothing itself
 * (node_new_0, no hotspot, does): it hands out heap memory, which the scope may keep in a global:
 * accepted. Nothing moves onto the scope's arena, so nothing is written for it (a warning). */
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

struct node_0 {
	int v;
	char *name;
	struct node_0 *next;
};
static struct node_0 *g_keep_0;

static struct node_0 *node_new_0(int v, struct node_0 *next)
{
	struct node_0 *n = malloc(sizeof(*n));
	if (!n)
		return NULL;
	char tmp[32];
	snprintf(tmp, sizeof(tmp), "n%d", v * 6);
	n->name = strdup(tmp);
	if (!n->name) {
		free(n);
		return NULL;
	}
	n->v = v;
	n->next = next;
	return n;
}

static void list_free_0(struct node_0 *n)
{
	while (n) {
		struct node_0 *nx = n->next;
		free(n->name);
		free(n);
		n = nx;
	}
}

static struct node_0 *list_build_0(int count)
{
	struct node_0 *head = NULL;
	for (int i = 0; i < count; i++) {
		struct node_0 *n = node_new_0(i, head);
		if (!n) {
			list_free_0(head);
			return NULL;
		}
		head = n;
	}
	return head;
}

static unsigned long list_doc_0(int count)
{
	struct node_0 *head = list_build_0(count);
	unsigned long h = 0;
	for (struct node_0 *n = head; n; n = n->next)
		h = mix_str(mix(h, (unsigned long)n->v), n->name);
	if (head && !g_keep_0) {
		g_keep_0 = head;
		head = head->next;
		g_keep_0->next = NULL;
	}
	list_free_0(head);
	return h;
}

static unsigned long run_list_0(void)
{
	unsigned long h = 0;
	for (int r = 0; r < 5; r++)
		h = mix(h, list_doc_0(r + 7));
	if (g_keep_0) {
		h = mix_str(h, g_keep_0->name);
		list_free_0(g_keep_0);
		g_keep_0 = NULL;
	}
	return h;
}

int main(void)
{
	unsigned long total = mix_str(14695981039346656037UL, "gen");
	unsigned long d;
	d = run_list_0();
	printf("list0 %lu\n", d);
	total = mix(total, d);
	printf("total %lu\n", total);
	return 0;
}
