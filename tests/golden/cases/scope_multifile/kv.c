#include "kv.h"
#include <stdlib.h>
#include <string.h>

/* The allocation hotspot: every key and value string comes from here. */
char *kv_dup(const char *s, size_t n)
{
	char *p = malloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

struct kv *kv_parse(const char *text)
{
	struct kv *kv = calloc(1, sizeof(*kv));
	const char *p = text;
	while (*p && kv->n < KV_MAX_PAIRS) {
		const char *eq = strchr(p, '=');
		if (!eq)
			break;
		const char *end = strchr(eq, ';');
		if (!end)
			end = eq + strlen(eq);
		kv->pairs[kv->n].key = kv_dup(p, (size_t)(eq - p));
		kv->pairs[kv->n].value = kv_dup(eq + 1, (size_t)(end - eq - 1));
		kv->n++;
		p = *end ? end + 1 : end;
	}
	return kv;
}

void kv_free(struct kv *kv)
{
	for (size_t i = 0; i < kv->n; i++) {
		free(kv->pairs[i].key);
		free(kv->pairs[i].value);
	}
	free(kv);
}
