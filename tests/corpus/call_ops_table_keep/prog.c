/* Shape of backend operation tables (nginx's upstream/cache module handlers, SQLite's VFS and
 * module methods, redis's module type callbacks): the caller builds a key and hands it to the
 * backend through ops->insert, and the backend keeps it in its own index, freed when the backend
 * is closed. UNSAFE: the key is cache_request's allocation, the call goes through a function
 * pointer the escape analysis does not follow, and the target keeps it in a global; with the
 * key in cache_request's arena, the backend holds released memory. A wrong acceptance reads
 * freed memory in backend_close and frees it with libc free. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct backend_ops {
	int (*insert)(char *key, int value); /* keeps key */
	int (*count)(void);
};

static char *index_keys[16];
static int index_vals[16];
static int index_n;

static int mem_insert(char *key, int value)
{
	index_keys[index_n] = key;
	index_vals[index_n++] = value;
	return 0;
}

static int mem_count(void)
{
	return index_n;
}

static const struct backend_ops mem_ops = {mem_insert, mem_count};

static int cache_request(const struct backend_ops *ops, const char *host, const char *path,
                         int status)
{
	size_t len = strlen(host) + strlen(path) + 1;
	char *key = malloc(len);
	snprintf(key, len, "%s%s", host, path);
	return ops->insert(key, status);
}

static void backend_close(void)
{
	for (int i = 0; i < index_n; i++) {
		printf("%s -> %d\n", index_keys[i], index_vals[i]);
		free(index_keys[i]);
	}
}

int main(void)
{
	cache_request(&mem_ops, "example.org", "/index.html", 200);
	cache_request(&mem_ops, "example.org", "/missing", 404);
	printf("%d cached\n", mem_ops.count());
	backend_close();
	return 0;
}
