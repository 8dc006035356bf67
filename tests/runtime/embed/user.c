/* A user file of a strict project: includes the header and uses the inline fast paths. */
#ifdef WITH_CONFIG_H
#include "config.h"
#endif
#include "arena_rt.h"

int user_main(void);

int user_main(void)
{
	arena_t a = ARENA_INIT;
	char *s = arena_alloc(&a, 16);
	int ok = s != NULL;

	arena_free(s);
	arena_release(&a);
	return ok;
}
