/* Idiom: an unsigned-to-decimal helper (mawk's da.c, nginx ngx_sprintf_num) writing
 * '0' + v % 10 into a buffer the caller passes, here a global, later parsed back. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
struct job { int id; char name[16]; };
static char idtext[32];
static struct job *make_job(int id)
{
	struct job *j = malloc(sizeof *j);
	j->id = id;
	snprintf(j->name, sizeof j->name, "job%d", id);
	return j;
}
static void utoa10(char *out, uintptr_t v)
{
	char tmp[32];
	int n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	for (int i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = 0;
}
static void submit(int id)
{
	utoa10(idtext, (uintptr_t)make_job(id));
}
int main(void)
{
	submit(12);
	struct job *j = (struct job *)(uintptr_t)strtoull(idtext, NULL, 10);
	printf("%d %s\n", j->id, j->name);
	free(j);
	return 0;
}
