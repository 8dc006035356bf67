/* Idiom: a reply buffer owned by the caller (heap, passed in) into which the request writes
 * a job handle as bytes (memcpy(out->bytes, &j, 8)), like an RPC reply's opaque cookie. */
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
struct reply { unsigned char cookie[8]; };
static void submit(struct reply *out, const char *t)
{
	struct job *j = make_job(t);
	unsigned char tmp[8];
	memcpy(tmp, &j, sizeof tmp);
	memcpy(out->cookie, tmp, sizeof tmp);
}
int main(void)
{
	struct reply *r = malloc(sizeof *r);
	submit(r, "one");
	struct job *j;
	memcpy(&j, r->cookie, sizeof j);
	printf("%s\n", j->text);
	free(j);
	free(r);
	return 0;
}
