/* Shape of redis's zmalloc.c with HAVE_MALLOC_SIZE (zmalloc_size(p) is malloc_usable_size(p)):
 * every allocation adds what the allocator really handed out to used_memory, and every free
 * subtracts it. UNSAFE: malloc_usable_size reads libc's chunk header in front of the pointer;
 * given arena memory from build_reply's arena it reads the arena's bytes (ASan: attempting to
 * call malloc_usable_size() for pointer which is not owned; without ASan, a garbage size). */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t used_memory;

static size_t build_reply(const char *key, int count)
{
	size_t total = 0;
	for (int i = 0; i < count; i++) {
		char *item = malloc(strlen(key) + 16);
		used_memory += malloc_usable_size(item);
		total += (size_t)snprintf(item, strlen(key) + 16, "%s:%d", key, i);
		used_memory -= malloc_usable_size(item);
		free(item);
	}
	return total;
}

int main(void)
{
	size_t n = build_reply("user", 4);
	printf("reply bytes %zu, memory in use after %zu\n", n, used_memory);
	return 0;
}
