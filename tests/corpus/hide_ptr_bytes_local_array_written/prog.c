/* Idiom: a framed message built in a local byte array (header byte + pointer bytes),
 * then written to a self-pipe (libevent's evthread notify / nginx's channel): the
 * array holds the pointer's bytes. */
#include <stdint.h>
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
static void submit(const char *t)
{
	struct job *j = make_job(t);
	unsigned char msg[9];
	msg[0] = 'J';
	memcpy(msg + 1, &j, sizeof j);
	if (write(fds[1], msg, sizeof msg) != sizeof msg) abort();
}
int main(void)
{
	if (pipe(fds)) return 1;
	submit("one");
	unsigned char msg[9];
	if (read(fds[0], msg, sizeof msg) != sizeof msg) return 1;
	struct job *j;
	memcpy(&j, msg + 1, sizeof j);
	printf("%c %s\n", msg[0], j->text);
	free(j);
	return 0;
}
