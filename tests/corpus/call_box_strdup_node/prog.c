/* p09 neighbour: the store goes through a void ** to the node field (git string-list util pointer idiom). Hot: dup_buf, scope step. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct retired { struct retired *next; void *p; };
static struct retired *list;
static char *dup_buf(const char *s) { char *p = malloc(strlen(s) + 1); strcpy(p, s); return p; }
static void defer(void *p) { struct retired *r = malloc(sizeof *r); void **slot = &r->p; *slot = p; r->next = list; list = r; }
static size_t step(const char *s)
{
	char *b = dup_buf(s);
	defer(b);
	return strlen(b);
}
int main(void)
{
	size_t t = step("one") + step("three");
	char *d = dup_buf("filler-filler-filler");
	while (list) { struct retired *r = list; list = r->next; printf("kept %s\n", (char *)r->p); free(r->p); free(r); }
	printf("%zu %s\n", t, d);
	free(d);
	return 0;
}
