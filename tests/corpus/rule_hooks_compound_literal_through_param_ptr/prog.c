/* Idiom: XML_Memory_Handling_Suite-style suite filled through a pointer parameter with a
 * compound literal (*ms = (struct hooks){...}) inside a parser-create helper. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct hooks { void *(*allocate)(size_t); void (*deallocate)(void *); };
struct parser { struct hooks ms; int depth; };
static long nalloc, nfree;
static void *cnt_alloc(size_t n) { nalloc++; return malloc(n); }
static void cnt_free(void *p) { nfree++; free(p); }
static void set_suite(struct hooks *ms) { *ms = (struct hooks){cnt_alloc, cnt_free}; }
static char *dup_str(struct parser *ps, const char *s)
{
	char *p = ps->ms.allocate(strlen(s) + 1);
	strcpy(p, s);
	return p;
}
static void work(struct parser *ps, const char *s)
{
	char *p = dup_str(ps, s);
	printf("%s\n", p);
	ps->ms.deallocate(p);
}
int main(void)
{
	struct parser ps = {{malloc, free}, 0};
	set_suite(&ps.ms);
	work(&ps, "a");
	work(&ps, "b");
	printf("alloc %ld free %ld\n", nalloc, nfree);
	return 0;
}
