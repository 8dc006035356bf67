/* alloc_table_macro_rules with a callback runner elsewhere in the program: run_cb calls
 * through a plain pointer and its own address is taken. The table's calls, covered by field
 * rules, never hand arena memory to a pointer, so they do not make the scope reach run_cb's
 * raw call: the scope is rewritten. */
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

static int ticks;
static void tick(void)
{
	ticks++;
}
static void run_cb(void (*cb)(void))
{
	cb();
}
static void (*volatile runner)(void (*)(void)) = run_cb;

int main(void)
{
	long total = 0;
	for (int d = 1; d <= 50; d++)
		total += render_doc(d * 10);
	runner(tick);
	printf("%ld %d\n", total, ticks);
	return 0;
}
