/* Handle strings: objects are named by "%p" text (Tcl channel names, SWIG "_p_" pointer strings,
 * Lua's tostring of userdata) kept in a table of names; lookup parses the text back with
 * sscanf. UNSAFE: the text names arena memory after the arena is gone. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct chan { int fd; char mode[4]; };

static char names[4][32];
static int nnames;

static void chan_open(int fd, const char *mode)
{
	struct chan *c = malloc(sizeof *c);
	c->fd = fd;
	snprintf(c->mode, sizeof c->mode, "%s", mode);
	snprintf(names[nnames++], sizeof names[0], "%p", (void *)c);
}

static struct chan *chan_lookup(const char *name)
{
	void *p = NULL;
	if (sscanf(name, "%p", &p) != 1)
		return NULL;
	return p;
}

int main(void)
{
	chan_open(3, "r");
	chan_open(4, "w");
	for (int i = 0; i < nnames; i++) {
		struct chan *c = chan_lookup(names[i]);
		printf("chan %d fd %d mode %s\n", i, c->fd, c->mode);
		free(c);
	}
	return 0;
}
