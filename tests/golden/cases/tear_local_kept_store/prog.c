#include <stdio.h>
#include <stdlib.h>

/* The lists live in the arena, but one list's tail is the caller's heap list: the teardown
 * loop frees heap memory too, so it must stay (and stays correct: arena_free frees heap
 * memory). */
struct cell {
	struct cell *next;
	int v;
};

static int sum_lists(int n, struct cell *tail)
{
	struct cell **heads = calloc(2, sizeof(*heads));
	if (!heads)
		return -1;
	heads[1] = tail;
	for (int i = 0; i < n; i++) {
		struct cell *c = malloc(sizeof(*c));
		if (!c)
			break;
		c->v = i;
		c->next = heads[i % 2];
		heads[i % 2] = c;
	}
	int s = 0;
	for (int k = 0; k < 2; k++)
		for (struct cell *c = heads[k]; c; c = c->next)
			s += c->v;
	for (int k = 0; k < 2; k++) {
		struct cell *c = heads[k];
		while (c) {
			struct cell *next = c->next;
			free(c);
			c = next;
		}
	}
	free(heads);
	return s;
}

int main(void)
{
	struct cell *t = malloc(sizeof(*t));
	if (!t)
		return 1;
	t->next = NULL;
	t->v = 1000;
	printf("%d\n", sum_lists(10, t));
	return 0;
}
