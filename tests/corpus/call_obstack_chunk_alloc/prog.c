/* GNU obstack with xmalloc as its chunk allocator (gcc's identifier obstack, binutils, coreutils'
 * hash and m4 all do #define obstack_chunk_alloc xmalloc): names are interned in a global obstack
 * that lives for the whole run. xmalloc is the hot allocation function, made a hotspot scoped to
 * the per-file function. obstack calls it through the pointer _obstack_begin stored. */
#include <obstack.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *xmalloc(size_t n)
{
	void *p = malloc(n);
	if (!p)
		abort();
	return p;
}

#define obstack_chunk_alloc xmalloc
#define obstack_chunk_free free

static struct obstack names;
static const char *table[256];
static int ntable;

static const char *intern(const char *s, size_t n)
{
	return obstack_copy0(&names, s, n);
}

static void process_file(const char *text)
{
	char *copy = xmalloc(strlen(text) + 1);
	strcpy(copy, text);
	for (char *t = strtok(copy, " "); t; t = strtok(NULL, " "))
		table[ntable++] = intern(t, strlen(t));
	free(copy);
}

int main(void)
{
	obstack_init(&names);
	char text[8192];
	for (int f = 0; f < 3; f++) {
		size_t len = 0;
		for (int i = 0; i < 40; i++)
			len += (size_t)snprintf(text + len, sizeof text - len, "file%d_identifier_number_%03d_with_a_long_name ", f, i);
		process_file(text);
	}
	printf("%d names, first %s, last %s\n", ntable, table[0], table[ntable - 1]);
	int total = 0;
	for (int i = 0; i < ntable; i++)
		total += (int)strlen(table[i]);
	printf("total length %d\n", total);
	obstack_free(&names, NULL);
	return 0;
}
