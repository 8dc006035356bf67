/* Idiom: a record staged in a local char array (memcpy of the pointer into it), then the
 * array copied into a global ring slot (two byte copies, as in lock-free queues). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct job { char text[32]; };
static struct job *make_job(const char *t)
{
	struct job *j = malloc(sizeof *j);
	snprintf(j->text, sizeof j->text, "%s", t);
	return j;
}
static unsigned char ring[4][8];
static void submit(int i, const char *t)
{
	struct job *j = make_job(t);
	unsigned char tmp[8];
	memcpy(tmp, &j, sizeof j);
	memcpy(ring[i], tmp, sizeof tmp);
}
int main(void)
{
	submit(0, "one");
	struct job *j;
	memcpy(&j, ring[0], sizeof j);
	printf("%s\n", j->text);
	free(j);
	return 0;
}
