/* Shape of typed allocation macros (#define NEW(T) ((T *)malloc(sizeof(T))): libiberty's XNEW,
 * nginx's ngx_pcalloc wrappers in macros, the CALLOC of many projects) next to plain calls:
 * parse_list allocates its nodes through NEW, which the rewrite leaves on the heap (a call
 * inside a macro expansion), and its key copies with strdup, which become arena memory; every
 * free becomes ownership-aware. SAFE: heap nodes are freed by the ownership-aware free, arena
 * copies are left to the arena. A tool that refuses the function because some allocations stay
 * on the heap is over-cautious. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NEW(T) ((T *)malloc(sizeof(T)))

struct item {
	char *key;
	struct item *next;
};

static int parse_list(const char *csv)
{
	struct item *head = NULL;
	const char *p = csv;
	while (*p) {
		size_t n = strcspn(p, ",");
		struct item *it = NEW(struct item);
		it->key = strndup(p, n);
		it->next = head;
		head = it;
		p += n;
		if (*p == ',')
			p++;
	}
	int count = 0;
	while (head) {
		struct item *next = head->next;
		printf("%s ", head->key);
		count++;
		free(head->key);
		free(head);
		head = next;
	}
	printf("\n");
	return count;
}

int main(void)
{
	printf("%d\n", parse_list("x,yy,zzz"));
	return 0;
}
