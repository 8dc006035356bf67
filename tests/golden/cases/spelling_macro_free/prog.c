/* A free the rewrite cannot edit: spelled by a project macro through another macro (its
 * definition does not name free itself), in a function the hotspot's memory reaches. It
 * stays libc's free, so arena memory would reach it: the hotspot is refused
 * [arena-heap-free], with a note on the call. (A macro whose body calls free itself is
 * rewritten in its definition: macro_growable.) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RAW_FREE free
#define FREE_IT(p) RAW_FREE(p)

static void release(char *s)
{
	FREE_IT(s);
}

static int work(const char *t)
{
	char *a = malloc(strlen(t) + 1);
	strcpy(a, t);
	int n = (int)strlen(a);
	release(a);
	return n;
}

int main(void)
{
	printf("%d\n", work("hello"));
	return 0;
}
