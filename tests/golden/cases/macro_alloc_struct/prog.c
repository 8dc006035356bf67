#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An allocator struct reached through macros, in the manner of expat's MALLOC/FREE. */
typedef struct {
	void *(*malloc_fcn)(size_t size);
	void *(*realloc_fcn)(void *ptr, size_t size);
	void (*free_fcn)(void *ptr);
} mem_suite;

struct parser {
	mem_suite m_mem;
	int nodes;
};

#define MALLOC(p, s) ((p)->m_mem.malloc_fcn((s)))
#define REALLOC(p, q, s) ((p)->m_mem.realloc_fcn((q), (s)))
#define FREE(p, x) ((p)->m_mem.free_fcn((x)))

static long live;
static void *count_malloc(size_t n)
{
	live++;
	return malloc(n);
}
static void *count_realloc(void *q, size_t n)
{
	live += q == NULL;
	return realloc(q, n);
}
static void count_free(void *q)
{
	live -= q != NULL;
	free(q);
}

struct node {
	char *name;
	int depth;
};

/* The hotspot: a node and its name, through the parser's allocator. */
static struct node *node_new(struct parser *p, const char *name, int depth)
{
	struct node *n = MALLOC(p, sizeof *n);
	size_t len = strlen(name);
	n->name = REALLOC(p, NULL, len + 1);
	memcpy(n->name, name, len + 1);
	n->depth = depth;
	p->nodes++;
	return n;
}

static void node_free(struct parser *p, struct node *n)
{
	FREE(p, n->name);
	FREE(p, n);
}

static void parse(struct parser *p, const char *text)
{
	struct node *stack[64];
	int sp = 0, longest = 0;
	for (const char *c = text; *c; c++) {
		if (*c == '<' && sp < 64) {
			char name[2] = {c[1], 0};
			stack[sp] = node_new(p, name, sp);
			sp++;
		} else if (*c == '>' && sp > 0) {
			sp--;
			longest = stack[sp]->depth > longest ? stack[sp]->depth : longest;
			node_free(p, stack[sp]);
		}
	}
	while (sp > 0)
		node_free(p, stack[--sp]);
	printf("%d nodes, depth %d\n", p->nodes, longest);
}

int main(void)
{
	struct parser p = {{count_malloc, count_realloc, count_free}, 0};
	for (int i = 0; i < 3; i++)
		parse(&p, "<a<b<c>><d<e<f>>>><g>");
	printf("live %ld\n", live);
	return 0;
}
