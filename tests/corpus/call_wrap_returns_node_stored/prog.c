/* glib g_slist_prepend / redis listCreate+value: a callee boxes the pointer in a fresh node and returns
 * the node; the scope stores the node (heap memory) in a global. Hot: dup_buf, scope step. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct box { struct box *next; void *p; };
static struct box *head;
static char *dup_buf(const char *s) { char *p = malloc(strlen(s) + 1); strcpy(p, s); return p; }
static struct box *wrap(void *p, struct box *next) { struct box *b = malloc(sizeof *b); b->p = p; b->next = next; return b; }
static size_t step(const char *s)
{
	char *b = dup_buf(s);
	head = wrap(b, head);
	return strlen(b);
}
int main(void)
{
	size_t t = step("one") + step("three");
	char *d = dup_buf("filler-filler-filler");
	while (head) { struct box *r = head; head = r->next; printf("kept %s\n", (char *)r->p); free(r->p); free(r); }
	printf("%zu %s\n", t, d);
	free(d);
	return 0;
}
