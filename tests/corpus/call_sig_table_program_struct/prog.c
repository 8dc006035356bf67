/* A daemon's signal table (lighttpd's server.c installs SIGHUP/SIGTERM/SIGUSR1 handlers one
 * after the other; here the actions live in a table of the program's own struct, each entry
 * holding a struct sigaction initialised in place). The SIGHUP handler records with the
 * hotspot, raised inside the scope. */
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

struct sig_entry { int signo; struct sigaction act; };
static struct sig_entry sig_table[] = {
	{SIGHUP, {.sa_handler = on_hup}},
	{SIGPIPE, {.sa_handler = SIG_IGN}},
};

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
	for (size_t i = 0; i < sizeof sig_table / sizeof sig_table[0]; i++)
		sigaction(sig_table[i].signo, &sig_table[i].act, NULL);
	handle("ping");
	handle("hup");
	for (int i = 0; i < nevents; i++) {
		printf("event %s\n", events[i]);
		free(events[i]);
	}
	return 0;
}
