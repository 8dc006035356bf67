/* Shape of redis's zmalloc.c without malloc_size (PREFIX_SIZE bytes in front of every block hold
 * its size, zmalloc returns ptr + PREFIX_SIZE, zfree and zrealloc step back, used_memory counts
 * every byte) under a rules file that names zmalloc, zrealloc and zfree with the malloc, realloc
 * and free kinds. send_reply is a hotspot with its own arena that takes over a reply buffer the
 * caller made with zmalloc, grows it, sends it and frees it. UNSAFE: the zrealloc call becomes
 * arena_realloc, which hands the caller's heap block, an interior pointer, to libc realloc; and the
 * used_memory accounting no longer matches. The rule does not say that the wrapper returns an
 * interior pointer, and its body is in the sources. A wrong acceptance crashes in realloc (ASan:
 * attempting free on address which was not malloc()-ed). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PREFIX_SIZE sizeof(size_t)

static size_t used_memory;

static void *zmalloc(size_t size)
{
	char *p = malloc(size + PREFIX_SIZE);
	if (!p)
		abort();
	memcpy(p, &size, PREFIX_SIZE);
	used_memory += size + PREFIX_SIZE;
	return p + PREFIX_SIZE;
}

static void zfree(void *ptr)
{
	if (!ptr)
		return;
	char *real = (char *)ptr - PREFIX_SIZE;
	size_t old;
	memcpy(&old, real, PREFIX_SIZE);
	used_memory -= old + PREFIX_SIZE;
	free(real);
}

static void *zrealloc(void *ptr, size_t size)
{
	if (!ptr)
		return zmalloc(size);
	char *real = (char *)ptr - PREFIX_SIZE;
	size_t old;
	memcpy(&old, real, PREFIX_SIZE);
	char *n = realloc(real, size + PREFIX_SIZE);
	if (!n)
		abort();
	memcpy(n, &size, PREFIX_SIZE);
	used_memory = used_memory - old + size;
	return n + PREFIX_SIZE;
}

/* Takes ownership of reply (a zmalloc block holding len bytes), appends, sends and frees it. */
static size_t send_reply(char *reply, size_t len, const char *const *items, int n)
{
	for (int i = 0; i < n; i++) {
		char *tmp = zmalloc(strlen(items[i]) + 8);
		int k = sprintf(tmp, "$%zu\r\n%s\r\n", strlen(items[i]), items[i]);
		reply = zrealloc(reply, len + (size_t)k + 1);
		memcpy(reply + len, tmp, (size_t)k + 1);
		len += (size_t)k;
		zfree(tmp);
	}
	fwrite(reply, 1, len, stdout);
	zfree(reply);
	return len;
}

int main(void)
{
	size_t len = 4;
	char *reply = zmalloc(len + 1);
	memcpy(reply, "*2\r\n", len + 1);
	const char *items[] = {"GET", "key"};
	printf("sent %zu\n", send_reply(reply, len, items, 2));
	printf("used %zu\n", used_memory);
	return 0;
}
