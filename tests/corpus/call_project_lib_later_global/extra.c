#include "foo.h"
static foo_cb the_cb;
void foo_on_event(foo_cb cb) { the_cb = cb; }
void foo_run(int n) { for (int i = 0; i < n; i++) if (the_cb) the_cb(i); }
