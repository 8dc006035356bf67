#include <stdio.h>
#include <stdlib.h>
#include "kv.h"

struct conf { char *keys[8]; int vals[8]; int n; };
static void on_pair(const char *k, int v, void *ctx)
{
	struct conf *c = ctx;
	c->keys[c->n] = kv_strdup(k);
	c->vals[c->n++] = v;
}

int main(void)
{
	struct conf c = {{0}, {0}, 0};
	printf("%d pairs\n", kv_parse("port=80;workers=4;timeout=30", on_pair, &c));
	for (int i = 0; i < c.n; i++) {
		printf("%s=%d\n", c.keys[i], c.vals[i]);
		free(c.keys[i]);
	}
	return 0;
}
