/* Idiom: a portable byte-by-byte encoder (for (i...) buf[i] = ((unsigned char *)&p)[i],
 * as in serializers avoiding memcpy), followed by memcpy of the staged bytes to a global. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
struct job { char text[32]; };
static struct job *make_job(const char *t)
{
	struct job *j = malloc(sizeof *j);
	snprintf(j->text, sizeof j->text, "%s", t);
	return j;
}
static unsigned char g_slot[8];
static void submit(const char *t)
{
	struct job *j = make_job(t);
	unsigned char tmp[8];
	const unsigned char *src = (const unsigned char *)&j;
	for (size_t i = 0; i < sizeof j; i++) tmp[i] = src[i];
	memcpy(g_slot, tmp, sizeof tmp);
}
int main(void)
{
	submit("one");
	struct job *j;
	memcpy(&j, g_slot, sizeof j);
	printf("%s\n", j->text);
	free(j);
	return 0;
}
