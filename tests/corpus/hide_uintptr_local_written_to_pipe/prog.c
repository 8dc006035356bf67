/* Idiom: a work queue that passes a job pointer through a pipe as a uint64_t (systemd's
 * sd-event / glib's wakeup fds): uint64_t v = (uintptr_t)job; write(fd, &v, 8). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
struct job { char text[32]; };
static int fds[2];
static struct job *make_job(const char *t)
{
	struct job *j = malloc(sizeof *j);
	snprintf(j->text, sizeof j->text, "%s", t);
	return j;
}
static void submit(const char *t)
{
	struct job *j = make_job(t);
	uint64_t v = (uintptr_t)j;
	if (write(fds[1], &v, sizeof v) != sizeof v) abort();
}
int main(void)
{
	if (pipe(fds)) return 1;
	submit("one");
	submit("two");
	for (int i = 0; i < 2; i++) {
		uint64_t v;
		if (read(fds[0], &v, sizeof v) != sizeof v) return 1;
		struct job *j = (struct job *)(uintptr_t)v;
		printf("%s\n", j->text);
		free(j);
	}
	return 0;
}
