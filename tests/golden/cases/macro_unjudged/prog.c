#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A macro whose allocation is a hotspot's in one function, and also expanded in a function the
 * scope reaches that is no hotspot of it: a scope-aware definition would hand that function
 * scope memory nobody judged, so the hotspot is refused, naming the macro and the place. */
#define COPY(s) strcpy(malloc(strlen(s) + 1), (s))

static char *saved;

static char *label(const char *s)
{
	return COPY(s);
}

static void remember(const char *s)
{
	free(saved);
	saved = COPY(s); /* outlives the scope */
}

static void show(const char *s)
{
	char *l = label(s);
	remember(s);
	puts(l);
	free(l);
}

int main(void)
{
	show("one");
	show("two");
	puts(saved);
	free(saved);
	return 0;
}
