/* p98 narrowed: the scope function returns a compound literal holding arena memory. */
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

static struct state make_state(const char *s)
{
	return (struct state){.name = dup_str(s), .n = 1};
}

int main(void)
{
	the_state = make_state("ready");
	printf("now %s\n", the_state.name);
	free(the_state.name);
	return 0;
}
