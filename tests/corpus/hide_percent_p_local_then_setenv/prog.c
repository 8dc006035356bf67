/* Idiom: a handle passed on through the environment as text (setenv("X_HANDLE", buf)),
 * as launchers pass fds/handles to children; read back with getenv + sscanf. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct sess { char user[16]; };
static struct sess *make_sess(const char *u) { struct sess *s = malloc(sizeof *s); snprintf(s->user, sizeof s->user, "%s", u); return s; }
static void export_handle(const char *u)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%p", (void *)make_sess(u));
	setenv("X_HANDLE", buf, 1);
}
int main(void)
{
	export_handle("bob");
	void *p = NULL;
	sscanf(getenv("X_HANDLE"), "%p", &p);
	printf("%s\n", ((struct sess *)p)->user);
	free(p);
	return 0;
}
