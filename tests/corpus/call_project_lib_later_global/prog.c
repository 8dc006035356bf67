/*
 * An event library the run has no sources of (libevent's event_set, libuv's handles): the
 * project describes it in its rules, and its handler is called back from inside a later call
 * into it. The handler keeps the message a scoped hotspot makes in a global, read after the
 * scope: refused (the callback is reached from foo_run, inside the scope).
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
	foo_on_event(on_event);
	int s = serve(5);
	printf("%d %s\n", s, last ? last->text : "none");
	free(last);
	return 0;
}
