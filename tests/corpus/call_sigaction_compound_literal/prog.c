/* tmux's server.c/proc.c set handlers with a struct sigaction filled field by field; here the
 * struct is assigned from a compound literal (as redis' setupSignalHandlers-like code does with
 * designated initialisers). The handler records with the hotspot, raised inside the scope. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *events[8];
static volatile sig_atomic_t nevents;

static char *copy_str(const char *s)
{
	char *p = malloc(strlen(s) + 1);
	strcpy(p, s);
	return p;
}

static void on_hup(int sig)
{
	(void)sig;
	events[nevents++] = copy_str("reload requested");
}

static void handle(const char *req)
{
	char *r = copy_str(req);
	printf("req %s\n", r);
	if (strcmp(r, "hup") == 0)
		raise(SIGHUP);
	free(r);
}

int main(void)
{
	struct sigaction sa;
	sa = (struct sigaction){.sa_handler = on_hup};
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	handle("ping");
	handle("hup");
	for (int i = 0; i < nevents; i++) {
		printf("event %s\n", events[i]);
		free(events[i]);
	}
	return 0;
}
