/* A parent project's program: strict C99, as a C99 library built with -std=c99 is. */
#if !defined(__STDC_VERSION__) || __STDC_VERSION__ != 199901L
#error "the project's own -std=c99 must reach its files (the runtime must not switch it)"
#endif
#include "arena_rt.h"

#include <stdio.h>

int main(void)
{
	arena_t a = ARENA_INIT;
	char *s = arena_strdup(&a, "arena_rt ok");

	puts(s);
	arena_release(&a);
	return 0;
}
