/* Shape of jansson's reference counting (json_incref(json_array_get(root, 0)) kept after
 * json_decref(root)): each document is parsed into values made by value_new, the first element
 * is kept across documents with an extra reference, and the root is released. With load_doc as
 * the scope, the values are scope memory. UNSAFE: the kept element is a pointer read out of
 * scope memory (the root's array), which the escape analysis does not follow (docs/scopes.md
 * section 7), so storing it in a global is not seen; it is released with the scope and used by
 * the next document. A wrong acceptance reads and decrements freed arena memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct value {
	int refcount;
	int is_array;
	long number;
	struct value **items;
	size_t n;
};

static struct value *last;

static struct value *value_new(int is_array, long number)
{
	struct value *v = calloc(1, sizeof *v);
	v->refcount = 1;
	v->is_array = is_array;
	v->number = number;
	return v;
}

static struct value *incref(struct value *v)
{
	if (v)
		v->refcount++;
	return v;
}

static void decref(struct value *v)
{
	if (!v || --v->refcount > 0)
		return;
	for (size_t i = 0; i < v->n; i++)
		decref(v->items[i]);
	free(v->items);
	free(v);
}

static struct value *array_get(const struct value *a, size_t i)
{
	return i < a->n ? a->items[i] : NULL;
}

static long load_doc(const long *nums, size_t n)
{
	struct value *root = value_new(1, 0);
	root->items = malloc(n * sizeof *root->items);
	for (size_t i = 0; i < n; i++)
		root->items[root->n++] = value_new(0, nums[i]);
	long prev = last ? last->number : -1;
	decref(last);
	last = incref(array_get(root, 0));
	decref(root);
	return prev;
}

int main(void)
{
	long a[] = {10, 20}, b[] = {30}, c[] = {40, 50, 60};
	printf("%ld\n", load_doc(a, 2));
	printf("%ld\n", load_doc(b, 1));
	printf("%ld\n", load_doc(c, 3));
	printf("last %ld\n", last->number);
	decref(last);
	return 0;
}
