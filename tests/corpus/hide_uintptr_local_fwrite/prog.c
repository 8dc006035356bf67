/* Idiom: a spill file of job ids (sort(1)'s temp files, a checkpoint): the pointer as a
 * uint64_t local is fwrite'n to a global tmpfile and read back later. */
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
static FILE *spill;
static void submit(const char *t)
{
	uint64_t v = (uintptr_t)make_job(t);
	fwrite(&v, sizeof v, 1, spill);
}
int main(void)
{
	spill = tmpfile();
	submit("one");
	rewind(spill);
	uint64_t v;
	if (fread(&v, sizeof v, 1, spill) != 1) return 1;
	struct job *j = (struct job *)(uintptr_t)v;
	printf("%s\n", j->text);
	free(j);
	fclose(spill);
	return 0;
}
