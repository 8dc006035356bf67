/* Idiom: set_off(&cfg.off, p) storing p - base into a member of a global config (nginx's
 * ngx_conf offsets, in the other direction). */
#include <stddef.h>
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
static char *base;
static struct { int n; ptrdiff_t off; } cfg;
static void set_off(ptrdiff_t *slot, const struct job *p) { *slot = (const char *)p - base; }
static void submit(int id) { set_off(&cfg.off, make_job(id)); }
int main(void)
{
	static char anchor[1];
	base = anchor;
	submit(27);
	struct job *j = (struct job *)(base + cfg.off);
	printf("%d %s\n", j->id, j->name);
	free(j);
	return 0;
}
