/* Shape of tree consumers that read values out of the tree and keep only copies of them (cJSON's
 * cJSON_GetNumberValue, jansson's json_integer_value, yajl's YAJL_GET_INTEGER callers): a document
 * is built from node_new's nodes in doc_total's scope, and the numbers read from it are summed
 * and stored in globals as numbers. SAFE: only integers leave the scope; nothing read out of
 * scope memory as a pointer is kept. A tool that refuses every load from arena memory is
 * over-cautious. */
#include <stdio.h>
#include <stdlib.h>

struct node {
	long value;
	struct node *next;
};

static long max_seen;
static long docs_seen;

static struct node *node_new(long v, struct node *next)
{
	struct node *n = malloc(sizeof *n);
	n->value = v;
	n->next = next;
	return n;
}

static long doc_total(const long *vals, int n)
{
	struct node *head = NULL;
	for (int i = 0; i < n; i++)
		head = node_new(vals[i], head);
	long sum = 0;
	for (struct node *it = head; it; it = it->next) {
		sum += it->value;
		if (it->value > max_seen)
			max_seen = it->value;
	}
	docs_seen++;
	while (head) {
		struct node *next = head->next;
		free(head);
		head = next;
	}
	return sum;
}

int main(void)
{
	long a[] = {3, 9, 4}, b[] = {12, 1};
	long s = doc_total(a, 3);
	s += doc_total(b, 2);
	printf("sum %ld, max %ld, docs %ld\n", s, max_seen, docs_seen);
	return 0;
}
