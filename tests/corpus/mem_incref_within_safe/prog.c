/* Shape of jansson's borrowed-then-owned references used within one document
 * (v = json_incref(json_object_get(root, "k")); ... json_decref(v); json_decref(root);): the
 * element is kept with an extra reference while the document is checked and released before
 * the scope ends. SAFE: the reference read out of scope memory never leaves check_doc; only a
 * number leaves. A tool that refuses every pointer loaded from scope memory, even one that dies
 * in the scope, is over-cautious. */
#include <stdio.h>
#include <stdlib.h>

struct value {
	int refcount;
	long number;
	struct value **items;
	size_t n;
};

static struct value *value_new(long number)
{
	struct value *v = calloc(1, sizeof *v);
	v->refcount = 1;
	v->number = number;
	return v;
}

static struct value *incref(struct value *v)
{
	v->refcount++;
	return v;
}

static void decref(struct value *v)
{
	if (--v->refcount > 0)
		return;
	for (size_t i = 0; i < v->n; i++)
		decref(v->items[i]);
	free(v->items);
	free(v);
}

static long check_doc(const long *nums, size_t n)
{
	struct value *root = value_new(0);
	root->items = malloc(n * sizeof *root->items);
	for (size_t i = 0; i < n; i++)
		root->items[root->n++] = value_new(nums[i]);
	struct value *first = incref(root->items[0]);
	decref(root);
	long v = first->number * 2;
	decref(first);
	return v;
}

int main(void)
{
	long a[] = {21, 5}, b[] = {7};
	printf("%ld %ld\n", check_doc(a, 2), check_doc(b, 1));
	return 0;
}
