/* A size-prefixed allocator in the style of redis's zmalloc: the user pointer is 8 bytes into
 * the block, whose first word holds the size, and zmalloc_size and used-memory accounting read
 * it back. Arena memory has no such prefix, so no arena can stand in for zmalloc: the rules
 * listing it are refused with exit 2 and nothing is written (docs/rules.md, "Checked against the
 * code"). The prefix is added by a helper (ztrymalloc), as redis does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PREFIX sizeof(size_t)

static size_t used_memory;

static void *ztrymalloc(size_t size)
{
	void *ptr = malloc(size + PREFIX);
	if (!ptr)
		return NULL;
	*((size_t *)ptr) = size;
	used_memory += size;
	return (char *)ptr + PREFIX;
}

void *zmalloc(size_t size)
{
	void *ptr = ztrymalloc(size);
	if (!ptr)
		abort();
	return ptr;
}

size_t zmalloc_size(void *ptr)
{
	return *(size_t *)((char *)ptr - PREFIX);
}

void zfree(void *ptr)
{
	if (!ptr)
		return;
	char *realptr = (char *)ptr - PREFIX;
	used_memory -= *(size_t *)realptr;
	free(realptr);
}

static size_t words(const char *text)
{
	char *copy = zmalloc(strlen(text) + 1);
	strcpy(copy, text);
	size_t n = 0;
	for (char *t = strtok(copy, " "); t; t = strtok(NULL, " "))
		n++;
	n += zmalloc_size(copy);
	zfree(copy);
	return n;
}

int main(void)
{
	printf("%zu %zu\n", words("the quick brown fox"), used_memory);
	return 0;
}
