/* Idiom: a printf-like logging helper (nginx ngx_log_error, tmux's log_debug) with a "%p"
 * argument, formatting into a global "last message" buffer that is parsed later. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
struct job { int id; char name[16]; };
static struct job *make_job(int id)
{
	struct job *j = malloc(sizeof *j);
	j->id = id;
	snprintf(j->name, sizeof j->name, "job%d", id);
	return j;
}
static char lastmsg[64];
static void logf_(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(lastmsg, sizeof lastmsg, fmt, ap);
	va_end(ap);
}
static void submit(int id) { logf_("queued %p", (void *)make_job(id)); }
int main(void)
{
	submit(22);
	void *p = NULL;
	if (sscanf(lastmsg, "queued %p", &p) != 1)
		return 1;
	struct job *j = p;
	printf("%d %s\n", j->id, j->name);
	free(j);
	return 0;
}
