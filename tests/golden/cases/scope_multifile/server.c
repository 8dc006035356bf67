#include <stdio.h>
#include <string.h>
#include "kv.h"

/* The scope, in another file than the hotspots: a request's strings die with it. */
static size_t handle(const char *request)
{
	struct kv *kv = kv_parse(request);
	size_t len = 0;
	for (size_t i = 0; i < kv->n; i++)
		len += strlen(kv->pairs[i].key) + strlen(kv->pairs[i].value);
	kv_free(kv);
	return len;
}

int main(void)
{
	const char *reqs[] = {"a=1;bb=22;ccc=333", "user=arena;lang=c", "", "x=;=y"};
	for (int i = 0; i < 4; i++)
		printf("%zu\n", handle(reqs[i]));
	return 0;
}
