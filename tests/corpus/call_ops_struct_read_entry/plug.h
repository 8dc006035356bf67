struct plug_ops { int (*on_item)(const char *item); };
int plug_run(const struct plug_ops *ops, const char *const *items, int n);
