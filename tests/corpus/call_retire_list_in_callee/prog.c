/* control for p03 without a cleanup region: retire_buf(b) called directly. cleanup handler that does not free but "retires" its arg onto a deferred-free list through a
 * helper (liburcu call_rcu / defer_rcu shape); main drains the list after join. No cancel, no
 * pthread_exit. Hot: dup_buf, scope worker_step. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct retired { struct retired *next; void *p; };
static struct retired *retired_list;
static char *dup_buf(const char *s) { char *p = malloc(strlen(s) + 1); strcpy(p, s); return p; }
static void defer_free(void *p)
{
	struct retired *r = malloc(sizeof *r);
	r->p = p; r->next = retired_list; retired_list = r;
}
static void retire_buf(void *p) { defer_free(p); }
static size_t worker_step(const char *s)
{
	char *b = dup_buf(s);
	size_t n;
	
	for (char *q = b; *q; q++) if (*q >= 'a' && *q <= 'z') *q = (char)(*q - 32);
	n = strlen(b);
	retire_buf(b);
	return n;
}
static void *worker(void *arg)
{
	size_t *total = arg;
	*total += worker_step("one");
	*total += worker_step("three");
	return NULL;
}
int main(void)
{
	pthread_t t;
	size_t total = 0;
	pthread_create(&t, NULL, worker, &total);
	pthread_join(t, NULL);
	char *d = dup_buf("filler-filler-filler");
	while (retired_list) {
		struct retired *r = retired_list; retired_list = r->next;
		printf("retired %s\n", (char *)r->p); free(r->p); free(r);
	}
	printf("%zu bytes %s\n", total, d);
	free(d);
	return 0;
}
