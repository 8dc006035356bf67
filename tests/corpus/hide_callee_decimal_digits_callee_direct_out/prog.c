/* Probe for a11: the decimal helper writes out[i] directly (reversed in place), no local tmp. */
#include <stdint.h>
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
static char idtext[32];
static void utoa10(char *out, uintptr_t v)
{
	int n = 0;
	do {
		out[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	out[n] = 0;
	for (int i = 0; i < n / 2; i++) {
		char c = out[i];
		out[i] = out[n - 1 - i];
		out[n - 1 - i] = c;
	}
}
static void submit(int id) { utoa10(idtext, (uintptr_t)make_job(id)); }
int main(void)
{
	submit(18);
	struct job *j = (struct job *)(uintptr_t)strtoull(idtext, NULL, 10);
	printf("%d %s\n", j->id, j->name);
	free(j);
	return 0;
}
