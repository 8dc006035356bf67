#include "foo.h"
static const struct foo_ops *the_ops;
void foo_register(const struct foo_ops *ops) { the_ops = ops; }
void foo_run(int n) { for (int i = 0; i < n; i++) if (the_ops && the_ops->filter(i)) the_ops->on_event(i); }
