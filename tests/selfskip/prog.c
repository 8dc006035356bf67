/* A library that allocates only through a table; the driver's render_doc is the scope. */
#include <stdio.h>
#include <stdlib.h>

typedef struct {
	void *(*calloc)(size_t, size_t);
	void (*free)(void *);
} mem_t;

static mem_t MEM = {calloc, free};

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

static long render_doc(int n)
{
	mem_t *m = &MEM;
	struct node *list = NULL;
	for (int i = 0; i < n; i++)
		list = push(m, list, i * 7 % 13);
	long sum = 0;
	while (list) {
		struct node *next = list->next;
		sum = sum * 3 + list->v;
		m->free(list);
		list = next;
	}
	return sum % 1000003;
}

int main(void)
{
	long total = 0;
	for (int d = 1; d <= 20; d++)
		total += render_doc(d * 10);
	printf("%ld\n", total);
	return 0;
}
