/* the same Treiber stack with the generic by-address builtin __atomic_compare_exchange
 * (the form used for non-integer types, e.g. in ck/liburcu wrappers). */
#include <stdio.h>
#include <stdlib.h>
struct item { int v; struct item *next; };
static struct item *head;
static struct item *new_item(int v) { struct item *i = malloc(sizeof *i); i->v = v; i->next = NULL; return i; }
static int produce(int n)
{
	for (int k = 0; k < n; k++) {
		struct item *it = new_item(k);
		struct item *old;
		__atomic_load(&head, &old, __ATOMIC_RELAXED);
		do it->next = old;
		while (!__atomic_compare_exchange(&head, &old, &it, 1, __ATOMIC_RELEASE, __ATOMIC_RELAXED));
	}
	return n;
}
int main(void)
{
	printf("%d\n", produce(3));
	int s = 0;
	while (head) { struct item *i = head; head = i->next; s += i->v; free(i); }
	printf("%d\n", s);
	return 0;
}
