/* Narrowing b04: the integer made from the pointer is kept in a local, then its bytes are
 * copied into a global buffer with memcpy. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct job { char text[32]; };
static unsigned char g_buf[8];
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
	memcpy(g_buf, &v, sizeof v);
}
int main(void)
{
	submit("one");
	uint64_t v;
	memcpy(&v, g_buf, sizeof v);
	struct job *j = (struct job *)(uintptr_t)v;
	printf("%s\n", j->text);
	free(j);
	return 0;
}
