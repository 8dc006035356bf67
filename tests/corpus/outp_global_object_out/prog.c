/* tmux's cmd_find_target fills a struct cmd_find_state through a pointer with the session,
 * window and pane found (long-lived objects in global trees); the command then changes the
 * pane it was given. Here the lookup hands back the global client object through an
 * out-parameter, and the handler records its last command in it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct client { char *last_cmd; int ncmds; };
static struct client *clients[2];

static int find_client(int id, struct client **out)
{
	if (id < 0 || id > 1 || !clients[id])
		return -1;
	*out = clients[id];
	return 0;
}

static char *cmd_copy(const char *s)
{
	char *p = malloc(strlen(s) + 1);
	strcpy(p, s);
	return p;
}

static void run_cmd(int id, const char *line)
{
	struct client *cl;
	if (find_client(id, &cl) < 0)
		return;
	char *c = cmd_copy(line);
	cl->ncmds++;
	free(cl->last_cmd);
	cl->last_cmd = c;
	printf("client %d: %s\n", id, c);
}

int main(void)
{
	clients[0] = calloc(1, sizeof *clients[0]);
	clients[1] = calloc(1, sizeof *clients[1]);
	run_cmd(0, "new-window");
	run_cmd(1, "split-window");
	run_cmd(0, "kill-pane");
	for (int i = 0; i < 2; i++) {
		printf("client %d last %s after %d\n", i, clients[i]->last_cmd, clients[i]->ncmds);
		free(clients[i]->last_cmd);
		free(clients[i]);
	}
	return 0;
}
