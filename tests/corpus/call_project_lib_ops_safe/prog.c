/*
 * The safe twin of call_project_lib_ops_struct: the library keeps the program's ops table and
 * calls it from inside the scope, but the handler only counts; the scoped messages stay in
 * the scope's own list. Accepted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "foo.h"

struct msg { int ev; char text[24]; struct msg *next; };
static int seen;

static struct msg *make_msg(int ev)
{
	struct msg *m = malloc(sizeof *m);
	m->ev = ev;
	m->next = NULL;
	snprintf(m->text, sizeof m->text, "event %d", ev);
	return m;
}

static void on_event(int ev)
{
	seen += ev;
}

static int keep_all(int ev) { return ev >= 0; }

static int serve(int n)
{
	struct msg *head = NULL;
	for (int i = 0; i < n; i++) {
		struct msg *m = make_msg(i);
		m->next = head;
		head = m;
	}
	foo_run(n);
	int s = (int)strlen(head->text);
	while (head) {
		struct msg *next = head->next;
		free(head);
		head = next;
	}
	return s;
}

int main(void)
{
	static const struct foo_ops ops = { on_event, keep_all };
	foo_register(&ops);
	int s = serve(5);
	printf("%d %d\n", s, seen);
	return 0;
}
