/* Idiom: a debug allocator that counts live blocks (tmux's/mutt's leak checks, sqlite's
 * memstat): xmalloc increments, xfree decrements, and the program prints the count. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long live;

static void *xmalloc(size_t n)
{
	void *p = malloc(n);
	if (!p) abort();
	live++;
	return p;
}

static void xfree(void *p)
{
	if (!p) return;
	live--;
	free(p);
}

static char *new_obj(const char *s)
{
	char *p = xmalloc(strlen(s) + 1);
	strcpy(p, s);
	return p;
}

static void work_unit(const char *s)
{
	char *a = new_obj(s);
	char *b = new_obj(a);
	printf("%s/%s live=%ld\n", a, b, live);
	xfree(a);
	xfree(b);
}

int main(void)
{
	work_unit("x");
	work_unit("yy");
	printf("final live=%ld\n", live);
	return 0;
}
