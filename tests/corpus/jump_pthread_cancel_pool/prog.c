/* Worker threads that are cancelled while they wait (thread pools that pthread_cancel idle
 * workers on shutdown, as sqlite's test harness or a log shipper does): each batch allocates a
 * large work buffer, frees it, then waits for more input in read(), a cancellation point. The
 * original frees the buffer before it waits, so cancelling the thread loses nothing. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <semaphore.h>

static sem_t ready;
static int pipefd[2];

static long rss_kb(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	long size = 0, rss = 0;
	if (f) {
		if (fscanf(f, "%ld %ld", &size, &rss) != 2)
			rss = 0;
		fclose(f);
	}
	return rss * (sysconf(_SC_PAGESIZE) / 1024);
}

static long process_batch(int fd)
{
	size_t n = 4u << 20;
	unsigned char *buf = malloc(n);
	memset(buf, 7, n);
	long sum = 0;
	for (size_t i = 0; i < n; i += 4096)
		sum += buf[i];
	free(buf);
	sem_post(&ready);
	char c;
	if (read(fd, &c, 1) == 1)
		sum += c;
	return sum;
}

static void *worker(void *arg)
{
	(void)arg;
	process_batch(pipefd[0]);
	return NULL;
}

int main(void)
{
	sem_init(&ready, 0, 0);
	if (pipe(pipefd) != 0)
		return 1;
	long before = rss_kb();
	for (int i = 0; i < 64; i++) {
		pthread_t t;
		pthread_create(&t, NULL, worker, NULL);
		sem_wait(&ready);
		pthread_cancel(t);
		pthread_join(t, NULL);
	}
	long grew = rss_kb() - before;
	printf("64 workers cancelled, memory grew by more than 64 MiB: %s\n", grew > 65536 ? "yes" : "no");
	return 0;
}
