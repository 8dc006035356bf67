#include <stdio.h>
#include <stdlib.h>

/* The list lives in the arena, but splice() gets a pointer into it and may store anything
 * there (here: a heap cell of its own): the teardown loop must stay. */
struct cell {
	struct cell *next;
	int v;
};

static void splice(struct cell *c)
{
	struct cell *h = malloc(sizeof(*h));
	if (!h)
		return;
	h->next = c->next;
	h->v = 7;
	c->next = h;
}

static int sum_list(int n)
{
	struct cell *head = NULL;
	for (int i = 0; i < n; i++) {
		struct cell *c = malloc(sizeof(*c));
		if (!c)
			break;
		c->v = i;
		c->next = head;
		head = c;
	}
	if (head)
		splice(head);
	int s = 0;
	for (struct cell *c = head; c; c = c->next)
		s += c->v;
	while (head) {
		struct cell *next = head->next;
		free(head);
		head = next;
	}
	return s;
}

int main(void)
{
	printf("%d\n", sum_list(10));
	return 0;
}
