/* The "request in flight" pointer that signal handlers read for a post-mortem report (redis's
 * server.current_client used by its crash report, nginx's debug points): the handler for a
 * status signal records which request was running; the report is printed at the end. The
 * request clears the pointer before it returns. Here a request sends the status signal to itself
 * (raise), as a watchdog would from outside. UNSAFE: the handler copies the pointer while the
 * request still holds it, and the report reads it after the arena is gone. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct request { int id; char path[24]; };

static struct request *volatile current;
static struct request *volatile snapshot;

static void on_status(int sig)
{
	(void)sig;
	snapshot = current;
}

static int serve(int id, const char *path)
{
	struct request *r = malloc(sizeof *r);
	r->id = id;
	snprintf(r->path, sizeof r->path, "%s", path);
	current = r;
	if (id == 2)
		raise(SIGUSR1);
	int n = (int)strlen(r->path);
	current = NULL;
	if (snapshot != r)
		free(r);
	return n;
}

int main(void)
{
	signal(SIGUSR1, on_status);
	int total = serve(1, "/a") + serve(2, "/slow/report") + serve(3, "/b");
	printf("total %d\n", total);
	if (snapshot) {
		printf("status signal during request %d %s\n", snapshot->id, snapshot->path);
		free(snapshot);
	}
	return 0;
}
