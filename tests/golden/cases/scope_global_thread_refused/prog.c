/* scope_global_cleared in a unit that starts a thread: the thread may read the global while
 * the scope runs and keep the pointer past its end, so the store is refused at once. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *g_last;

static void note(const char *s)
{
	free(g_last);
	g_last = strdup(s);
}

static unsigned long glob_doc(int n)
{
	unsigned long h = 0;
	for (int i = 0; i < n; i++) {
		note(i % 2 ? "odd" : "even");
		h = h * 31 + strlen(g_last);
	}
	free(g_last);
	g_last = NULL;
	return h;
}

static void *worker(void *arg)
{
	*(unsigned long *)arg = glob_doc(4);
	return NULL;
}

int main(void)
{
	unsigned long h = 0;
	pthread_t t;
	if (pthread_create(&t, NULL, worker, &h) != 0)
		return 1;
	pthread_join(t, NULL);
	printf("%lu\n", h);
	return 0;
}
