/* p98 narrowed: a designated initializer in a local, the local copied to the global. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct state { char *name; int n; };
static struct state the_state;
static struct state *st = &the_state;

static char *dup_str(const char *s)
{
	char *p = malloc(strlen(s) + 1);
	strcpy(p, s);
	return p;
}

static void set_state(const char *s)
{
	struct state tmp = {.name = dup_str(s), .n = 1};
	the_state = tmp;
	printf("state %s\n", st->name);
}

int main(void)
{
	set_state("ready");
	printf("now %s\n", the_state.name);
	free(the_state.name);
	return 0;
}
