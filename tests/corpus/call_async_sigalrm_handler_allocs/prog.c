/* Idiom: an asynchronous SIGALRM handler (a timer set before the request, as in progress
 * reporters: dd's SIGALRM-driven status line, ping's -i timer) that builds its note with the
 * request's constructor while the request spins without calling libc; the note is kept. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
static char *last_note;
static volatile sig_atomic_t fired;
static char *make_note(const char *s)
{
	char *p = malloc(strlen(s) + 1);
	strcpy(p, s);
	return p;
}
static void on_alrm(int sig)
{
	(void)sig;
	last_note = make_note("tick");
	fired = 1;
}
static int work(const char *s)
{
	char *n = make_note(s);
	int len = 0;
	while (!fired)
		len = (len + 1) & 0xff;
	len = 0;
	while (n[len])
		len++;
	free(n);
	return len;
}
int main(void)
{
	signal(SIGALRM, on_alrm);
	struct itimerval it = {{0, 0}, {0, 20000}};
	setitimer(ITIMER_REAL, &it, NULL);
	int l = work("request");
	printf("len %d note %s\n", l, last_note);
	free(last_note);
	return 0;
}
