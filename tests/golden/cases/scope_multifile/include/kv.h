#ifndef KV_H
#define KV_H
#include <stddef.h>

/* Parses only with -Iinclude and -DKV_MAX_PAIRS=..., from compile_commands.json. */
struct pair {
	char *key;
	char *value;
};

struct kv {
	struct pair pairs[KV_MAX_PAIRS];
	size_t n;
};

struct kv *kv_parse(const char *text);
void kv_free(struct kv *kv);
char *kv_dup(const char *s, size_t n);
#endif
