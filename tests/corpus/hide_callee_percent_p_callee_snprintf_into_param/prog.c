/* Idiom: a naming helper name_of(buf, n, obj) that snprintf's "%p" into the buffer it is given
 * (D-Bus object paths, Tcl's Tcl_GetCommandName handles); the caller passes a global buffer. */
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
static char handle[32];
static void name_of(char *buf, size_t n, const void *o) { snprintf(buf, n, "obj%p", o); }
static void submit(int id) { name_of(handle, sizeof handle, make_job(id)); }
int main(void)
{
	submit(20);
	void *p = NULL;
	if (sscanf(handle, "obj%p", &p) != 1)
		return 1;
	struct job *j = p;
	printf("%d %s\n", j->id, j->name);
	free(j);
	return 0;
}
