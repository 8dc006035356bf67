/* libfoo: an event library the run has no sources of */
typedef void (*foo_cb)(int ev);
void foo_on_event(foo_cb cb);
void foo_run(int n);
