/* Shape of a pointer stashed as bytes through a character cast (a generic slot table that
 * stores `memcpy(slot, (char *)&p, sizeof p)`, as hash tables keyed by pointer and
 * serialisers of handles do): the pointer's bytes go to static storage, and main reads the
 * pointer back out of them after the function returned. UNSAFE: the cast to char * changes no
 * byte; the copy hides an arena pointer in memory that outlives the arena. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned char slot[sizeof(char *)];

static void stash(const char *name)
{
	char *w = malloc(strlen(name) + 1);
	strcpy(w, name);
	memcpy(slot, (unsigned char *)&w, sizeof w);
}

int main(void)
{
	stash("kept");
	char *p;
	memcpy(&p, slot, sizeof p);
	puts(p);
	free(p);
	return 0;
}
