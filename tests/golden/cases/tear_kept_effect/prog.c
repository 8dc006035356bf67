#include <stdio.h>
#include <stdlib.h>

/* Both teardowns free only the function's own memory, but each does more than free: one
 * counts the nodes it frees, the other prints. Both must stay. */
struct node {
	struct node *next;
	int v;
};

static int freed;

static void list_free_counted(struct node *n)
{
	while (n) {
		struct node *next = n->next;
		free(n);
		freed++;
		n = next;
	}
}

static void list_free_loud(struct node *n)
{
	if (!n)
		return;
	list_free_loud(n->next);
	printf("free %d\n", n->v);
	free(n);
}

static int twice(int len)
{
	struct node *a = NULL, *b = NULL;
	for (int i = 0; i < len; i++) {
		struct node *x = malloc(sizeof(*x)), *y = malloc(sizeof(*y));
		if (!x || !y) {
			free(x);
			free(y);
			break;
		}
		x->v = i;
		y->v = -i;
		x->next = a;
		y->next = b;
		a = x;
		b = y;
	}
	int s = a ? a->v - (b ? b->v : 0) : 0;
	list_free_counted(a);
	list_free_loud(b);
	return s;
}

int main(void)
{
	printf("%d\n", twice(4));
	printf("freed %d\n", freed);
	return 0;
}
