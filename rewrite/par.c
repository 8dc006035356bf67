#include "par.h"
#include "mem.h"

#include <pthread.h>
#include <stdlib.h>

struct par {
	size_t n, next;
	void (*fn)(void *ctx, size_t i);
	void *ctx;
	pthread_mutex_t lock;
};

static void *par_worker(void *arg)
{
	struct par *p = arg;
	for (;;) {
		pthread_mutex_lock(&p->lock);
		size_t i = p->next++;
		pthread_mutex_unlock(&p->lock);
		if (i >= p->n)
			return NULL;
		p->fn(p->ctx, i);
	}
}

void par_run(size_t n, long jobs, void (*fn)(void *ctx, size_t i), void *ctx)
{
	struct par p = {n, 0, fn, ctx, PTHREAD_MUTEX_INITIALIZER};
	size_t nt = jobs > 0 && (size_t)jobs < n ? (size_t)jobs : n;
	if (nt <= 1) {
		par_worker(&p);
		return;
	}
	pthread_t *th = xcalloc(nt, sizeof(*th));
	size_t started = 0;
	for (size_t t = 0; t < nt && !pthread_create(&th[t], NULL, par_worker, &p); t++)
		started++;
	if (!started)
		par_worker(&p);
	for (size_t t = 0; t < started; t++)
		pthread_join(th[t], NULL);
	free(th);
	pthread_mutex_destroy(&p.lock);
}
