/* p11 narrowed: a macro that expands to a dereference of a pointer-to-pointer global. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *msg;
static char **msgp = &msg;
#define last_msg (*msgp)

static char *dup_msg(const char *s)
{
	char *p = malloc(strlen(s) + 1);
	strcpy(p, s);
	return p;
}

static void fail_with(const char *what)
{
	last_msg = dup_msg(what);
	printf("failing: %s\n", msg);
}

int main(void)
{
	fail_with("disk full");
	printf("last: %s\n", msg);
	return 0;
}
