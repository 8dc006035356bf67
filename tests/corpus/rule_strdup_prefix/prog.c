/* Idiom: a "strdup" that copies only up to a delimiter (mawk/awk field keys, sudo's
 * env key copies), declared as kind strdup. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *xstrdup(const char *s)
{
	size_t n = strcspn(s, "=");
	char *d = malloc(n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

static char *dup_key(const char *s) { return xstrdup(s); }

static void load(const char **kv, int n)
{
	for (int i = 0; i < n; i++) {
		char *k = dup_key(kv[i]);
		printf("key %s\n", k);
		free(k);
	}
}

int main(void)
{
	const char *kv[] = {"PATH=/bin", "HOME=/root"};
	load(kv, 2);
	return 0;
}
