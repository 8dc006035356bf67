struct foo_ops { void (*on_event)(int ev); int (*filter)(int ev); };
void foo_register(const struct foo_ops *ops);
void foo_run(int n);
