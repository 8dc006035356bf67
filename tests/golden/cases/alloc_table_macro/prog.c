/* The allocator table of alloc_table_free, its initializer spelled by a macro: the address of
 * libc's free is taken where the rewrite cannot rename it, so the scope is refused. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	void *(*calloc)(size_t, size_t);
	void (*free)(void *);
} mem_t;

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n, size);
	if (!p)
		abort();
	return p;
}

/* The table is spelled by a macro: its `free` cannot be renamed where it is written. */
#define MEM_DEFAULT {xcalloc, free}
static mem_t MEM = MEM_DEFAULT;

struct node {
	struct node *next;
	int v;
};

static struct node *push(mem_t *m, struct node *head, int v)
{
	struct node *x = m->calloc(1, sizeof(*x));
	x->v = v;
	x->next = head;
	return x;
}

static void drop(mem_t *m, struct node *head)
{
	while (head) {
		struct node *next = head->next;
		m->free(head);
		head = next;
	}
}

static long render_doc(int n)
{
	mem_t *m = &MEM;
	struct node *list = NULL;
	for (int i = 0; i < n; i++)
		list = push(m, list, i * 7 % 13);
	long sum = 0;
	for (struct node *x = list; x; x = x->next)
		sum = (sum * 3 + x->v) % 1000003;
	drop(m, list);
	return sum % 1000003;
}

int main(void)
{
	long total = 0;
	for (int d = 1; d <= 50; d++)
		total += render_doc(d * 10);
	printf("%ld\n", total);
	return 0;
}
