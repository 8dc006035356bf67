/*
 * A library the run has no sources of keeps a structure of the program's function pointers
 * (a driver's ops table, an I/O method table handed over by address) and calls them from a
 * later call. The rules say only that it keeps the table: the library may call any function
 * pointer it finds there, so the handler that keeps scoped memory in a global is refused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "foo.h"

struct msg { int ev; char text[24]; };
static struct msg *last;

static struct msg *make_msg(int ev)
{
	struct msg *m = malloc(sizeof *m);
	m->ev = ev;
	snprintf(m->text, sizeof m->text, "event %d", ev);
	return m;
}

static void on_event(int ev)
{
	struct msg *m = make_msg(ev);
	free(last);
	last = m;
}

static int keep_all(int ev) { return ev >= 0; }

static int serve(int n)
{
	int *scratch = malloc(n * sizeof *scratch);
	for (int i = 0; i < n; i++)
		scratch[i] = i;
	foo_run(n);
	int s = scratch[n - 1];
	free(scratch);
	return s;
}

int main(void)
{
	static const struct foo_ops ops = { on_event, keep_all };
	foo_register(&ops);
	int s = serve(5);
	printf("%d %s\n", s, last ? last->text : "none");
	free(last);
	return 0;
}
