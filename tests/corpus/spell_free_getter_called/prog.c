/* Idiom: a function returning the deallocator (sqlite3_free-style getter,
 * `mem_get_free()`), called as get_free()(p). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void (*free_fn)(void *);
static free_fn get_free(void) { return free; }

static char *dup_str(const char *s)
{
	char *p = malloc(strlen(s) + 1);
	strcpy(p, s);
	return p;
}

static void use(const char *s)
{
	char *p = dup_str(s);
	printf("%s\n", p);
	get_free()(p);
}

int main(void)
{
	use("a");
	use("b");
	return 0;
}
