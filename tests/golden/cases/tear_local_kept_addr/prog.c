#include <stdio.h>
#include <stdlib.h>

/* `spare` is only ever assigned NULL in the function, but its address goes to grab(), which
 * puts a heap cell there: the teardown loop, which frees both lists, must stay. */
struct cell {
	struct cell *next;
	int v;
};

static void grab(struct cell **out)
{
	struct cell *c = malloc(sizeof(*c));
	if (!c)
		return;
	c->next = NULL;
	c->v = 100;
	*out = c;
}

static int sum_two(int n)
{
	struct cell *head = NULL, *spare = NULL;
	for (int i = 0; i < n; i++) {
		struct cell *c = malloc(sizeof(*c));
		if (!c)
			break;
		c->v = i;
		c->next = head;
		head = c;
	}
	grab(&spare);
	int s = spare ? spare->v : 0;
	for (struct cell *c = head; c; c = c->next)
		s += c->v;
	for (int k = 0; k < 2; k++) {
		struct cell *c = k ? spare : head;
		while (c) {
			struct cell *next = c->next;
			free(c);
			c = next;
		}
	}
	return s;
}

int main(void)
{
	printf("%d\n", sum_two(10));
	return 0;
}
