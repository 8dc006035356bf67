/* Idiom: a handle formatted with %p into a local buffer, then strcpy'd into a global id
 * (D-Bus object paths / Tcl handle names "file0x55..."), parsed back with sscanf %p. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct sess { char user[16]; };
static char handle_name[32];
static struct sess *make_sess(const char *u) { struct sess *s = malloc(sizeof *s); snprintf(s->user, sizeof s->user, "%s", u); return s; }
static void login(const char *u)
{
	char tmp[32];
	snprintf(tmp, sizeof tmp, "%p", (void *)make_sess(u));
	strcpy(handle_name, tmp);
}
int main(void)
{
	login("alice");
	void *p = NULL;
	sscanf(handle_name, "%p", &p);
	printf("%s\n", ((struct sess *)p)->user);
	free(p);
	return 0;
}
