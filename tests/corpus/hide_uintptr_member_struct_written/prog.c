/* Narrowing b04: the integer is a struct member set directly from the cast, the struct is
 * written to a pipe (a message with a "cookie" field, as in dbus/libevent's evdns). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
struct job { char text[32]; };
struct msg { int kind; uint64_t cookie; };
static int fds[2];
static struct job *make_job(const char *t)
{
	struct job *j = malloc(sizeof *j);
	snprintf(j->text, sizeof j->text, "%s", t);
	return j;
}
static void submit(const char *t)
{
	struct msg m;
	m.kind = 1;
	m.cookie = (uintptr_t)make_job(t);
	if (write(fds[1], &m, sizeof m) != sizeof m) abort();
}
int main(void)
{
	if (pipe(fds)) return 1;
	submit("one");
	struct msg m;
	if (read(fds[0], &m, sizeof m) != sizeof m) return 1;
	struct job *j = (struct job *)(uintptr_t)m.cookie;
	printf("%s\n", j->text);
	free(j);
	return 0;
}
