/* Idiom: systemd sd-event / glib GWakeup style: a pointer written to a self-pipe through a
 * union's byte view (union { void *p; unsigned char b[8]; }) rather than &p. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
struct job { char text[32]; };
static struct job *make_job(const char *t)
{
	struct job *j = malloc(sizeof *j);
	snprintf(j->text, sizeof j->text, "%s", t);
	return j;
}
static int fds[2];
union cell { struct job *p; unsigned char b[sizeof(struct job *)]; };
static void submit(const char *t)
{
	union cell c;
	c.p = make_job(t);
	if (write(fds[1], c.b, sizeof c.b) != (ssize_t)sizeof c.b) abort();
}
int main(void)
{
	if (pipe(fds)) return 1;
	submit("one");
	union cell c;
	if (read(fds[0], c.b, sizeof c.b) != (ssize_t)sizeof c.b) return 1;
	printf("%s\n", c.p->text);
	free(c.p);
	return 0;
}
