typedef void (*kv_visit)(const char *key, int val, void *ctx);
char *kv_strdup(const char *s);
int kv_parse(const char *text, kv_visit cb, void *ctx);
