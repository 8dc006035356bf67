/*
 * driver_common: what every real-world driver shares: reading an input file, the command line
 * (`arena_driver [-n N] FILE...`), and, for the threaded drivers, their whole main loop.
 *
 * Ownership: rw_slurp returns heap memory (malloc) that the caller frees; it is read outside
 * every scope. A summary is plain bytes (compared with memcmp across threads): no pointers.
 * Header-only with static functions: each driver includes it once.
 */
#ifndef DRIVER_COMMON_H
#define DRIVER_COMMON_H

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The whole file, NUL-terminated; its length in *len when len is not NULL. NULL if unreadable. */
static char *rw_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, n, used = 0;
	char *buf = malloc(cap);
	while ((n = fread(buf + used, 1, cap - used - 1, f)) > 0) {
		used += n;
		if (cap - used < 2)
			buf = realloc(buf, cap *= 2);
	}
	fclose(f);
	buf[used] = '\0';
	if (len)
		*len = used;
	return buf;
}

/* `-n N` before the files: N repetitions (default 1); *first is the index of the first file. */
static int rw_reps(int argc, char **argv, int *first)
{
	*first = 1;
	if (argc > 2 && strcmp(argv[1], "-n") == 0) {
		*first = 3;
		return atoi(argv[2]);
	}
	return 1;
}

static const char *rw_base(const char *path)
{
	const char *b = strrchr(path, '/');
	return b ? b + 1 : path;
}

#define RW_THREADS_MAX 8
#define RW_DOCS_MAX    32
#define RW_SUMMARY_MAX 64

struct rw_job {
	int ndocs, reps;
	char *text[RW_DOCS_MAX];
	void (*handle)(const char *text, void *summary);
	size_t size; /* of one summary, at most RW_SUMMARY_MAX */
	unsigned char out[RW_DOCS_MAX][RW_SUMMARY_MAX];
};

static void *rw_run(void *arg)
{
	struct rw_job *j = arg;
	for (int d = 0; d < j->ndocs; d++)
		for (int r = 0; r < j->reps; r++) {
			memset(j->out[d], 0, j->size);
			j->handle(j->text[d], j->out[d]);
		}
	return NULL;
}

/*
 * The threaded drivers' main: every FILE of the command line handled N times by each of
 * `threads` threads at once; the summaries must agree across threads (stderr otherwise), and
 * print(name, summary) writes each file's line from the first thread's.
 */
static void rw_threaded_main(int argc, char **argv, int threads,
                             void (*handle)(const char *text, void *summary), size_t size,
                             void (*print)(const char *name, const void *summary))
{
	static struct rw_job jobs[RW_THREADS_MAX];
	const char *names[RW_DOCS_MAX];
	int i, ndocs = 0, reps = rw_reps(argc, argv, &i);
	if (threads > RW_THREADS_MAX || size > RW_SUMMARY_MAX)
		abort();
	for (; i < argc && ndocs < RW_DOCS_MAX; i++) {
		char *text = rw_slurp(argv[i], NULL);
		if (!text)
			continue;
		names[ndocs] = rw_base(argv[i]);
		for (int t = 0; t < threads; t++)
			jobs[t].text[ndocs] = text;
		ndocs++;
	}
	pthread_t tid[RW_THREADS_MAX];
	for (int t = 0; t < threads; t++) {
		jobs[t].ndocs = ndocs;
		jobs[t].reps = reps;
		jobs[t].handle = handle;
		jobs[t].size = size;
		pthread_create(&tid[t], NULL, rw_run, &jobs[t]);
	}
	for (int t = 0; t < threads; t++)
		pthread_join(tid[t], NULL);
	for (int d = 0; d < ndocs; d++) {
		for (int t = 1; t < threads; t++)
			if (memcmp(jobs[0].out[d], jobs[t].out[d], size) != 0)
				fprintf(stderr, "%s: thread %d disagrees\n", names[d], t);
		print(names[d], jobs[0].out[d]);
		free(jobs[0].text[d]);
	}
}

#endif
