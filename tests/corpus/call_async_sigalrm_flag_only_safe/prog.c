/* Idiom: a SIGALRM timer that only raises a flag (dd's and ping's progress interval, a
 * watchdog in a request loop); the request's objects are built and freed by the request, and the
 * handler touches none of them, so it may run anywhere while the request's arena is live. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

static volatile sig_atomic_t ticks;

static void on_alrm(int sig)
{
	(void)sig;
	ticks = 1;
}

struct rec {
	struct rec *next;
	int v;
};

static struct rec *rec_new(struct rec *next, int v)
{
	struct rec *r = malloc(sizeof *r);
	r->next = next;
	r->v = v;
	return r;
}

static long handle(int n)
{
	struct rec *head = NULL;
	for (int i = 0; i < n; i++)
		head = rec_new(head, i);
	while (!ticks)
		;
	long sum = 0;
	while (head) {
		struct rec *next = head->next;
		sum += head->v;
		free(head);
		head = next;
	}
	return sum;
}

int main(void)
{
	signal(SIGALRM, on_alrm);
	struct itimerval it = {{0, 0}, {0, 20000}};
	setitimer(ITIMER_REAL, &it, NULL);
	printf("sum %ld\n", handle(1000));
	return 0;
}
