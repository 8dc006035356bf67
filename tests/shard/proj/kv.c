#include "app.h"
#include <stdlib.h>
#include <string.h>

/* Hotspots of the scope 'handle' (handler.c, another shard). */
char *kv_dup(const char *s, size_t n)
{
	char *copy = malloc(n + 1);
	if (copy) {
		memcpy(copy, s, n);
		copy[n] = '\0';
	}
	return copy;
}

struct kv *kv_parse(const char *text)
{
	struct kv *kv = calloc(1, sizeof(*kv));
	const char *eq = strchr(text, '=');
	if (!eq)
		return kv;
	kv->key = kv_dup(text, (size_t)(eq - text));
	kv->value = kv_dup(eq + 1, strlen(eq + 1));
	return kv;
}

void kv_free(struct kv *kv)
{
	free(kv->key);
	free(kv->value);
	free(kv);
}
