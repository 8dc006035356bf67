/* Idiom: a handle-name helper returning strdup'd "%p" text (Tcl's Tcl_PrintDouble-style handle
 * names, D-Bus unique object paths), kept in a global registry string. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct job { int id; char name[16]; };
static struct job *make_job(int id)
{
	struct job *j = malloc(sizeof *j);
	j->id = id;
	snprintf(j->name, sizeof j->name, "job%d", id);
	return j;
}
static char *reg_name;
static char *name_of(const void *o)
{
	char b[32];
	snprintf(b, sizeof b, "h%p", o);
	return strdup(b);
}
static void submit(int id) { reg_name = name_of(make_job(id)); }
int main(void)
{
	submit(26);
	void *p = NULL;
	if (sscanf(reg_name, "h%p", &p) != 1)
		return 1;
	struct job *j = p;
	printf("%d %s\n", j->id, j->name);
	free(j);
	free(reg_name);
	return 0;
}
