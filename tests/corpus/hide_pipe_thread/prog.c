/* Shape of work queues that hand jobs to a worker thread by writing the job's address into a
 * pipe (the self-pipe handoff of several servers; libevent's and nginx's thread pools pass job
 * pointers between threads the same way through their queues): the worker reads the pointer,
 * runs the job and frees it. UNSAFE: write(fd, &job, sizeof job) sends the pointer's bytes out of
 * the analysis' sight; with the job in submit's arena, the worker uses memory released when
 * submit returns. A wrong acceptance reads freed memory in the worker and frees it with libc. */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int fds[2];
static sem_t go;

struct job {
	int id;
	char arg[24];
};

static void *worker(void *unused)
{
	(void)unused;
	struct job *j;
	if (read(fds[0], &j, sizeof j) != (ssize_t)sizeof j)
		return NULL;
	sem_wait(&go); /* the submitter has returned */
	printf("worker: job %d (%s)\n", j->id, j->arg);
	free(j);
	return NULL;
}

static int submit(int id, const char *arg)
{
	struct job *j = malloc(sizeof *j);
	j->id = id;
	snprintf(j->arg, sizeof j->arg, "%s", arg);
	return write(fds[1], &j, sizeof j) == (ssize_t)sizeof j ? 0 : -1;
}

int main(void)
{
	pthread_t t;
	if (pipe(fds) != 0 || sem_init(&go, 0, 0) != 0)
		return 1;
	pthread_create(&t, NULL, worker, NULL);
	if (submit(42, "compact") != 0)
		printf("submit failed\n");
	sem_post(&go);
	pthread_join(t, NULL);
	close(fds[0]);
	close(fds[1]);
	sem_destroy(&go);
	printf("main: done\n");
	return 0;
}
