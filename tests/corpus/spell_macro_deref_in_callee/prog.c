/* Idiom: out-parameter helpers written with a dereference macro (OUT(p) (*(p)), seen in
 * generated/compat code such as libiberty/gnulib's "set if non-null" helpers): the store
 * into the caller's object happens inside a macro in a callee. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OUT(p) (*(p))
static char *global_name;

static void put(char **o, char *v) { OUT(o) = v; }

static char *dup_str(const char *s)
{
	char *p = malloc(strlen(s) + 1);
	strcpy(p, s);
	return p;
}

static void set_name(const char *s)
{
	put(&global_name, dup_str(s));
	printf("set %s\n", global_name);
}

int main(void)
{
	set_name("alpha");
	printf("name %s\n", global_name);
	free(global_name);
	return 0;
}
