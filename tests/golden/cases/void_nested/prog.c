#include <stdio.h>
#include <stdlib.h>

struct node {
	int v;
	struct node *l, *r;
};

static struct node *insert(struct node *t, struct node *n)
{
	if (!t)
		return n;
	if (n->v < t->v)
		t->l = insert(t->l, n);
	else
		t->r = insert(t->r, n);
	return t;
}

static void walk(const struct node *t)
{
	if (!t)
		return;
	walk(t->l);
	printf("%d ", t->v);
	walk(t->r);
}

/* A void function with nested blocks, an early void return, and an end that is reached. */
static void sorted_print(const int *v, int n)
{
	struct node *root = NULL;
	{
		for (int i = 0; i < n; i++) {
			{
				struct node *x = malloc(sizeof *x);
				x->v = v[i];
				x->l = x->r = NULL;
				root = insert(root, x);
			}
		}
	}
	if (!root) {
		printf("(empty)\n");
		return;
	}
	walk(root);
	printf("\n");
}

int main(void)
{
	int v[] = {5, 3, 8, 1, 4, 7, 9};
	sorted_print(v, 7);
	sorted_print(v, 0);
	return 0;
}
