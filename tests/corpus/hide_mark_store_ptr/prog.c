/* Shape of md4c's md_mark_store_ptr/md_mark_get_ptr (md4c.c): a pointer is stored into the
 * integer fields (beg, end) of a mark with memcpy(mark, &ptr, sizeof ptr) and read back the same
 * way later; the mark array belongs to the parser context, which outlives the function that
 * stores. UNSAFE: the pointer's bytes, not the pointer, are what is stored, so no store of a
 * pointer is seen; with the span text in open_span's arena, the mark holds a pointer to memory
 * released when open_span returns. A wrong acceptance reads and frees freed arena memory in
 * close_span. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct mark {
	unsigned beg, end; /* offsets; a 'D' mark reuses both for a pointer */
	char ch;
};

struct ctx {
	struct mark marks[8];
	int n;
};

static void mark_store_ptr(struct ctx *c, int i, void *ptr)
{
	memcpy(&c->marks[i], &ptr, sizeof ptr);
}

static void *mark_get_ptr(struct ctx *c, int i)
{
	void *ptr;
	memcpy(&ptr, &c->marks[i], sizeof ptr);
	return ptr;
}

static int open_span(struct ctx *c, const char *text, size_t len)
{
	char *span = strndup(text, len);
	int i = c->n++;
	c->marks[i].ch = 'D';
	mark_store_ptr(c, i, span);
	return i;
}

static void close_span(struct ctx *c, int i)
{
	char *span = mark_get_ptr(c, i);
	printf("span %d: '%s'\n", i, span);
	free(span);
}

int main(void)
{
	_Static_assert(sizeof(void *) <= 2 * sizeof(unsigned), "a mark holds a pointer");
	struct ctx c;
	memset(&c, 0, sizeof c);
	int a = open_span(&c, "*emphasis* here", 10);
	int b = open_span(&c, "`code`", 6);
	close_span(&c, a);
	close_span(&c, b);
	return 0;
}
