#include "par.h"
#include "mem.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

/* What par_progress set: one run's units, read by every par_run of the process. */
static struct {
	enum par_progress_mode mode;
	const char *const *names;
	size_t n;
	int tty;
	struct timespec start;
} progress = {PAR_PROGRESS_OFF, NULL, 0, 0, {0, 0}};

struct par {
	size_t n, next, done;
	void (*fn)(void *ctx, size_t i);
	void *ctx;
	int shown; /* the in-place line is on the terminal */
	pthread_mutex_t lock;
};

static double elapsed(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - progress.start.tv_sec) +
	       (double)(now.tv_nsec - progress.start.tv_nsec) / 1e9;
}

/* Under p->lock: index i is done. */
static void report(struct par *p, size_t i)
{
	p->done++;
	if (progress.mode == PAR_PROGRESS_OFF || progress.n != p->n)
		return;
	if (progress.mode == PAR_PROGRESS_AUTO && (!progress.tty || elapsed() < 1.0))
		return;
	if (progress.tty) {
		fprintf(stderr, "\r[%zu/%zu] %s\033[K", p->done, p->n, progress.names[i]);
		p->shown = 1;
	} else {
		fprintf(stderr, "[%zu/%zu] %s\n", p->done, p->n, progress.names[i]);
	}
	fflush(stderr);
}

static void *par_worker(void *arg)
{
	struct par *p = arg;
	pthread_mutex_lock(&p->lock);
	for (;;) {
		size_t i = p->next++;
		pthread_mutex_unlock(&p->lock);
		if (i >= p->n)
			return NULL;
		p->fn(p->ctx, i);
		pthread_mutex_lock(&p->lock);
		report(p, i);
	}
}

void par_run(size_t n, long jobs, void (*fn)(void *ctx, size_t i), void *ctx)
{
	struct par p = {n, 0, 0, fn, ctx, 0, PTHREAD_MUTEX_INITIALIZER};
	size_t nt = jobs > 0 && (size_t)jobs < n ? (size_t)jobs : n;
	pthread_t *th = xcalloc(nt + 1, sizeof(*th));
	size_t started = 0;
	for (size_t t = 0; nt > 1 && t < nt && !pthread_create(&th[t], NULL, par_worker, &p); t++)
		started++;
	if (!started)
		par_worker(&p);
	for (size_t t = 0; t < started; t++)
		pthread_join(th[t], NULL);
	free(th);
	pthread_mutex_destroy(&p.lock);
	if (p.shown)
		fputs("\r\033[K", stderr);
}

long par_cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 256 ? 256 : n;
}

void par_progress(enum par_progress_mode mode, const char *const *names, size_t n)
{
	progress.mode = mode;
	progress.names = names;
	progress.n = n;
	progress.tty = isatty(STDERR_FILENO);
	clock_gettime(CLOCK_MONOTONIC, &progress.start);
}
