#include <stdio.h>
#include <stdlib.h>

/* A list built, summed and freed by a loop in one function: the loop only frees memory of
 * the function's own allocations, and the arena ends right after it. */
struct cell {
	struct cell *next;
	int v;
};

static int sum_list(int n)
{
	struct cell *head = NULL;
	for (int i = 0; i < n; i++) {
		struct cell *c = malloc(sizeof(*c));
		if (!c)
			return -1;
		c->v = i * i % 97;
		c->next = head;
		head = c;
	}
	int s = 0;
	for (struct cell *c = head; c; c = c->next)
		s += c->v;
	while (head) {
		struct cell *next = head->next;
		free(head);
		head = next;
	}
	printf("summed %d\n", n);
	return s;
}

int main(void)
{
	printf("%d\n", sum_list(1000));
	printf("%d\n", sum_list(0));
	return 0;
}
