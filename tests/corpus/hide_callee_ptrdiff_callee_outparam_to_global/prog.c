/* Idiom: a helper computing an offset through an out-parameter (*off = p - base), as in
 * bison's yyparse stack relocation and flex's yy_c_buf_p rebasing; the caller passes a global. */
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
static ptrdiff_t saved;
static void off_of(ptrdiff_t *off, const void *p) { *off = (const char *)p - base; }
static void submit(int id) { off_of(&saved, make_job(id)); }
int main(void)
{
	static char anchor[1];
	base = anchor;
	submit(16);
	struct job *j = (struct job *)(base + saved);
	printf("%d %s\n", j->id, j->name);
	free(j);
	return 0;
}
